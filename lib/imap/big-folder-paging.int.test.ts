import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { recordCommands, resetMailbox } from "@/e2e/helpers/imap";
import { loadEnv } from "@/lib/env";
import { listMessages } from "@/lib/imap/list-messages";
import { searchUids } from "@/lib/imap/update-messages";
import type { ListOptions } from "@/lib/mail/store";

// Issue 13 point 8 against the real Dovecot: pages of a few-thousand-message folder are sequence
// ranges (no UID SEARCH of the folder), the same rows as paging by the folder's UID list, served from
// the page cache without a FETCH while nothing changed, and brought up to date by CHANGEDSINCE or a
// re-read when something did. t371's folder "Paging" is rebuilt at the start.
const user = "t371@example.test";
const FOLDER = "Paging";
const COUNT = 2000;
const LIMIT = 50;
const START = Date.UTC(2025, 0, 1, 12);
const HOUR = 3600_000;

let client: ImapFlow; // the one under test, its commands recorded
let other: ImapFlow; // "another client": flags, appends, expunges
let sent: string[] = [];
let uids: number[] = []; // the folder's UIDs, newest first, from other's UID SEARCH ALL
let run = 0;

const connect = async () => {
  const c = new ImapFlow({ host: "127.0.0.1", port: loadEnv().IMAP_PORT, secure: false, auth: { user, pass: "test-pass" }, logger: false });
  c.on("error", () => {});
  await c.connect();
  return c;
};

function message(i: number): string {
  return `From: Sender ${i % 17} <s${i % 17}@example.test>\r\nTo: ${user}\r\nSubject: Paging ${i}\r\nDate: ${new Date(START + i * HOUR).toUTCString()}\r\nContent-Type: text/plain\r\n\r\nBody of message ${i}.\r\n`;
}

async function refreshUids() {
  const lock = await other.getMailboxLock(FOLDER);
  try {
    uids = ((await other.search({ all: true }, { uid: true })) || []).sort((a, b) => b - a);
  } finally {
    lock.release();
  }
}

beforeAll(async () => {
  await resetMailbox({ email: user, password: "test-pass" });
  other = await connect();
  await other.mailboxCreate(FOLDER);
  for (let i = 0; i < COUNT; i++) await other.append(FOLDER, message(i), ["\\Seen"], new Date(START + i * HOUR));
  await refreshUids();
  client = await connect();
  recordCommands(client, (line) => sent.push(line));
}, 120_000);

afterAll(async () => {
  await client?.logout().catch(() => client.close());
  await other?.logout().catch(() => other.close());
});

beforeEach(() => {
  sent = [];
  run++;
});

