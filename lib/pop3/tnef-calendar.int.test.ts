import { afterAll, beforeAll, expect, it } from "vitest";
import type { Cache } from "@/lib/cache/open-cache";
import { syncPop3Account } from "@/lib/pop3/sync";
import { Pop3Store } from "@/lib/pop3/pop3-store";
import { deliver, dropCache, freshCache, POP3, resetServer, sha256, user } from "@/lib/pop3/testing/fixtures";
import { bigMessage, calendarAlt, pdf, png, tnefOnly } from "@/e2e/helpers/tnef-calendar-mail";
import { readAll as read } from "@/test/read-all";

// The POP3 side of winmail.dat and invitations: the cached message's TNEF files are listed after it
// and open (decoded from the stored blob) byte-identical; invitations are summarised.
const u = user(99);
let cache: Cache;
let store: Pop3Store;

beforeAll(async () => {
  await resetServer(u);
  cache = freshCache();
  await cache.store.saveSettings(u.email, { policy: "keep", keepDays: 14, intervalSeconds: 60 });
  await deliver(u, [Buffer.from(tnefOnly(u)), Buffer.from(calendarAlt(u)), Buffer.from(bigMessage(u))]);
  await syncPop3Account(u.creds, { cache, server: POP3 });
  store = new Pop3Store(cache, u.email);
});

afterAll(() => {
  if (cache) dropCache(cache);
});

async function bySubject(subject: string) {
  const page = await store.listMessages("INBOX", { limit: 10 });
  const uid = page.messages.find((m) => m.subject === subject)!.uid;
  return store.getMessage("INBOX", uid, { peek: true });
}

it("lists a winmail.dat's files and opens them from the cache", async () => {
  const detail = await bySubject("Outlook minutes");
  expect(detail.text).toContain("Minutes from Tuesday");
  const dat = detail.attachments.find((a) => a.filename === "winmail.dat")!;
  const chart = detail.attachments.find((a) => a.filename === "chart.png")!;
  expect(chart.partId).toBe(`${dat.partId}.tnef.1`);
  const opened = await store.openAttachment("INBOX", detail.uid, chart.partId);
  expect(opened.contentType).toBe("image/png");
  expect(sha256(await read(opened.stream))).toBe(sha256(png));
  await expect(store.openAttachment("INBOX", detail.uid, `${dat.partId}.tnef.9`)).rejects.toMatchObject({ code: "NOT_FOUND" });
});

it("summarises an invitation", async () => {
  const detail = await bySubject("Lunch invitation");
  expect(detail.invites?.map((i) => [i.title, i.attendeeCount])).toEqual([["Team lunch", 3]]);
});

it("does both on a message over the whole-parse limit (streamed from the blob)", async () => {
  const detail = await bySubject("Big offsite pack");
  expect(detail.invites?.map((i) => i.title)).toEqual(["Offsite planning"]);
  const report = detail.attachments.find((a) => a.filename === "Quarterly report 2026.pdf")!;
  expect(report.partId).toMatch(/\.tnef\.0$/);
  const opened = await store.openAttachment("INBOX", detail.uid, report.partId);
  expect(sha256(await read(opened.stream))).toBe(sha256(pdf));
});
