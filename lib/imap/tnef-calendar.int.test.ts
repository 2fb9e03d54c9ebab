import { createHash } from "node:crypto";
import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountPool } from "@/lib/imap/pool";
import { fillMailbox, type FilledMailbox } from "@/test/imap-mailbox";
import { readAll as read } from "@/test/read-all";
import { getMessage } from "@/lib/imap/get-message";
import { openAttachment } from "@/lib/imap/open-attachment";
import { bigMessage, bigTnefOnly, calendarAlt, pdf, png, tnefOnly } from "@/e2e/helpers/tnef-calendar-mail";

// winmail.dat files and invitations through the real Dovecot: small messages (parsed whole) and one
// over the 4 MB whole-fetch limit (parts fetched by number from BODYSTRUCTURE).
const creds = { user: "t98@example.test", password: "test-pass" };
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
let client: ImapFlow;
let pool: AccountPool;
let uids: Record<string, number>;
let mailbox: FilledMailbox | undefined;

beforeAll(async () => {
  mailbox = await fillMailbox(creds, { tnef: tnefOnly({ email: creds.user }), invite: calendarAlt({ email: creds.user }), big: bigMessage({ email: creds.user }), bigTnef: bigTnefOnly({ email: creds.user }) });
  ({ client, pool, uids } = mailbox);
});

afterAll(() => mailbox?.close());

describe.each([
  ["a small message", "tnef"],
  ["a message over the whole-fetch limit", "big"],
])("winmail.dat in %s", (_what, key) => {
  it("lists its files after it and opens them byte-identical", async () => {
    const detail = await getMessage(client, pool.key, "INBOX", uids[key]!, true);
    const dat = detail.attachments.find((a) => a.filename === "winmail.dat")!;
    expect(dat).toBeDefined();
    const inner = detail.attachments.filter((a) => a.partId.startsWith(`${dat.partId}.tnef.`));
    expect(inner.map((a) => [a.filename, a.contentType, a.size])).toEqual([
      ["Quarterly report 2026.pdf", "application/pdf", pdf.length],
      ["chart.png", "image/png", png.length],
    ]);
    const opened = await openAttachment(pool, "INBOX", uids[key]!, inner[0]!.partId);
    expect(opened.filename).toBe("Quarterly report 2026.pdf");
    expect(sha(await read(opened.stream))).toBe(sha(pdf));
    await expect(openAttachment(pool, "INBOX", uids[key]!, `${dat.partId}.tnef.7`)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

it.each(["tnef", "bigTnef"])("shows the TNEF body when the message has no other (%s)", async (key) => {
  const detail = await getMessage(client, pool.key, "INBOX", uids[key]!, true);
  expect(detail.bodyKind).toBe("text");
  expect(detail.text).toContain("Minutes from Tuesday\u2019s meeting are attached.");
});

it("summarises invitations, also on a message over the whole-fetch limit", async () => {
  for (const [key, title] of [["invite", "Team lunch"], ["big", "Offsite planning"]] as const) {
    const detail = await getMessage(client, pool.key, "INBOX", uids[key]!, true);
    expect(detail.invites).toEqual([expect.objectContaining({ title, start: "2026-12-10T14:00:00.000Z", attendeeCount: 3, location: "Canteen, level 2" })]);
  }
});

it("refuses a TNEF address on a part that is not a winmail.dat", async () => {
  await expect(openAttachment(pool, "INBOX", uids.big!, "2.tnef.0")).rejects.toMatchObject({ code: "NOT_FOUND" });
});
