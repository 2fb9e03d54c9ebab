import "server-only";
import { createHash } from "node:crypto";
import type { Cache } from "@/lib/cache/open-cache";
import type { MessageMeta, NewMessage } from "@/lib/cache/cache-store";

/*
 * A POP3 cache with many messages in seconds, for the EXPLAIN/scale tests and the pop3_cache bench
 * (issue 13 point 9). Rows go in through the store's own insertMessages (one transaction per batch,
 * not fsynced), so every column, counter and search row is what a real sync writes; the raw messages
 * are a few small blobs shared by all rows (content-addressed, as identical mail would be).
 * Everything is a pure function of the message number, so a test can say what a query must return.
 */

export const BIG_DAY_MS = 86_400_000;
// 2026-01-01T00:00:00Z; message i is dated about i minutes after (some a little out of order).
export const BIG_START = Date.UTC(2026, 0, 1);
const BLOBS = 32;

// A small vocabulary with a Zipf-like spread: "alpha" is in about a third of the messages, "zulu" in
// few, and each message has a unique word "uniq<i>" so exact searches have one answer.
const WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu"];
const NAMES = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth", "Ken Thompson", "Margaret Hamilton", "Linus Torvalds", "Frances Allen"];

/** A deterministic pseudo-random number in [0, 1) for (i, salt). */
function rnd(i: number, salt: number): number {
  let x = (i * 2654435761 + salt * 40503) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x45d9f3b) >>> 0;
  x ^= x >>> 16;
  return (x >>> 0) / 2 ** 32; // XOR gives a signed int32: back to unsigned
}

/** A word with rank-skewed frequency (rank 0 about 1/3 of draws). */
function word(i: number, salt: number): string {
  return WORDS[Math.min(WORDS.length - 1, Math.floor(WORDS.length * rnd(i, salt) ** 3))]!;
}

export interface BigMessage {
  subject: string;
  fromName: string;
  date: number;
  seen: boolean;
  hasAttachments: boolean;
  size: number;
  body: string;
}

/** Message number i (0 = oldest) of the fixture. */
export function bigMessage(i: number): BigMessage {
  const subject = `${word(i, 1)} ${word(i, 2)} report ${i}`;
  const body = `uniq${i} ${Array.from({ length: 24 }, (_, k) => word(i, 10 + k)).join(" ")}`;
  return {
    subject,
    fromName: NAMES[i % NAMES.length]!,
    // Mostly in arrival order, one in seven a few hours earlier (a late delivery).
    date: BIG_START + i * 60_000 - (i % 7 === 0 ? 3 * 3_600_000 : 0),
    seen: i % 3 !== 0,
    hasAttachments: i % 17 === 0,
    size: 2_000 + Math.floor(rnd(i, 3) * 50_000),
    body,
  };
}

function rawBlob(n: number): Buffer {
  return Buffer.from(`From: Fixture <fixture@example.test>\r\nTo: you@example.test\r\nSubject: Fixture ${n}\r\nDate: Thu, 01 Jan 2026 00:00:00 +0000\r\nMessage-ID: <fixture-${n}@example.test>\r\n\r\nThe first sentence of fixture body ${n}.\r\n`);
}

async function putBlobs(cache: Cache): Promise<string[]> {
  const hashes: string[] = [];
  for (let n = 0; n < BLOBS; n++) {
    const raw = rawBlob(n);
    const sha = createHash("sha256").update(raw).digest("hex");
    if (!cache.blobs.exists(sha)) await cache.blobs.commitTemp(await cache.blobs.putTemp("fixture", [raw], sha, raw.length));
    hashes.push(sha);
  }
  return hashes;
}

function newMessage(account: string, folderPath: string, i: number, sha256: string): NewMessage {
  const m = bigMessage(i);
  const address = `${m.fromName.split(" ")[0]!.toLowerCase()}@example.test`;
  const meta: MessageMeta = {
    subject: m.subject,
    from: { name: m.fromName, address },
    to: [{ name: "", address: account }],
    cc: [],
    replyTo: [],
    messageId: `<big-${i}@example.test>`,
    date: m.date,
    attachments: m.hasAttachments ? [{ partId: "2", filename: `file-${i}.pdf`, contentType: "application/pdf", size: 1000 }] : [],
    searchText: m.body,
  };
  return { account, folderPath, sha256, size: m.size, meta, seen: m.seen, indexed: true };
}

/**
 * Fills `folderPath` of `account` with messages 0..count-1 (oldest first, so local UIDs rise with i).
 * Returns the UID of message 0; message i has UID first + i.
 */
export async function fillBigCache(cache: Cache, account: string, folderPath: string, count: number, opts: { batch?: number } = {}): Promise<number> {
  await cache.store.ensureAccount(account);
  const hashes = await putBlobs(cache);
  const batch = opts.batch ?? 20_000;
  let first = -1;
  for (let start = 0; start < count; start += batch) {
    const msgs: NewMessage[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) msgs.push(newMessage(account, folderPath, i, hashes[i % BLOBS]!));
    const res = await cache.store.insertMessages(msgs, () => true, { durable: false });
    if (first < 0) first = res[0]!.uid!;
  }
  await cache.store.flushDurable(account);
  return first;
}
