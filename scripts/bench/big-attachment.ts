/**
 * The bench's large-attachment message: one ~50 MB binary attachment with deterministic bytes
 * (AES-128-CTR keystream under a fixed key: incompressible like a real archive, no Math.random).
 * The message is generated chunk by chunk, twice — once to learn its size and hashes, once streamed
 * into an IMAP APPEND literal — so the bench process never holds it whole.
 */
import { createCipheriv, createHash } from "node:crypto";
import net from "node:net";
import { once } from "node:events";
import type { ImapFlow } from "imapflow";
import { rfc2822Date } from "../seed-lib";

export const SUBJECT_PREFIX = "bench-50mb-attachment";
export const ATTACHMENT_NAME = "bench-attachment.bin";
const FOLDER = "INBOX";
// 1152 base64 lines of 76 characters: raw chunks are a multiple of 3 and of 57 bytes, so every
// chunk but the last encodes to whole lines without padding.
const RAW_CHUNK = 57 * 1152;
const CRLF = "\r\n";

export interface BigMessage {
  subject: string;
  /** Bytes of the whole RFC 5322 message (CRLF line ends), i.e. the APPEND literal and RFC822.SIZE. */
  messageBytes: number;
  attachmentBytes: number;
  /** sha256 of the decoded attachment: what a correct download must hash to. */
  attachmentSha256: string;
}

function parts(attachmentBytes: number): { subject: string; head: Buffer; tail: Buffer } {
  const tag = `${Math.round(attachmentBytes / 1048576)}MiB-v1`;
  const subject = `${SUBJECT_PREFIX} ${tag}`;
  const boundary = `mailroom-bench-${tag}`;
  const head = [
    `Date: ${rfc2822Date(new Date("2026-10-31T12:00:00Z"))}`,
    "From: Mailroom Bench <bench@example.test>",
    "To: t20@example.test",
    `Subject: ${subject}`,
    `Message-ID: <${boundary}@example.test>`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 7bit",
    "",
    `A ${attachmentBytes} byte deterministic binary attachment for the Mailroom benchmark.`,
    "",
    `--${boundary}`,
    `Content-Type: application/octet-stream; name="${ATTACHMENT_NAME}"`,
    "Content-Transfer-Encoding: base64",
    `Content-Disposition: attachment; filename="${ATTACHMENT_NAME}"`,
    "",
    "",
  ].join(CRLF);
  return { subject, head: Buffer.from(head, "latin1"), tail: Buffer.from(`--${boundary}--${CRLF}`, "latin1") };
}

/** Base64 of one raw chunk as CRLF-terminated 76-column lines. */
function base64Lines(raw: Buffer): Buffer {
  const b64 = raw.toString("base64");
  const lines = Math.ceil(b64.length / 76);
  const out = Buffer.allocUnsafe(b64.length + lines * 2);
  let o = 0;
  for (let i = 0; i < b64.length; i += 76) {
    o += out.write(b64.slice(i, i + 76), o, "latin1");
    o += out.write(CRLF, o, "latin1");
  }
  return out;
}

/** Yields the message in pieces; onRaw sees every decoded attachment chunk (for hashing). */
function* messageChunks(attachmentBytes: number, onRaw?: (raw: Buffer) => void): Generator<Buffer> {
  const { head, tail } = parts(attachmentBytes);
  yield head;
  const key = createHash("sha256").update("mailroom-bench attachment key").digest().subarray(0, 16);
  const cipher = createCipheriv("aes-128-ctr", key, Buffer.alloc(16));
  const zeros = Buffer.alloc(RAW_CHUNK);
  for (let left = attachmentBytes; left > 0; left -= RAW_CHUNK) {
    const raw = cipher.update(left >= RAW_CHUNK ? zeros : zeros.subarray(0, left));
    onRaw?.(raw);
    yield base64Lines(raw);
  }
  yield tail;
}

