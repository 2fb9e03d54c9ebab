import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, existsSync, unlinkSync } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, unlink, type FileHandle } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { DIR_MODE, FILE_MODE } from "@/lib/cache/private-file";

/** A message being written: bytes go to a temp file, are hashed on the way, then committed by hash. */
export interface TempWriter {
  write(chunk: Buffer): Promise<void>;
  /**
   * fsyncs and closes the temp file; with `sync: false` it stays open until commitTemps fsyncs it
   * through the same handle (or discardTemp drops it).
   */
  finish(opts?: { sync?: boolean }): Promise<TempBlob>;
  /** Closes and removes the temp file (an abandoned write). */
  abort(): Promise<void>;
}

export interface TempBlob {
  tmpPath: string;
  sha256: string;
  size: number;
}

/**
 * Content-addressed message storage. Files today; an object store later implements the same calls.
 * `exists` and `remove` are synchronous so the metadata store can run them inside its write lock.
 */
export interface BlobStore {
  beginTemp(scope: string): Promise<TempWriter>;
  /** A temp file from bytes already in memory and hashed; not fsynced (commitTemps does that, or discardTemp drops it). */
  putTemp(scope: string, data: Buffer[], sha256: string, size: number): Promise<TempBlob>;
  /** Moves a finished temp file to its content address (fsynced first if finished without sync), durably. */
  commitTemp(tmp: TempBlob): Promise<void>;
  /** commitTemp for many at once: the fsyncs overlap, and each directory is fsynced once. */
  commitTemps(tmps: TempBlob[]): Promise<void>;
  discardTemp(tmp: TempBlob): Promise<void>;
  /** Removes temp files left by a run that crashed; call only when no write of `scope` is running. */
  cleanTemp(scope: string, opts?: { removeScope?: boolean }): Promise<void>;
  /** `end` is inclusive, as for createReadStream. */
  open(sha256: string, range?: { start?: number; end: number }): Readable;
  read(sha256: string): Promise<Buffer>;
  exists(sha256: string): boolean;
  remove(sha256: string): void;
}

const HEX64 = /^[0-9a-f]{64}$/;

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * blobs/ab/<sha256>.eml under the data directory (256 directories, each made once); temp files in
 * tmp/<scope>/ on the same file system. Caches written before this layout keep blobs at
 * blobs/ab/cd/<sha256>.eml: reads and removals look there too, so they keep working unmigrated.
 */