// Each test its own cache namespace (the account key), so one test's pages never serve another's.
const list = (opts: Partial<ListOptions>) => listMessages(client, `${user}-paging-${run}`, FOLDER, { limit: LIMIT, ...opts });
const searches = () => sent.filter((c) => /^(UID )?SEARCH/.test(c));
const fetches = () => sent.filter((c) => /^(UID )?FETCH/.test(c));
/** A SEARCH that answers with one number per message: one without RETURN (…), not confined to a few sequence numbers. */
const listingSearches = () => searches().filter((c) => !c.includes('"RETURN"') && !/^SEARCH \[\{"type":"SEQUENCE"/.test(c));

describe("paging a big folder by sequence ranges", () => {
  it("walks older pages by cursor with no UID SEARCH of the folder, the same rows as the UID list", async () => {
    let page = await list({});
    expect(page.messages.map((m) => m.uid)).toEqual(uids.slice(0, LIMIT));
    for (let n = 1; n < 4; n++) {
      page = await list({ before: page.nextCursor! });
      expect(page.messages.map((m) => m.uid)).toEqual(uids.slice(n * LIMIT, (n + 1) * LIMIT));
    }
    // Far down: the cursor 1,900 rows in.
    const far = await list({ before: uids[1900]! });
    expect(far.messages.map((m) => m.uid)).toEqual(uids.slice(1901, 1951));
    expect(far.nextCursor).toBe(uids[1950]);
    const last = await list({ before: uids[COUNT - 10]! });
    expect(last.messages.map((m) => m.uid)).toEqual(uids.slice(COUNT - 9));
    expect(last.nextCursor).toBeNull();
    expect(listingSearches()).toEqual([]);
    expect(searches().some((c) => c.includes('"ALL"'))).toBe(false);
  });

  it("jumps to a day and to the oldest page with ESEARCH MAX, not a list of the folder", async () => {
    const day = new Date(START + 1200 * HOUR).toISOString().slice(0, 10);
    const next = Date.parse(`${day}T00:00:00Z`) + 24 * HOUR;
    const newestThatDay = Math.floor((next - START - 1) / HOUR); // message index, dates one hour apart
    const page = await list({ jump: { day } });
    expect(page.messages[0]!.subject).toBe(`Paging ${newestThatDay}`);
    expect(page.messages.map((m) => m.uid)).toEqual(uids.slice(COUNT - 1 - newestThatDay, COUNT - 1 - newestThatDay + LIMIT));
    expect(page.offset).toBe(COUNT - 1 - newestThatDay);
    const oldest = await list({ jump: "oldest" });
    expect(oldest.messages.map((m) => m.uid)).toEqual(uids.slice(COUNT - LIMIT));
    expect(listingSearches()).toEqual([]);
    expect(searches().some((c) => c.includes('"MAX"'))).toBe(true);
  });

  it("pages arrival order, oldest first, by sequence ranges too", async () => {
    const asc = [...uids].reverse();
    let page = await list({ sort: { key: "arrival", desc: false } });
    expect(page.messages.map((m) => m.uid)).toEqual(asc.slice(0, LIMIT));
    page = await list({ sort: { key: "arrival", desc: false }, before: page.nextCursor! });
    expect(page.messages.map((m) => m.uid)).toEqual(asc.slice(LIMIT, 2 * LIMIT));
    expect(page.offset).toBe(LIMIT);
    expect(listingSearches()).toEqual([]);
  });

  it("serves a cached page without a FETCH while the folder is unchanged", async () => {
    const first = await list({ before: uids[500]! });
    expect(fetches().length).toBeGreaterThan(0);
    sent = [];
    const again = await list({ before: uids[500]! });
    expect(again).toEqual(first);
    expect(fetches()).toEqual([]);
    expect(sent.some((c) => c.startsWith("STATUS"))).toBe(true);
  });

  it("brings a cached page up to date with CHANGEDSINCE when another client changes a flag", async () => {
    const before = await list({ before: uids[700]! });
    const target = before.messages[3]!;
    expect(target.flagged).toBe(false);
    const lock = await other.getMailboxLock(FOLDER);
    try {
      await other.messageFlagsAdd(String(target.uid), ["\\Flagged"], { uid: true });
      await other.messageFlagsRemove(String(target.uid), ["\\Seen"], { uid: true });
    } finally {
      lock.release();
    }
    sent = [];
    const after = await list({ before: uids[700]! });
    const row = after.messages.find((m) => m.uid === target.uid)!;
    expect(row.flagged).toBe(true);
    expect(row.seen).toBe(false);
    expect(after.messages.map((m) => m.uid)).toEqual(before.messages.map((m) => m.uid));
    // One FETCH of FLAGS only, CHANGEDSINCE the cached page's modseq: no envelopes re-read.
    expect(fetches()).toHaveLength(1);
    expect(fetches()[0]).toContain("CHANGEDSINCE");
    expect(fetches()[0]).not.toContain("ENVELOPE");
  });

  it("re-reads pages when another client appends or expunges", async () => {
    const top = await list({});
    const older = await list({ before: uids[900]! });
    const gone = older.messages[10]!.uid;
    const lock = await other.getMailboxLock(FOLDER);
    try {
      await other.append(FOLDER, message(COUNT), [], new Date(START + COUNT * HOUR));
      await other.messageDelete(String(gone), { uid: true });
    } finally {
      lock.release();
    }
    await refreshUids();
    const newTop = await list({});
    expect(newTop.messages[0]!.subject).toBe(`Paging ${COUNT}`);
    expect(newTop.messages.map((m) => m.uid)).toEqual(uids.slice(0, LIMIT));
    expect(newTop.total).toBe(top.total); // one in, one out
    const newOlder = await list({ before: older.messages[0]!.uid + 1 });
    expect(newOlder.messages.map((m) => m.uid)).not.toContain(gone);
    const i = uids.indexOf(older.messages[0]!.uid);
    expect(newOlder.messages.map((m) => m.uid)).toEqual(uids.slice(i, i + LIMIT));
    // A cursor whose own message is gone: its position comes from ESEARCH MAX instead.
    sent = [];
    const below = await list({ before: gone });
    const j = uids.findIndex((u) => u < gone);
    expect(below.messages.map((m) => m.uid)).toEqual(uids.slice(j, j + LIMIT));
    expect(searches().some((c) => c.includes('"MAX"'))).toBe(true);
    expect(listingSearches()).toEqual([]);
  });
});

describe("a server without ESEARCH or CONDSTORE", () => {
  const hidden = ["ESEARCH", "CONDSTORE", "QRESYNC"];
  let saved: [string, unknown][] = [];
  beforeAll(() => {
    const caps = client.capabilities as Map<string, unknown>;
    saved = hidden.filter((c) => caps.has(c)).map((c) => [c, caps.get(c)]);
    for (const c of hidden) caps.delete(c);
  });
  afterAll(() => {
    for (const [c, v] of saved) (client.capabilities as Map<string, unknown>).set(c, v);
  });

  it("pages by the cursor's own sequence number and jumps by windowed SEARCH, same rows", async () => {
    await refreshUids();
    const far = await list({ before: uids[1500]! });
    expect(far.messages.map((m) => m.uid)).toEqual(uids.slice(1501, 1551));
    const day = new Date(START + 300 * HOUR).toISOString().slice(0, 10);
    const next = Date.parse(`${day}T00:00:00Z`) + 24 * HOUR;
    const jumped = await list({ jump: { day } });
    expect(jumped.messages[0]!.subject).toBe(`Paging ${Math.floor((next - START - 1) / HOUR)}`);
    expect(jumped.offset).toBe(uids.indexOf(jumped.messages[0]!.uid));
    expect(searches().some((c) => c.includes('"RETURN"'))).toBe(false);
    expect(listingSearches()).toEqual([]);
  });

  it("reads every page again (nothing cached without HIGHESTMODSEQ) and sees another client's flag", async () => {
    const first = await list({ before: uids[300]! });
    const target = first.messages[0]!;
    const lock = await other.getMailboxLock(FOLDER);
    try {
      await other.messageFlagsAdd(String(target.uid), ["\\Flagged"], { uid: true });
    } finally {
      lock.release();
    }
    sent = [];
    const again = await list({ before: uids[300]! });
    expect(fetches().some((c) => c.includes("ENVELOPE"))).toBe(true);
    expect(again.messages.find((m) => m.uid === target.uid)!.flagged).toBe(true);
  });
});

describe("select all and unread in a big folder", () => {
  it("reads the UIDs as ESEARCH ALL's compact set, the same as a plain UID SEARCH", async () => {
    await refreshUids();
    const all = await searchUids(client, FOLDER, false, 5000);
    const unread = await searchUids(client, FOLDER, true, 5000);
    expect(all).toEqual(uids);
    expect(searches().length).toBeGreaterThan(0);
    expect(searches().every((c) => c.includes('"RETURN"'))).toBe(true);
    expect(await searchUids(client, FOLDER, false, 10)).toEqual(uids.slice(0, 10));
    const caps = client.capabilities as Map<string, unknown>;
    const esearch = caps.get("ESEARCH");
    caps.delete("ESEARCH");
    try {
      expect(await searchUids(client, FOLDER, true, 5000)).toEqual(unread);
    } finally {
      caps.set("ESEARCH", esearch);
    }
    expect(unread.length).toBeGreaterThan(0);
  });
});
