import "server-only";
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { appendMessages, resetMailbox, testUser, withImap } from "@/e2e/helpers/imap";
import { attachmentMessage, bulkMessage, createRng, plainMessage, SEED_EPOCH } from "@/scripts/seed-lib";
import { closeCache, openCache, type Cache } from "@/lib/cache/open-cache";
import type { Pop3Server } from "@/lib/pop3/pop3-client";
import { env } from "@/lib/env";

// Shared by the POP3 integration tests: the real Dovecot of scripts/mail-stack.sh, configured by
// scripts/test-env.sh (source it before running the integration suite).
const e = env();
export const POP3: Pop3Server = { host: e.POP3_HOST ?? "127.0.0.1", port: e.POP3_PORT, tls: e.POP3_TLS };
export const PASSWORD = "test-pass";

export const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

export function user(n: number) {
  const u = testUser(n);
  return { ...u, creds: { user: u.email, password: u.password } };
}

export function freshCache(): Cache {
  return openCache(mkdtempSync(path.join(os.tmpdir(), "mailroom-pop3-")));
}

export function dropCache(cache: Cache): void {
  closeCache(cache.dataDir);
}

/**
 * `count` distinct messages (deterministic in seed): mostly small bulk mail, every 75th a ~200 KB
 * attachment, every 40th a body with lines starting with "." and "From ".
 */
export function corpus(count: number, seed: number, to: string): Buffer[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(SEED_EPOCH.getTime() - i * 60_000);
    if (i % 75 === 7) {
      const content = Buffer.alloc(150 * 1024);
      for (let j = 0; j < content.length; j++) content[j] = Math.floor(rng.next() * 256);
      return attachmentMessage({ from: "big@example.test", to, subject: `Big ${seed}-${i}`, date, text: "see attached", attachments: [{ filename: `big-${i}.bin`, contentType: "application/octet-stream", content }] });
    }
    if (i % 40 === 3) {
      return plainMessage({ from: "dots@example.test", to, subject: `Dots ${seed}-${i}`, date, text: `.leading dot\n..two dots\nFrom the start\n>From quoted\n.\nend ${seed}-${i}` });
    }
    return bulkMessage(i, to, date, seed);
  });
}

export async function deliver(u: { email: string; password: string }, messages: Buffer[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 100) await appendMessages(u, "INBOX", messages.slice(i, i + 100));
}

export async function resetServer(u: { email: string; password: string }): Promise<void> {
  await resetMailbox(u);
}

export async function serverCount(u: { email: string; password: string }): Promise<number> {
  return withImap(u, async (c) => {
    const st = await c.status("INBOX", { messages: true });
    return st ? (st.messages ?? 0) : 0;
  });
}

/** The content hashes of every message in the user's INBOX on the server (read over IMAP), sorted. */
export async function serverHashes(u: { email: string; password: string }): Promise<string[]> {
  return withImap(u, async (c) => {
    const lock = await c.getMailboxLock("INBOX");
    try {
      if (!c.mailbox || c.mailbox.exists === 0) return [];
      const out: string[] = [];
      for await (const m of c.fetch("1:*", { source: true })) out.push(sha256(m.source!));
      return out.sort();
    } finally {
      lock.release();
    }
  });
}

/** The content hashes of every cached message of the account, each recomputed from its blob file. */
export async function cachedHashes(cache: Cache, account: string): Promise<string[]> {
  const out: string[] = [];
  for await (const row of cache.store.iterateMessages(account, null)) {
    const actual = sha256(await cache.blobs.read(row.sha256));
    out.push(actual === row.sha256 ? actual : `CORRUPT:${row.sha256}`);
  }
  return out.sort();
}
