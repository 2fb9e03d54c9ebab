import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { recordCommands, resetMailbox } from "@/e2e/helpers/imap";
import { loadEnv } from "@/lib/env";
import { listMessages } from "@/lib/imap/list-messages";
import type { ListOptions } from "@/lib/mail/store";

// Under load, a search (the list's search box, each folder of an "all folders" search) repeated while
// the folder is unchanged is answered from memory after one STATUS: no SEARCH, no FETCH. Any change
// another client makes (a flag, a new message) is seen by the next search. t466's "SearchCache" folder
// is rebuilt at the start.
const user = "t466@example.test";
const FOLDER = "SearchCache";

let client: ImapFlow; // the one under test, its commands recorded
let other: ImapFlow; // "another client"
let sent: string[] = [];
let run = 0;

const connect = async () => {
  const c = new ImapFlow({ host: "127.0.0.1", port: loadEnv().IMAP_PORT, secure: false, auth: { user, pass: "test-pass" }, logger: false });
  c.on("error", () => {});
  await c.connect();
  return c;
};

const message = (i: number, word: string) =>
  `From: Sender ${i} <s${i}@example.test>\r\nTo: ${user}\r\nSubject: ${word} number ${i}\r\nDate: ${new Date(Date.UTC(2025, 0, 1 + i)).toUTCString()}\r\nContent-Type: text/plain\r\n\r\nAbout the ${word}.\r\n`;

beforeAll(async () => {
  await resetMailbox({ email: user, password: "test-pass" });
  other = await connect();
  await other.mailboxCreate(FOLDER);
  for (let i = 0; i < 12; i++) await other.append(FOLDER, message(i, i % 2 ? "invoice" : "meeting"), [], new Date(Date.UTC(2025, 0, 1 + i)));
  client = await connect();
  recordCommands(client, (line) => sent.push(line));
}, 60_000);

afterAll(async () => {
  await client?.logout().catch(() => client.close());
  await other?.logout().catch(() => other.close());
});

beforeEach(() => {
  sent = [];
  run++;
});

const search = (text: string, extra: Partial<ListOptions> = {}) => listMessages(client, `${user}-search-${run}`, FOLDER, { limit: 50, search: { text, field: "all" }, ...extra });
async function flag(uid: number, on: boolean) {
  const lock = await other.getMailboxLock(FOLDER);
  try {
    if (on) await other.messageFlagsAdd(String(uid), ["\\Flagged"], { uid: true });
    else await other.messageFlagsRemove(String(uid), ["\\Flagged"], { uid: true });
  } finally {
    lock.release();
  }
}
const work = () => sent.filter((c) => /^(UID )?(SEARCH|FETCH)/.test(c));

describe("repeated searches in an unchanged folder", () => {
  it("are answered from memory after one STATUS: no SEARCH, no FETCH", async () => {
    const first = await search("invoice");
    expect(first.total).toBe(6);
    expect(work().length).toBeGreaterThan(0);
    sent = [];
    const again = await search("invoice");
    expect(again).toEqual(first);
    expect(work()).toEqual([]);
    expect(sent.some((c) => c.startsWith("STATUS"))).toBe(true);
    // Another word, or another page size, is another search.
    sent = [];
    expect((await search("meeting")).total).toBe(6);
    expect(work().length).toBeGreaterThan(0);
  });

  it("see a flag another client changed (HIGHESTMODSEQ moved)", async () => {
    const first = await search("invoice");
    const target = first.messages[0]!;
    expect(target.flagged).toBe(false);
    await flag(target.uid, true);
    sent = [];
    const after = await search("invoice");
    expect(work().length).toBeGreaterThan(0);
    expect(after.messages.find((m) => m.uid === target.uid)?.flagged).toBe(true);
    await flag(target.uid, false);
  });

  it("see a message another client added, while the folder is open on this connection", async () => {
    const before = await search("invoice");
    // The connection has the folder selected now: its view is synced (NOOP) before STATUS is trusted.
    expect(client.mailbox && client.mailbox.path).toBe(FOLDER);
    await other.append(FOLDER, message(99, "invoice"));
    sent = [];
    const after = await search("invoice");
    expect(after.total).toBe(before.total + 1);
    expect(work().length).toBeGreaterThan(0);
  });
});
