import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { closeCache, openCache, type Cache } from "@/lib/cache/open-cache";
import { fromLine, readMbox } from "@/lib/pop3/mbox";
import { exportMailbox } from "@/lib/pop3/export-mailbox";
import { importMbox } from "@/lib/pop3/import-mbox";

// importMbox counts the account's uploads against its storage quota: env() must find a data dir.
Object.assign(process.env, { MAILROOM_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "mailroom-mbox-env-")), IMAP_HOST: process.env.IMAP_HOST ?? "127.0.0.1", NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "x".repeat(40) });

const A = "t98@example.test";
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const caches: Cache[] = [];
const fresh = () => {
  const c = openCache(mkdtempSync(path.join(os.tmpdir(), "mailroom-mbox-")));
  caches.push(c);
  return c;
};
afterEach(() => caches.splice(0).forEach((c) => closeCache(c.dataDir)));

async function collect(stream: Readable): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of stream) out.push(c as Buffer);
  return Buffer.concat(out);
}

// Tricky bodies: "From " and ">From " at line starts, CRLF and LF endings, no final newline.
const messages = [
  Buffer.from("From: a@x.test\r\nSubject: one\r\nDate: Mon, 02 Nov 2026 10:00:00 +0000\r\n\r\nFrom here on\r\n>From quoted\r\n>>From twice\r\n\r\nFrom \r\nend\r\n"),
  Buffer.from("From: b@x.test\nSubject: two (LF)\n\nFrom the start\n\nFrom again after a blank line\n"),
  Buffer.from("From: c@x.test\r\nSubject: three\r\n\r\nno final newline"),
  Buffer.from("From: d@x.test\r\nSubject: four\r\n\r\n\r\n\r\n"),
];

describe("mboxrd", () => {
  it("writes asctime From lines", () => {
    expect(fromLine("a@x.test", new Date("2026-11-02T09:05:03Z"))).toBe("From a@x.test Mon Nov  2 09:05:03 2026\n");
    expect(fromLine(null, new Date("x"))).toMatch(/^From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n$/);
  });

  it("export → import round-trips every message byte for byte, in small chunks too", async () => {
    const src = fresh();
    const before = await importMbox(A, "INBOX", Readable.from(messages.map((m, i) => Buffer.concat([Buffer.from(fromLine("x@y", new Date(i * 1000))), quote(m), Buffer.from(m.at(-1) === 10 ? "\n" : "\n\n")]))), src);
    expect(before).toEqual({ imported: 4, skipped: 0 });
    const exported = await collect((await exportMailbox(A, "INBOX", "mbox", src)).stream);
    expect(exported.toString("latin1")).toContain("\n>From here on\r\n>>From quoted\r\n>>>From twice\r\n");

    const dst = fresh();
    const chunks: Buffer[] = [];
    for (let i = 0; i < exported.length; i += 7) chunks.push(exported.subarray(i, i + 7));
    expect(await importMbox(A, "INBOX", Readable.from(chunks), dst)).toEqual({ imported: 4, skipped: 0 });
    const got: string[] = [];
    for await (const row of dst.store.iterateMessages(A, "INBOX")) got.push(sha(await dst.blobs.read(row.sha256)));
    const want = messages.map((m, i) => sha(i === 2 ? Buffer.concat([m, Buffer.from("\n")]) : m));
    expect(got).toEqual(want);
    // Importing the same file again skips every message already in the folder.
    expect(await importMbox(A, "INBOX", Readable.from([exported]), dst)).toEqual({ imported: 0, skipped: 4 });
  });

  it("ignores text before the first From line and treats unquoted body From lines after text as content", async () => {
    const seen: string[] = [];
    let cur = "";
    const n = await readMbox(Readable.from([Buffer.from("junk\nFrom a Thu Jan  1 00:00:00 1970\nX: 1\n\nhi\nFrom inside (no blank before)\n\nFrom b Thu Jan  1 00:00:00 1970\nY: 2\n")]), {
      begin: async () => void (cur = ""),
      write: async (c) => void (cur += c.toString()),
      end: async () => void seen.push(cur),
    });
    expect(n).toBe(2);
    // The file's last newline is read as the separator an exporter adds after every message.
    expect(seen).toEqual(["X: 1\n\nhi\nFrom inside (no blank before)\n", "Y: 2"]);
  });
});

function quote(m: Buffer): Buffer {
  return Buffer.from(m.toString("latin1").replace(/^(>*From )/gm, ">$1"), "latin1");
}

describe("mbox import and the account's storage quota", () => {
  it("imports messages while they fit, then refuses with STORAGE_QUOTA_EXCEEDED and keeps what was imported", async () => {
    const c = fresh();
    const body = (i: number) => Buffer.from(`From: q@x.test\nSubject: q${i}\n\n${"z".repeat(1000)}\n`);
    const mbox = Buffer.concat([0, 1, 2, 3].map((i) => Buffer.concat([Buffer.from(fromLine("q@x", new Date(i * 1000))), body(i), Buffer.from("\n")])));
    const err = await importMbox(A, "INBOX", Readable.from([mbox]), c, { storageLimitBytes: 2500 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "STORAGE_QUOTA_EXCEEDED", message: expect.stringMatching(/^2 messages were imported/) });
    const got: string[] = [];
    for await (const row of c.store.iterateMessages(A, "INBOX")) got.push(sha(await c.blobs.read(row.sha256)));
    expect(got.sort()).toEqual([sha(body(0)), sha(body(1))].sort());
  });
});
