import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendMessages, resetMailbox } from "@/e2e/helpers/imap";
import { threadCorpus } from "@/e2e/helpers/thread-mail";
import { loadEnv } from "@/lib/env";
import { listMessages } from "@/lib/imap/list-messages";
import { listFolders } from "@/lib/imap/list-folders";
import { fetchThreadHeaders, fetchThreadWindow } from "@/lib/imap/thread-headers";
import { listConversations } from "@/lib/mail/conversations";
import type { MailStore } from "@/lib/mail/store";

// Against the real Dovecot, with the THREAD extension unused: Mailroom's own threading of INBOX plus Sent.
const user = { email: "t256@example.test", password: "test-pass" };
let client: ImapFlow;

/** The parts of ImapStore the conversations need, over one direct connection. */
function storeOver(c: ImapFlow): MailStore {
  return {
    listMessages: (folder: string, opts: Parameters<MailStore["listMessages"]>[1]) => listMessages(c, `${user.email}-int-${Math.random()}`, folder, opts),
    listFolders: () => listFolders(c),
    threadHeaders: (folder: string, uids: number[]) => fetchThreadHeaders(c, folder, uids),
    threadWindow: (folder: string, since: Date, until: Date, max: number) => fetchThreadWindow(c, folder, since, until, max),
  } as unknown as MailStore;
}

beforeAll(async () => {
  await resetMailbox(user);
  const corpus = threadCorpus(user.email, `int${Date.now()}`);
  for (const m of corpus) await appendMessages(user, m.folder, [m.raw]);
  client = new ImapFlow({ host: "127.0.0.1", port: loadEnv().IMAP_PORT, secure: false, auth: { user: user.email, pass: user.password }, logger: false });
  client.on("error", () => {});
  await client.connect();
});

afterAll(async () => {
  await client?.logout().catch(() => client.close());
});

describe("listConversations (real IMAP)", () => {
  it("threads INBOX by References with the person's reply from Sent, and by subject where ids are missing", async () => {
    const page = await listConversations(storeOver(client), "INBOX", { limit: 50 });
    expect(page.sentFolder).toBe("Sent");
    expect(page.byReferences).toBe(true);
    expect(page.total).toBe(5);
    const shapes = page.threads.map((t) => t.messages.map((m) => `${m.folder}:${m.subject}`));
    // Newest activity first; members oldest first.
    expect(shapes).toEqual([
      ["INBOX:Budget", "INBOX:RE: Budget"],
      ["INBOX:Offsite plan", "Sent:Re: Offsite plan", "INBOX:Re: Offsite plan"],
      ["INBOX:Lunch on Friday"],
    ]);
    // The Sent reply carries its own UID and folder, so actions can reach it there.
    const reply = page.threads[1].messages[1];
    expect(reply.folder).toBe("Sent");
    expect(reply.uid).toBeGreaterThan(0);
    // The unrelated Sent note is not one of INBOX's conversations.
    expect(page.threads.flatMap((t) => t.messages).some((m) => m.subject === "Unrelated note")).toBe(false);
  });

  it("threads a later window on its own, with the same id for a conversation that spans windows", async () => {
    const first = await listConversations(storeOver(client), "INBOX", { limit: 3 });
    expect(first.nextCursor).not.toBeNull();
    const second = await listConversations(storeOver(client), "INBOX", { limit: 3, before: first.nextCursor! });
    const plan1 = first.threads.find((t) => t.messages.some((m) => m.subject === "Re: Offsite plan"))!;
    const plan2 = second.threads.find((t) => t.messages.some((m) => m.subject === "Offsite plan"))!;
    expect(plan1.id).toBe(plan2.id);
  });
});