export class FileBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private blobPath(sha256: string): string {
    if (!HEX64.test(sha256)) throw new Error("bad blob id");
    return path.join(this.root, "blobs", sha256.slice(0, 2), `${sha256}.eml`);
  }

  /** Where blobs of the earlier layout are: one directory per two bytes, a new one for almost every message. */
  private legacyPath(sha256: string): string {
    if (!HEX64.test(sha256)) throw new Error("bad blob id");
    return path.join(this.root, "blobs", sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.eml`);
  }

  /** The blob's file in whichever layout holds it (the current one when neither does). */
  private findPath(sha256: string): string {
    const current = this.blobPath(sha256);
    if (existsSync(current)) return current;
    const legacy = this.legacyPath(sha256);
    return existsSync(legacy) ? legacy : current;
  }

  private tmpDir(scope: string): string {
    return path.join(this.root, "tmp", scope.replace(/[^a-zA-Z0-9_-]/g, "_"));
  }

  // Directories known to exist (blob directories: with their entries fsynced): one mkdir per run, not per message.
  private readonly made = new Set<string>();
  // Temp files finished without fsync, still open: commitTemps fsyncs them through the same handle.
  private readonly unsynced = new Map<string, FileHandle>();

  async beginTemp(scope: string): Promise<TempWriter> {
    const dir = this.tmpDir(scope);
    if (!this.made.has(dir)) {
      await mkdir(dir, { recursive: true, mode: DIR_MODE });
      this.made.add(dir);
    }
    const tmpPath = path.join(dir, `${Date.now()}-${randomBytes(6).toString("hex")}.part`);
    const fh = await open(tmpPath, "wx", FILE_MODE).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== "ENOENT") throw err;
      await mkdir(dir, { recursive: true, mode: DIR_MODE }); // removed behind our back (another process's cleanTemp)
      return open(tmpPath, "wx", FILE_MODE);
    });
    const hash = createHash("sha256");
    let size = 0;
    let closed = false;
    const unsynced = this.unsynced;
    return {
      async write(chunk) {
        hash.update(chunk);
        size += chunk.length;
        let off = 0;
        while (off < chunk.length) off += (await fh.write(chunk, off, chunk.length - off)).bytesWritten;
      },
      async finish(opts = {}) {
        closed = true;
        if (opts.sync === false) {
          unsynced.set(tmpPath, fh);
        } else {
          try {
            await fh.sync();
          } finally {
            await fh.close();
          }
        }
        return { tmpPath, sha256: hash.digest("hex"), size };
      },
      async abort() {
        if (!closed) await fh.close().catch(() => {});
        closed = true;
        await unlink(tmpPath).catch(() => {});
      },
    };
  }

  async putTemp(scope: string, data: Buffer[], sha256: string, size: number): Promise<TempBlob> {
    const w = await this.beginTemp(scope);
    try {
      for (const chunk of data) await w.write(chunk);
      const tmp = await w.finish({ sync: false });
      return { tmpPath: tmp.tmpPath, sha256, size };
    } catch (err) {
      await w.abort();
      throw err;
    }
  }

  /** fsyncs and closes a temp file finished with `sync: false`; one finished with fsync is already durable. */
  private async syncTemp(tmp: TempBlob): Promise<void> {
    const fh = this.unsynced.get(tmp.tmpPath);
    if (!fh) return;
    this.unsynced.delete(tmp.tmpPath);
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  async commitTemp(tmp: TempBlob): Promise<void> {
    return this.commitTemps([tmp]);
  }

  async commitTemps(tmps: TempBlob[]): Promise<void> {
    // Every temp file durable before any rename; concurrent fsyncs share journal commits.
    await Promise.all(tmps.map((t) => this.syncTemp(t)));
    // A directory used for the first time in this process (made here or by an earlier, maybe crashed,
    // one) gets its parents fsynced too, so the entries that lead to the blob are as durable as its own.
    const leaves = new Set(tmps.map((t) => path.dirname(this.blobPath(t.sha256))));
    const firstUse = [...leaves].filter((d) => !this.made.has(d));
    await Promise.all(firstUse.map((d) => mkdir(d, { recursive: true, mode: DIR_MODE })));
    // A rename over a blob already there (an orphan of a killed run, or the same bytes under another
    // UIDL) replaces it with the same bytes, so there is no need to look first.
    await Promise.all(tmps.map((t) => rename(t.tmpPath, this.blobPath(t.sha256))));
    // Each directory whose entries changed, fsynced once for the whole batch.
    const dirs = firstUse.length ? [...leaves, path.join(this.root, "blobs"), this.root] : [...leaves];
    await Promise.all(dirs.map(fsyncDir));
    for (const d of firstUse) this.made.add(d);
  }

  async discardTemp(tmp: TempBlob): Promise<void> {
    const fh = this.unsynced.get(tmp.tmpPath);
    this.unsynced.delete(tmp.tmpPath);
    await fh?.close().catch(() => {});
    await unlink(tmp.tmpPath).catch(() => {});
  }

  async cleanTemp(scope: string, opts: { removeScope?: boolean } = {}): Promise<void> {
    const dir = this.tmpDir(scope);
    // Handles of temps a failed run never committed nor discarded.
    for (const [file, fh] of this.unsynced) {
      if (path.dirname(file) !== dir) continue;
      this.unsynced.delete(file);
      await fh.close().catch(() => {});
    }
    if (opts.removeScope) {
      this.made.delete(dir);
      return rm(dir, { recursive: true, force: true });
    }
    const names = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(names.map((n) => rm(path.join(dir, n), { force: true })));
  }

  open(sha256: string, range?: { start?: number; end: number }): Readable {
    return createReadStream(this.findPath(sha256), range ? { start: range.start ?? 0, end: range.end } : {});
  }

  async read(sha256: string): Promise<Buffer> {
    // Current layout first; only a miss pays for the look in the earlier one.
    try {
      return await readFile(this.blobPath(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      return readFile(this.legacyPath(sha256));
    }
  }

  exists(sha256: string): boolean {
    return existsSync(this.blobPath(sha256)) || existsSync(this.legacyPath(sha256));
  }

  remove(sha256: string): void {
    // Both layouts: a blob re-downloaded after the layout changed may sit in each.
    for (const file of [this.blobPath(sha256), this.legacyPath(sha256)]) {
      try {
        unlinkSync(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      }
    }
  }
}