/** Size and hashes of the message, computed by generating it once without keeping it. */
export function describeBigMessage(attachmentBytes: number): BigMessage {
  const hash = createHash("sha256");
  let messageBytes = 0;
  let raw = 0;
  for (const chunk of messageChunks(attachmentBytes, (r) => {
    hash.update(r);
    raw += r.length;
  })) {
    messageBytes += chunk.length;
  }
  if (raw !== attachmentBytes) throw new Error(`generator produced ${raw} bytes, wanted ${attachmentBytes}`);
  return { subject: parts(attachmentBytes).subject, messageBytes, attachmentBytes, attachmentSha256: hash.digest("hex") };
}

/** UID of the stored copy with exactly the expected size, or null; stale copies (other size) are deleted. */
export async function findBigMessage(client: ImapFlow, msg: BigMessage): Promise<number | null> {
  const lock = await client.getMailboxLock(FOLDER);
  try {
    // A message appended over another connection is not in this session's view until a NOOP syncs it.
    await client.noop();
    const uids = (await client.search({ header: { subject: msg.subject } }, { uid: true })) || [];
    if (uids.length === 0) return null;
    const rows = await client.fetchAll(uids.join(","), { uid: true, size: true, envelope: true }, { uid: true });
    const good = rows.filter((r) => r.size === msg.messageBytes && r.envelope?.subject === msg.subject).map((r) => r.uid);
    const stale = rows.map((r) => r.uid).filter((u) => !good.includes(u));
    if (stale.length > 0) await client.messageDelete(stale.join(","), { uid: true });
    return good.length > 0 ? Math.max(...good) : null;
  } finally {
    lock.release();
  }
}

/**
 * APPENDs the message over a plain socket with a LITERAL+ literal, writing generated chunks as the
 * socket drains (imapflow's append() wants the whole message as one Buffer).
 */
export async function appendBigMessage(o: { host: string; port: number; user: string; password: string }, msg: BigMessage): Promise<void> {
  const sock = net.connect({ host: o.host, port: o.port });
  sock.setNoDelay(true);
  let buf = "";
  let failure: Error | null = null;
  const lines: string[] = [];
  let notify: (() => void) | null = null;
  sock.on("data", (d: Buffer) => {
    buf += d.toString("latin1");
    let i: number;
    while ((i = buf.indexOf(CRLF)) >= 0) {
      lines.push(buf.slice(0, i));
      buf = buf.slice(i + 2);
    }
    notify?.();
  });
  sock.on("error", (e) => {
    failure = e;
    notify?.();
  });
  sock.on("close", () => {
    failure ??= new Error("IMAP connection closed during APPEND");
    notify?.();
  });
  const waitLine = async (match: (l: string) => boolean): Promise<string> => {
    for (;;) {
      const i = lines.findIndex(match);
      if (i >= 0) return lines.splice(0, i + 1)[i]!;
      if (failure) throw failure;
      await new Promise<void>((r) => (notify = r));
      notify = null;
    }
  };
  const tagged = async (tag: string): Promise<void> => {
    const line = await waitLine((l) => l.startsWith(`${tag} `));
    if (!line.startsWith(`${tag} OK`)) throw new Error(`IMAP ${tag} failed: ${line}`);
  };
  const q = (s: string) => `"${s.replace(/(["\\])/g, "\\$1")}"`;
  try {
    await waitLine((l) => l.startsWith("* OK"));
    sock.write(`L LOGIN ${q(o.user)} ${q(o.password)}${CRLF}`);
    await tagged("L");
    sock.write(`A APPEND ${FOLDER} (\\Seen) {${msg.messageBytes}+}${CRLF}`);
    let written = 0;
    for (const chunk of messageChunks(msg.attachmentBytes)) {
      written += chunk.length;
      if (!sock.write(chunk)) await once(sock, "drain");
    }
    if (written !== msg.messageBytes) throw new Error(`wrote ${written} bytes, announced ${msg.messageBytes}`);
    sock.write(CRLF);
    await tagged("A");
    sock.write(`Z LOGOUT${CRLF}`);
    await tagged("Z").catch(() => undefined);
  } finally {
    sock.destroy();
  }
}
