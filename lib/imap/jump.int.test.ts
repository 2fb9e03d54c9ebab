import { ImapFlow, type FetchMessageObject, type StatusObject } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env";
import { listMessages } from "@/lib/imap/list-messages";

// Against the seeded `bulk` INBOX (10,000 messages, dates increasing with UID, 52 minutes apart): the
// oldest page and a day's page come in one request, with their position (issue 12 point 7). Read-only.
const user = "bulk@example.test";
let client: ImapFlow;

beforeAll(async () => {
  client = new ImapFlow({ host: "127.0.0.1", port: loadEnv().IMAP_PORT, secure: false, auth: { user, pass: "mailroom-demo" }, logger: false });
  client.on("error", () => {});
  await client.connect();
});

afterAll(async () => {
  await client.logout().catch(() => client.close());
});

describe("jumping in a big folder", () => {
  it("opens at the oldest page, with its position", async () => {
    const started = Date.now();
    const page = await listMessages(client, `${user}-jump`, "INBOX", { limit: 50, jump: "oldest" });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(page.total).toBeGreaterThan(50);
    expect(page.offset).toBe(page.total - 50);
    const oldest = (await client.fetchOne("1", { uid: true })) as FetchMessageObject;
    expect(page.messages.at(-1)?.uid).toBe(oldest.uid);
    expect(page.nextCursor).toBeNull();
  });

  it("opens at the newest message on or before a day, and pages on from there", async () => {
    const status = (await client.status("INBOX", { messages: true })) as StatusObject;
    const mid = (await client.fetchOne(String(Math.floor(status.messages! / 2)), { uid: true, internalDate: true })) as FetchMessageObject;
    const day = new Date(mid.internalDate!).toISOString().slice(0, 10);
    const page = await listMessages(client, `${user}-jump`, "INBOX", { limit: 50, jump: { day } });
    const first = page.messages[0]!;
    expect(first.date.slice(0, 10) <= day).toBe(true);
    const newer = (await client.search({ uid: `${first.uid + 1}:*` }, { uid: true })) || [];
    // Every newer message arrived after that day; the page's first row is the last of the day.
    const next = (await client.fetchOne(String(newer.length ? Math.min(...newer) : first.uid), { uid: true, internalDate: true }, { uid: true })) as FetchMessageObject;
    expect(new Date(next.internalDate!).toISOString().slice(0, 10) > day || !newer.length).toBe(true);
    expect(page.offset).toBe(newer.length);
    expect(page.nextCursor).toBe(page.messages.at(-1)!.uid);
  });

  it("starts at the oldest page for a day before any mail", async () => {
    const page = await listMessages(client, `${user}-jump`, "INBOX", { limit: 50, jump: { day: "1990-01-01" } });
    expect(page.offset).toBe(page.total - 50);
  });
});
