/**
 * The "raw" side of each comparison: imapflow used directly, doing exactly the IMAP work the app's
 * server does for the same request, so a ratio app/raw measures the app's own overhead.
 */
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { ImapFlow, type FetchMessageObject, type FetchQueryObject } from "imapflow";
import { simpleParser, type ParsedMail } from "mailparser";

/**
 * Copy of SUMMARY_QUERY in lib/imap/list-messages.ts (that module starts with `import "server-only"`,
 * which cannot be loaded outside Next). Keep the two in step.
 */
export const SUMMARY_QUERY: FetchQueryObject = { uid: true, flags: true, envelope: true, size: true, bodyStructure: true, internalDate: true };

export interface ImapTarget {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** Same connection options as lib/imap/connect.ts, minus TLS (the bench stack is plain loopback). */
export async function connectRaw(t: ImapTarget): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: t.host,
    port: t.port,
    secure: false,
    auth: { user: t.user, pass: t.password },
    logger: false,
    emitLogs: false,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 5 * 60_000,
    disableAutoIdle: false,
    qresync: true,
  });
  client.on("error", () => {});
  await client.connect();
  return client;
}

export async function closeRaw(client: ImapFlow): Promise<void> {
  await client.logout().catch(() => client.close());
}

/** What the server does for GET /api/messages?folder=…&limit=…: lock, FETCH the last `limit` sequence numbers, release. */
export async function listNewest(client: ImapFlow, folder: string, limit: number): Promise<FetchMessageObject[]> {
  const lock = await client.getMailboxLock(folder);
  try {
    const exists = client.mailbox ? client.mailbox.exists : 0;
    if (exists === 0) return [];
    return await client.fetchAll(`${Math.max(1, exists - limit + 1)}:*`, SUMMARY_QUERY);
  } finally {
    lock.release();
  }
}

/** What the server does for GET /api/messages/<uid>?peek=1 on a small message: summary FETCH, source FETCH, mailparser. */
export async function openMessage(client: ImapFlow, folder: string, uid: number): Promise<ParsedMail> {
  const lock = await client.getMailboxLock(folder);
  try {
    const meta = await client.fetchOne(String(uid), SUMMARY_QUERY, { uid: true });
    if (!meta) throw new Error(`UID ${uid} not found in ${folder}`);
    const msg = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    if (!msg || !msg.source) throw new Error(`UID ${uid} has no source`);
    return await simpleParser(msg.source);
  } finally {
    lock.release();
  }
}

/** UIDs of the newest `count` messages of a folder, newest first. */
export async function newestUids(client: ImapFlow, folder: string, count: number): Promise<number[]> {
  const lock = await client.getMailboxLock(folder);
  try {
    const exists = client.mailbox ? client.mailbox.exists : 0;
    if (exists === 0) return [];
    const rows = await client.fetchAll(`${Math.max(1, exists - count + 1)}:*`, { uid: true });
    return rows.map((r) => r.uid).sort((a, b) => b - a);
  } finally {
    lock.release();
  }
}

export async function messageCount(client: ImapFlow, folder: string): Promise<number> {
  const st = await client.status(folder, { messages: true });
  return st ? (st.messages ?? 0) : 0;
}

export interface Digest {
  bytes: number;
  sha256: string;
}

/** Consumes a byte stream fully, counting and hashing as it goes (nothing is kept). */
export async function digestStream(stream: Readable | AsyncIterable<Uint8Array | string>): Promise<Digest> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Uint8Array | string>) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk, "latin1") : chunk;
    hash.update(buf);
    bytes += buf.length;
  }
  return { bytes, sha256: hash.digest("hex") };
}

/** Raw counterpart of the attachment route: stream one body part out of IMAP into a hash. */
export async function downloadPart(client: ImapFlow, folder: string, uid: number, partId: string): Promise<Digest> {
  const lock = await client.getMailboxLock(folder);
  try {
    const dl = await client.download(String(uid), partId, { uid: true });
    if (!("content" in dl) || !dl.content) throw new Error(`part ${partId} of UID ${uid} not found`);
    return await digestStream(dl.content as Readable);
  } finally {
    lock.release();
  }
}
