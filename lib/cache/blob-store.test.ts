import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FileBlobStore } from "@/lib/cache/blob-store";

const root = () => mkdtempSync(path.join(os.tmpdir(), "mailroom-blobs-"));

describe("FileBlobStore", () => {
  it("writes through a temp file, then renames to blobs/ab/<sha256>.eml", async () => {
    const dir = root();
    const b = new FileBlobStore(dir);
    const w = await b.beginTemp("s");
    await w.write(Buffer.from("hello "));
    await w.write(Buffer.from("world"));
    const tmp = await w.finish();
    const sha = createHash("sha256").update("hello world").digest("hex");
    expect(tmp).toMatchObject({ sha256: sha, size: 11 });
    expect(b.exists(sha)).toBe(false); // not visible before commit
    await b.commitTemp(tmp);
    const file = path.join(dir, "blobs", sha.slice(0, 2), `${sha}.eml`);
    expect(readFileSync(file, "utf8")).toBe("hello world");
    expect(readdirSync(path.join(dir, "tmp", "s"))).toEqual([]);
  });

  it("reuses an existing blob (orphan of a crashed run) and drops the new temp", async () => {
    const dir = root();
    const b = new FileBlobStore(dir);
    for (let i = 0; i < 2; i++) {
      const w = await b.beginTemp("s");
      await w.write(Buffer.from("same"));
      await b.commitTemp(await w.finish());
    }
    expect(readdirSync(path.join(dir, "tmp", "s"))).toEqual([]);
  });

  it("cleans temp files a killed run left behind; an aborted write leaves nothing", async () => {
    const dir = root();
    const b = new FileBlobStore(dir);
    const left = await b.beginTemp("s");
    await left.write(Buffer.from("partial"));
    expect(readdirSync(path.join(dir, "tmp", "s"))).toHaveLength(1);
    await b.cleanTemp("s");
    expect(readdirSync(path.join(dir, "tmp", "s"))).toEqual([]);
    const w = await b.beginTemp("s");
    await w.write(Buffer.from("x"));
    await w.abort();
    expect(readdirSync(path.join(dir, "tmp", "s"))).toEqual([]);
    expect(existsSync(path.join(dir, "blobs"))).toBe(false);
  });

  it("commits temps finished without fsync in one batch, and drops a discarded one", async () => {
    const dir = root();
    const b = new FileBlobStore(dir);
    const bodies = ["one", "two", "three"].map((s) => Buffer.from(s));
    const tmps = await Promise.all(bodies.map((d) => b.putTemp("s", [d], createHash("sha256").update(d).digest("hex"), d.length)));
    const dropped = await b.putTemp("s", [Buffer.from("x")], createHash("sha256").update("x").digest("hex"), 1);
    await b.commitTemps(tmps);
    await b.discardTemp(dropped);
    for (const [i, t] of tmps.entries()) expect(await b.read(t.sha256)).toEqual(bodies[i]);
    expect(b.exists(dropped.sha256)).toBe(false);
    expect(readdirSync(path.join(dir, "tmp", "s"))).toEqual([]);
  });

  it("reads, finds and removes a blob of the earlier layout (blobs/ab/cd/<sha256>.eml)", async () => {
    const dir = root();
    const b = new FileBlobStore(dir);
    const sha = createHash("sha256").update("old cache").digest("hex");
    const old = path.join(dir, "blobs", sha.slice(0, 2), sha.slice(2, 4));
    mkdirSync(old, { recursive: true });
    writeFileSync(path.join(old, `${sha}.eml`), "old cache");
    expect(b.exists(sha)).toBe(true);
    expect((await b.read(sha)).toString()).toBe("old cache");
    const chunks: Buffer[] = [];
    for await (const c of b.open(sha, { end: 2 })) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe("old");
    // The same message downloaded again lands in the current layout; removing the blob removes both.
    const w = await b.beginTemp("s");
    await w.write(Buffer.from("old cache"));
    await b.commitTemp(await w.finish());
    expect(existsSync(path.join(dir, "blobs", sha.slice(0, 2), `${sha}.eml`))).toBe(true);
    b.remove(sha);
    expect(b.exists(sha)).toBe(false);
    expect(existsSync(path.join(old, `${sha}.eml`))).toBe(false);
  });

  it("refuses ids that are not a sha256", () => {
    const b = new FileBlobStore(root());
    expect(() => b.exists("../../etc/passwd")).toThrow();
  });
});
