import "server-only";
import type { ParsedBody } from "@/lib/mime/parse-message";

/*
 * Parsed bodies of recently opened messages, so the JSON detail and the iframe's body request parse a
 * message once. Keyed by account, folder, UIDVALIDITY and UID: a UID is only trusted with its UIDVALIDITY.
 */
const MAX_ENTRIES = 200;
const MAX_BYTES = 32 * 1024 * 1024; // counts the parsed text; sanitised copies roughly double it

interface Entry {
  body: ParsedBody;
  bytes: number;
}

const cache = ((globalThis as Record<string, unknown>).__mailroomBodyCache ??= new Map<string, Entry>()) as Map<string, Entry>;
let totalBytes = 0;

export function bodyKey(account: string, folder: string, uidValidity: string, uid: number): string {
  return `${account}\u0000${folder}\u0000${uidValidity}\u0000${uid}`;
}

function blockBytes(blocks: NonNullable<ParsedBody["structure"]>["blocks"]): number {
  let n = 0;
  for (const b of blocks) n += b.kind === "html" ? b.html.length : b.kind === "text" ? b.text.length : blockBytes(b.blocks) + 256;
  return n;
}

export function getCachedBody(key: string): ParsedBody | null {
  const e = cache.get(key);
  if (!e) return null;
  cache.delete(key); // refresh recency
  cache.set(key, e);
  return e.body;
}

export function putCachedBody(key: string, body: ParsedBody): void {
  const bytes = (body.html?.length ?? 0) + (body.text?.length ?? 0) + (body.raw?.length ?? 0) + blockBytes(body.structure?.blocks ?? []);
  if (bytes > MAX_BYTES / 4) return;
  const old = cache.get(key);
  if (old) totalBytes -= old.bytes;
  cache.delete(key);
  cache.set(key, { body, bytes });
  totalBytes += bytes;
  for (const [k, e] of cache) {
    if (cache.size <= MAX_ENTRIES && totalBytes <= MAX_BYTES) break;
    cache.delete(k);
    totalBytes -= e.bytes;
  }
}

/** Entries and counted bytes held (tests: the keys include a client-chosen folder, so the bound matters). */
export function cachedBodyStats(): { entries: number; bytes: number } {
  return { entries: cache.size, bytes: totalBytes };
}
