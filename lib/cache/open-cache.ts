import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import type { CacheStore } from "@/lib/cache/cache-store";
import { FileBlobStore, type BlobStore } from "@/lib/cache/blob-store";
import { SqliteCacheStore } from "@/lib/cache/sqlite-store";
import { PgCacheStore } from "@/lib/cache/pg-store";
import { chooseStore } from "@/lib/db/backend";

export interface Cache {
  store: CacheStore;
  blobs: BlobStore;
  dataDir: string;
}

// One SQLite handle per data directory and process, on globalThis so dev hot reload reuses it.
const handles = ((globalThis as Record<string, unknown>).__mailroomCache ??= new Map<string, Cache>()) as Map<string, Cache>;

/**
 * The POP3 cache in `dataDir` (default MAILROOM_DATA_DIR): blobs/ and tmp/ there, the metadata in
 * mailroom.sqlite there or, with DATABASE_URL, in PostgreSQL (then `dataDir` must be the volume every
 * instance mounts, so each one finds the blobs the rows point at).
 */
export function openCache(dataDir: string = env().MAILROOM_DATA_DIR): Cache {
  const dir = path.resolve(dataDir);
  let cache = handles.get(dir);
  if (!cache) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const store = chooseStore<CacheStore>(() => new SqliteCacheStore(path.join(dir, "mailroom.sqlite")), (db) => new PgCacheStore(db));
    cache = { store, blobs: new FileBlobStore(dir), dataDir: dir };
    handles.set(dir, cache);
  }
  return cache;
}

/** Closes a cache opened by openCache (tests, worker exit). */
export function closeCache(dataDir: string = env().MAILROOM_DATA_DIR): void {
  const dir = path.resolve(dataDir);
  const cache = handles.get(dir);
  // Duck-typed: at shutdown the caller (instrumentation's bundle) has its own copy of the class.
  const store = cache?.store as { close?: () => void } | undefined;
  store?.close?.();
  handles.delete(dir);
}

/** Shutdown: closes every cache handle; closing the last connection checkpoints the WAL into the database. */
export function closeAllCaches(): void {
  for (const dir of [...handles.keys()]) closeCache(dir);
}
