import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { recordCommands, resetMailbox } from "@/e2e/helpers/imap";
import { loadEnv } from "@/lib/env";
import { AccountPool } from "@/lib/imap/account-pool";
import { connectImap } from "@/lib/imap/connect";
import { ImapStore } from "@/lib/imap/imap-store";
import { searchAllFolders } from "@/lib/mail/search-all";

// "All folders" search repeated while every folder is unchanged: one LIST-STATUS tells each folder's
// state, and the kept pages answer with no SEARCH, FETCH or per-folder STATUS on any connection. A
// message another client adds is found by the next search. t467's folders are rebuilt at the start.
const user = "t467@example.test";
const creds = { user, password: "test-pass" };
const LIMITS = { deadlineMs: 8000, maxFolders: 60, perFolder: 20 };

let other: ImapFlow;
let pool: AccountPool;
let sent: string[] = [];
let run = 0;

const message = (i: number, word: string) =>
  `From: Sender ${i} <s${i}@example.test>\r\nTo: ${user}\r\nSubject: ${word} number ${i}\r\nDate: ${new Date(Date.UTC(2025, 1, 1 + i)).toUTCString()}\r\nContent-Type: text/plain\r\n\r\nAbout the ${word}.\r\n`;

beforeAll(async () => {
  await resetMailbox({ email: user, password: "test-pass" });
  other = new ImapFlow({ host: "127.0.0.1", port: loadEnv().IMAP_PORT, secure: false, auth: { user, pass: "test-pass" }, logger: false });
  other.on("error", () => {});
  await other.connect();
  for (const folder of ["Projects", "Archive"]) await other.mailboxCreate(folder).catch(() => {});
  for (let i = 0; i < 6; i++) {
    await other.append("INBOX", message(i, i % 2 ? "quarterly" : "holiday"));
    await other.append(i % 2 ? "Projects" : "Archive", message(10 + i, "quarterly"));
  }
}, 60_000);

afterAll(async () => {
  await pool?.close();
  await other?.logout().catch(() => other.close());
});

beforeEach(async () => {
  sent = [];
  run++;
  // Each test its own pool key (the cache's account namespace), its connections' commands recorded.
  await pool?.close();
  pool = new AccountPool(`${user}#search-all-${run}`, creds, 3, async (c) => {
    const client = await connectImap(c);
    recordCommands(client, (line) => sent.push(line));
    return client;
  });
});

const store = () => new ImapStore(pool, user);
const perFolderWork = () => sent.filter((c) => /^(UID )?(SEARCH|FETCH)|^STATUS/.test(c));
const summary = (r: Awaited<ReturnType<typeof searchAllFolders>>) => r.groups.map((g) => [g.folder, g.total, g.messages.map((m) => m.uid)]);

describe("a repeated all-folders search", () => {
  it("is answered from kept pages after one LIST-STATUS: no SEARCH, FETCH or STATUS per folder", async () => {
    const first = await searchAllFolders(store(), "quarterly", "all", LIMITS);
    expect(summary(first).map(([f, total]) => [f, total])).toEqual([["INBOX", 3], ["Archive", 3], ["Projects", 3]].sort((a, b) => (a[0] === "INBOX" ? -1 : b[0] === "INBOX" ? 1 : 0)));
    expect(perFolderWork().length).toBeGreaterThan(0);
    sent = [];
    const again = await searchAllFolders(store(), "quarterly", "all", LIMITS);
    expect(summary(again)).toEqual(summary(first));
    expect(perFolderWork()).toEqual([]);
    expect(sent.some((c) => c.startsWith("LIST") && c.includes("HIGHESTMODSEQ"))).toBe(true);
  });

  it("finds a message another client added since", async () => {
    const first = await searchAllFolders(store(), "quarterly", "all", LIMITS);
    const projects = first.groups.find((g) => g.folder === "Projects")!;
    await other.append("Projects", message(40, "quarterly"));
    sent = [];
    const after = await searchAllFolders(store(), "quarterly", "all", LIMITS);
    expect(after.groups.find((g) => g.folder === "Projects")!.total).toBe(projects.total + 1);
    // Only the changed folder is searched again.
    expect(sent.filter((c) => /^(UID )?SEARCH/.test(c))).toHaveLength(1);
  });
});
