import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetMailbox } from "@/e2e/helpers/imap";
import { loadEnv } from "@/lib/env";
import { listMessages } from "@/lib/imap/list-messages";
import { orderedUids } from "@/lib/imap/sort-messages";
import type { SortSpec } from "@/lib/shared/sort";

// Against the real Dovecot (issue 12 point 3): server SORT and Mailroom's own sort give the same order,
// and pages follow it. The Date headers run against arrival order on purpose.
const user = "t242@example.test";
let client: ImapFlow;
const rows = [
  { from: "Zoe Zimmer <zoe@example.test>", subject: "Re: banana", date: "Tue, 01 Dec 2026 09:00:00 +0000", pad: 300 },
  { from: "adam@example.test", subject: "cherry", date: "Mon, 30 Nov 2026 09:00:00 +0000", pad: 10 },
  { from: "Mia Moreau <mia@example.test>", subject: "Apple", date: "Wed, 02 Dec 2026 09:00:00 +0000", pad: 3000 },
  { from: "Bob Baker <bob@example.test>", subject: "date palm", date: "Sun, 29 Nov 2026 09:00:00 +0000", pad: 1000 },
];

beforeAll(async () => {
  client = new ImapFlow({ host: "127.0.0.1", port: loadEnv().IMAP_PORT, secure: false, auth: { user, pass: "test-pass" }, logger: false });
  client.on("error", () => {});
  await resetMailbox({ email: user, password: "test-pass" });
  await client.connect();
  for (const r of rows) {
    await client.append("INBOX", Buffer.from(`From: ${r.from}\r\nTo: ${user}\r\nSubject: ${r.subject}\r\nDate: ${r.date}\r\nContent-Type: text/plain\r\n\r\n${"x".repeat(r.pad)}\r\n`));
  }
});

afterAll(async () => {
  await client.logout().catch(() => client.close());
});

const subjects = async (sort: SortSpec, limit = 50, before?: number) =>
  (await listMessages(client, `${user}-sort`, "INBOX", { limit, sort, before })).messages.map((m) => m.subject);

describe("sorting a folder", () => {
  it("orders by the Date header, sender, subject and size, either way", async () => {
    expect(await subjects({ key: "date", desc: true })).toEqual(["Apple", "Re: banana", "cherry", "date palm"]);
    expect(await subjects({ key: "date", desc: false })).toEqual(["date palm", "cherry", "Re: banana", "Apple"]);
    expect(await subjects({ key: "subject", desc: false })).toEqual(["Apple", "Re: banana", "cherry", "date palm"]);
    expect(await subjects({ key: "size", desc: true })).toEqual(["Apple", "date palm", "Re: banana", "cherry"]);
    expect(await subjects({ key: "from", desc: false })).toEqual(["cherry", "date palm", "Apple", "Re: banana"]);
    expect(await subjects({ key: "arrival", desc: false })).toEqual(["Re: banana", "cherry", "Apple", "date palm"]);
  });

  it("pages in the sorted order, with the position", async () => {
    const sort: SortSpec = { key: "size", desc: false };
    const first = await listMessages(client, `${user}-sort`, "INBOX", { limit: 2, sort });
    expect(first.messages.map((m) => m.subject)).toEqual(["cherry", "Re: banana"]);
    expect(first.sort).toBe("size-asc");
    const second = await listMessages(client, `${user}-sort`, "INBOX", { limit: 2, sort, before: first.nextCursor! });
    expect(second.messages.map((m) => m.subject)).toEqual(["date palm", "Apple"]);
    expect(second.offset).toBe(2);
    expect(second.nextCursor).toBeNull();
    const last = await listMessages(client, `${user}-sort`, "INBOX", { limit: 3, sort, jump: "oldest" });
    expect(last.offset).toBe(1);
  });

  it("sorts the same without server SORT (Mailroom's own sort)", async () => {
    await client.mailboxOpen("INBOX");
    for (const key of ["date", "from", "subject", "size", "arrival"] as const) {
      for (const desc of [false, true]) {
        const server = await orderedUids(client, `${user}-a`, { key, desc });
        const own = await orderedUids(client, `${user}-b`, { key, desc }, { serverSort: false });
        expect(own, `${key} ${desc}`).toEqual(server);
      }
    }
  });
});
