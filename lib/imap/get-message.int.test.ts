import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendMessages, openImap, resetMailbox, withImap } from "@/e2e/helpers/imap";
import { getMessage } from "@/lib/imap/get-message";
import { plainMessage, SEED_EPOCH } from "@/scripts/seed-lib";

// Against the real Dovecot: a session that selected the folder before someone else appended a message
// still opens it (Dovecot shows new mail to a session on NOOP, not on FETCH), and a message deleted by
// someone else is reported as that.
const user = { email: "t330@example.test", password: "test-pass" };
let client: ImapFlow;
const mk = (subject: string, i: number) =>
  plainMessage({ from: { name: "Open Test", address: "open@example.test" }, to: user.email, subject, date: new Date(SEED_EPOCH.getTime() + i * 60_000), text: `Body of ${subject}` });

beforeAll(async () => {
  await resetMailbox(user);
  client = await openImap(user);
});

afterAll(async () => {
  await client.logout().catch(() => client.close());
});

describe("opening a message on a session that selected the folder earlier", () => {
  it("opens a message appended by another client after the session's SELECT", async () => {
    const [first] = await appendMessages(user, "INBOX", [mk("Before", 1)]);
    expect((await getMessage(client, user.email, "INBOX", first!, true)).subject).toBe("Before"); // INBOX now selected
    const [late] = await appendMessages(user, "INBOX", [mk("Appended meanwhile", 2)]);
    expect((await getMessage(client, user.email, "INBOX", late!, true)).subject).toBe("Appended meanwhile");
  });

  it("still says 'moved or deleted' for a message someone else removed, and 'no such message' for a UID never given out", async () => {
    const [gone] = await appendMessages(user, "INBOX", [mk("Removed elsewhere", 3)]);
    await withImap(user, async (other) => {
      const lock = await other.getMailboxLock("INBOX");
      try {
        await other.messageDelete(String(gone), { uid: true });
      } finally {
        lock.release();
      }
    });
    await expect(getMessage(client, user.email, "INBOX", gone!, true)).rejects.toMatchObject({ code: "MESSAGE_GONE" });
    await expect(getMessage(client, user.email, "INBOX", gone! + 1000, true)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
