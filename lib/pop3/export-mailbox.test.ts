import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { closeCache, openCache, type Cache } from "@/lib/cache/open-cache";
import { storeMessage, writeTemp } from "@/lib/pop3/ingest";
import { exportMailbox } from "@/lib/pop3/export-mailbox";

const A = "t98@example.test";
let cache: Cache;
afterEach(() => closeCache(cache.dataDir));

const eml = (subject: string) =>
  Buffer.from(`From: x@example.test\r\nTo: ${A}\r\nSubject: ${subject}\r\nDate: Mon, 02 Nov 2026 10:00:00 +0000\r\n\r\nBody of ${subject}\r\nFrom here on\r\n`);

describe("zip export", () => {
  it("holds every message byte for byte, one .eml each, in folder directories", async () => {
    cache = openCache(mkdtempSync(path.join(os.tmpdir(), "mailroom-zip-")));
    await cache.store.ensureAccount(A);
    const messages = { INBOX: [eml("one"), eml("two: ü/../x")], Archive: [eml("three")] };
    for (const [folder, list] of Object.entries(messages)) {
      for (const raw of list) await storeMessage(cache, await writeTemp(cache, Readable.from([raw]), "t"), { account: A, folderPath: folder });
    }
    const out = await exportMailbox(A, null, "zip", cache);
    expect(out.contentType).toBe("application/zip");
    const chunks: Buffer[] = [];
    for await (const c of out.stream) chunks.push(c as Buffer);
    const dir = mkdtempSync(path.join(os.tmpdir(), "mailroom-unzip-"));
    writeFileSync(path.join(dir, "x.zip"), Buffer.concat(chunks));
    execFileSync("python3", ["-c", "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])", path.join(dir, "x.zip"), path.join(dir, "out")]);
    const got = (sub: string) => readdirSync(path.join(dir, "out", sub)).sort().map((f) => readFileSync(path.join(dir, "out", sub, f)));
    expect(got("INBOX")).toEqual(messages.INBOX);
    expect(got("Archive")).toEqual(messages.Archive);
  });
});
