import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendMessages, flagsOf, openImap, resetMailbox, subjectsIn } from "@/e2e/helpers/imap";
import { moveMessages, removeMessages, searchUids } from "@/lib/imap/update-messages";
import { plainMessage, SEED_EPOCH } from "@/scripts/seed-lib";

// Against the real Dovecot: move and delete answer with the new UIDs (UIDPLUS COPYUID), which is what
// Undo moves back by; and the folder's UIDs come from one SEARCH for "select all" (issue 12 points 4, 11).
const user = { email: "t271@example.test", password: "test-pass" };
let client: ImapFlow;
const mk = (subject: string, i: number) =>
  plainMessage({ from: { name: "Undo Test", address: "undo@example.test" }, to: user.email, subject, date: new Date(SEED_EPOCH.getTime() + i * 60_000), text: `Body of ${subject}` });

beforeAll(async () => {
  await resetMailbox(user);
  client = await openImap(user);
});

afterAll(async () => {
  await client.logout().catch(() => client.close());
});

describe("moves that can be undone", () => {
  it("a move answers [old, new] UID pairs, and moving back by them restores the message", async () => {
    const [a, b] = await appendMessages(user, "INBOX", [mk("Undo one", 1), mk("Undo two", 2)], ["\\Flagged"]);
    const moved = await moveMessages(client, "INBOX", [a!, b!], "Archive");
    expect(moved).toHaveLength(2);
    expect(moved!.map(([old]) => old).sort()).toEqual([a, b].sort());
    expect(await subjectsIn(user, "Archive")).toEqual(expect.arrayContaining(["Undo one", "Undo two"]));
    const back = await moveMessages(client, "Archive", moved!.map(([, now]) => now), "INBOX");
    expect(back).toHaveLength(2);
    expect(await subjectsIn(user, "INBOX")).toEqual(expect.arrayContaining(["Undo one", "Undo two"]));
    expect(await subjectsIn(user, "Archive")).not.toContain("Undo one");
    // MOVE keeps flags: the flag set before is there after the round trip.
    expect((await flagsOf(user, "INBOX", back![0]![1]))?.has("\\Flagged")).toBe(true);
  });

  it("a delete to Trash says where it went and with which UIDs", async () => {
    const [c] = await appendMessages(user, "INBOX", [mk("Undo three", 3)]);
    const out = await removeMessages(client, "INBOX", [c!]);
    expect(out.destination).toBe("Trash");
    expect(out.moved).toEqual([[c, expect.any(Number)]]);
    expect(await subjectsIn(user, "Trash")).toContain("Undo three");
  });

  it("every UID of a folder, or its unread ones, newest first and bounded", async () => {
    const uids = [...(await appendMessages(user, "Drafts", [mk("d1", 1)], ["\\Seen"])), ...(await appendMessages(user, "Drafts", [mk("d2", 2), mk("d3", 3)]))];
    expect(await searchUids(client, "Drafts", false, 100)).toEqual([...uids].reverse());
    expect(await searchUids(client, "Drafts", true, 100)).toEqual([uids[2], uids[1]]);
    expect(await searchUids(client, "Drafts", false, 2)).toEqual([uids[2], uids[1]]);
  });
});
