import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, existsSync, unlinkSync } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";

/** A message being written: bytes go to a temp file, are hashed on the way, then committed by hash. */
export interface TempWriter {
  write(chunk: Buffer): Promise<void>;
  /** fsyncs (unless `sync: false`, for commitTemps to do in bulk) and closes the temp file. */
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
  /** A temp file from bytes already in memory and hashed; not fsynced (commitTemps does that). */
  putTemp(scope: string, data: Buffer[], sha256: string, size: number): Promise<TempBlob>;
  /** Moves a finished temp file to its content address (or drops it when that blob already exists). */
  commitTemp(tmp: TempBlob): Promise<void>;
  /** commitTemp for many at once (temps finished without sync included): fsyncs and renames overlap. */
  commitTemps(tmps: TempBlob[]): Promise<void>;
  discardTemp(tmp: TempBlob): Promise<void>;
  /** Removes temp files left by a run that crashed; call only when no write of `scope` is running. */
  cleanTemp(scope: string, opts?: { removeScope?: boolean }): Promise<void>;
  open(sha256: string, range?: { end: number }): Readable;
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

/** blobs/ab/cd/<sha256>.eml under the data directory; temp files in tmp/<scope>/ on the same file system. */
export class FileBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private blobPath(sha256: string): string {
    if (!HEX64.test(sha256)) throw new Error("bad blob id");
    return path.join(this.root, "blobs", sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.eml`);
  }

  private tmpDir(scope: string): string {
    return path.join(this.root, "tmp", scope.replace(/[^a-zA-Z0-9_-]/g, "_"));
  }

  // Directories known to exist: one mkdir per run, not per message.
  private readonly made = new Set<string>();

  async beginTemp(scope: string): Promise<TempWriter> {
    const dir = this.tmpDir(scope);
    if (!this.made.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.made.add(dir);
    }
    const tmpPath = path.join(dir, `${Date.now()}-${randomBytes(6).toString("hex")}.part`);
    const fh = await open(tmpPath, "wx").catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== "ENOENT") throw err;
      await mkdir(dir, { recursive: true }); // removed behind our back (another process's cleanTemp)
      return open(tmpPath, "wx");
    });
    const hash = createHash("sha256");
    let size = 0;
    let closed = false;
    return {
      async write(chunk) {
        hash.update(chunk);
        size += chunk.length;
        let off = 0;
        while (off < chunk.length) off += (await fh.write(chunk, off, chunk.length - off)).bytesWritten;
      },
      async finish(opts = {}) {
        if (opts.sync !== false) await fh.sync();
        await fh.close();
        closed = true;
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

  async commitTemp(tmp: TempBlob): Promise<void> {
    const target = this.blobPath(tmp.sha256);
    const leaf = path.dirname(target);
    const existing = await stat(target).catch(() => null);
    // Same address, same bytes: a blob left by a run that died before its commit is simply reused.
    if (existing && existing.size === tmp.size) {
      await unlink(tmp.tmpPath).catch(() => {});
      return;
    }
    const created = await mkdir(leaf, { recursive: true });
    await rename(tmp.tmpPath, target);
    // The rename is durable only once the directory entry is: fsync the leaf, and parents we created.
    await fsyncDir(leaf);
    if (created) {
      await fsyncDir(path.dirname(leaf));
      await fsyncDir(path.join(this.root, "blobs"));
    }
  }

  async commitTemps(tmps: TempBlob[]): Promise<void> {
    // Every temp file durable before any rename, as in commitTemp; concurrent fsyncs share journal commits.
    await Promise.all(tmps.map(async (t) => {
      const fh = await open(t.tmpPath, "r");
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
    }));
    const dirs = new Set<string>();
    for (const tmp of tmps) {
      const target = this.blobPath(tmp.sha256);
      const leaf = path.dirname(target);
      const existing = await stat(target).catch(() => null);
      if (existing && existing.size === tmp.size) {
        await unlink(tmp.tmpPath).catch(() => {});
        continue;
      }
      const created = await mkdir(leaf, { recursive: true });
      await rename(tmp.tmpPath, target);
      dirs.add(leaf);
      if (created) {
        dirs.add(path.dirname(leaf));
        dirs.add(path.join(this.root, "blobs"));
      }
    }
    await Promise.all([...dirs].map(fsyncDir));
  }

  async discardTemp(tmp: TempBlob): Promise<void> {
    await unlink(tmp.tmpPath).catch(() => {});
  }

  async cleanTemp(scope: string, opts: { removeScope?: boolean } = {}): Promise<void> {
    const dir = this.tmpDir(scope);
    if (opts.removeScope) {
      this.made.delete(dir);
      return rm(dir, { recursive: true, force: true });
    }
    const names = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(names.map((n) => rm(path.join(dir, n), { force: true })));
  }

  open(sha256: string, range?: { end: number }): Readable {
    return createReadStream(this.blobPath(sha256), range ? { start: 0, end: range.end } : {});
  }

  read(sha256: string): Promise<Buffer> {
    return readFile(this.blobPath(sha256));
  }

  exists(sha256: string): boolean {
    return existsSync(this.blobPath(sha256));
  }

  remove(sha256: string): void {
    try {
      unlinkSync(this.blobPath(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
}
