/**
 * Seeds the local mail stack (scripts/mail-stack.sh) with deterministic demo content.
 *
 *   node_modules/.bin/tsx scripts/seed.ts [--force] [--only=alice,bob,...] [--share-team-with=bob,carol]
 *
 * `--only=load` (or a name among t401…t420) seeds the load bench's twenty accounts with SEED_LOAD_COUNT
 * (300) generated messages each; a plain run (no --only) leaves them empty, so the test seed stays quick.
 *
 * Env: IMAP_HOST (127.0.0.1), IMAP_PORT (1143). Passwords come from config/dovecot/users.txt.
 * Idempotent: a user whose INBOX already has mail is skipped; --force wipes that user's mail
 * (all messages, user folders) and seeds again. Deterministic: seeded PRNG and fixed dates counting
 * back from 2026-11-01T09:00:00Z (no Math.random, no Date.now in the content).
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import { type Address, bulkMessage, minutesBefore, plainMessage } from './seed-lib';
import { ALICE, aliceFolders, at, days, DOMAIN, SEEN, smallUserFolders, type Folders, type Item } from './seed-demo-mail';
import { setAcl } from './imap-acl';

const HOST = process.env.IMAP_HOST || '127.0.0.1';
const PORT = Number(process.env.IMAP_PORT || 1143);
const BULK_COUNT = Number(process.env.SEED_BULK_COUNT || 10_000);
/** The load bench's accounts (scripts/bench/load.ts): t401…t420, seeded only when asked for by name. */
const LOAD_USERS = Array.from({ length: 20 }, (_, i) => `t${401 + i}`);
const LOAD_COUNT = Number(process.env.SEED_LOAD_COUNT || 300);

const args = process.argv.slice(2);
const FORCE = args.includes('--force');
const ONLY = (args.find((a) => a.startsWith('--only=')) ?? '').slice('--only='.length).split(',').filter(Boolean);
// Who alice's "Team" folder is shared with (read-only): bob by default; the Cyrus stack adds carol.
const TEAM_SHARE = (args.find((a) => a.startsWith('--share-team-with=')) ?? '--share-team-with=bob').slice('--share-team-with='.length).split(',').filter(Boolean);

// ---------------------------------------------------------------------------------------------
// users

function loadPasswords(): Map<string, string> {
  // scripts/ under CommonJS (tsx default here); the project root's scripts/ otherwise.
  const here = typeof __dirname === 'string' ? __dirname : path.join(process.cwd(), 'scripts');
  const file = process.env.MAILROOM_USERS_FILE || path.join(here, '..', 'config', 'dovecot', 'users.txt');
  const map = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const i = t.indexOf(':');
    if (i > 0) map.set(t.slice(0, i).toLowerCase(), t.slice(i + 1));
  }
  return map;
}
const PASSWORDS = loadPasswords();
function password(user: string): string {
  const p = PASSWORDS.get(user);
  if (!p) throw new Error(`user ${user} is not in config/dovecot/users.txt`);
  return p;
}

// ---------------------------------------------------------------------------------------------
// IMAP plumbing

function client(user: string): ImapFlow {
  return new ImapFlow({ host: HOST, port: PORT, secure: false, logger: false, auth: { user, pass: password(user) }, disableAutoIdle: true });
}

async function withClient<T>(user: string, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const c = client(user);
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.logout().catch(() => c.close());
  }
}

/** Prefixes of other people's and public folders, as the server's NAMESPACE answer names them. */
function foreignPrefixes(c: ImapFlow): string[] {
  return [...(c.namespaces?.other || []), ...(c.namespaces?.shared || [])].map((n) => n.prefix).filter(Boolean);
}

/** Whether `user` lists `owner`'s `folder` among other people's folders, whatever the server calls them. */
async function seesShared(user: string, owner: string, folder: string): Promise<string | undefined> {
  return withClient(user, async (c) => {
    const others = (c.namespaces?.other || []).map((n) => n.prefix);
    const local = owner.split('@')[0];
    const found = (await c.list()).find(
      (b) => others.some((p) => b.path.startsWith(p)) && b.path.endsWith(`${b.delimiter}${folder}`) && (b.path.includes(`${b.delimiter}${owner}${b.delimiter}`) || b.path.includes(`${b.delimiter}${local}${b.delimiter}`)),
    );
    return found?.path;
  });
}

async function inboxCount(c: ImapFlow): Promise<number> {
  const st = await c.status('INBOX', { messages: true });
  return (st && st.messages) || 0;
}

/** --force: delete every message and every user-created folder of the private namespace. */
async function wipe(c: ImapFlow): Promise<void> {
  const boxes = await c.list();
  const foreign = foreignPrefixes(c);
  const own = boxes.filter((b) => !foreign.some((p) => b.path.startsWith(p)));
  const keep = own.filter((b) => b.path.toUpperCase() === 'INBOX' || b.specialUse);
  const drop = own.filter((b) => !keep.includes(b)).sort((a, b) => b.path.split('/').length - a.path.split('/').length);
  for (const b of drop) await c.mailboxDelete(b.path).catch(() => undefined);
  for (const b of keep) {
    const lock = await c.getMailboxLock(b.path);
    try {
      if (c.mailbox && c.mailbox.exists > 0) await c.messageDelete('1:*', { uid: false });
    } finally {
      lock.release();
    }
  }
}

async function appendFolders(c: ImapFlow, folders: Folders): Promise<number> {
  let count = 0;
  const existing = new Set((await c.list()).map((b) => b.path));
  for (const [folder, items] of Object.entries(folders)) {
    if (!existing.has(folder)) {
      await c.mailboxCreate(folder);
      await c.mailboxSubscribe(folder).catch(() => undefined);
    }
    // oldest first, so UIDs increase with date
    for (const it of [...items].sort((a, b) => a.date.getTime() - b.date.getTime())) {
      try {
        await c.append(folder, it.raw, it.flags ?? [], it.date);
        count++;
      } catch (err) {
        // Stricter servers (Cyrus: "Message contains invalid header") refuse the deliberately
        // malformed demo messages; the rest of the demo is still worth having.
        const text = (err as { responseText?: string }).responseText;
        if ((err as { responseStatus?: string }).responseStatus !== 'NO') throw err;
        console.warn(`  ${folder}: server refused a message (${text}); skipped`);
      }
    }
  }
  return count;
}

/** IMAP internal date: "01-Nov-2026 09:00:00 +0000" */
function imapDate(d: Date): string {
  const M = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}-${M[d.getUTCMonth()]}-${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/**
 * Fast bulk append over a raw socket: MULTIAPPEND (RFC 3502) with LITERAL+ literals, several
 * hundred messages per command, so UIDs follow the given order exactly. imapflow sends one
 * command at a time, which would cost a round trip per message.
 */
async function rawMultiAppend(user: string, mailbox: string, items: Item[], batchSize = 500): Promise<void> {
  const sock = net.connect({ host: HOST, port: PORT });
  sock.setNoDelay(true);
  let buf = '';
  let waiter: { tag: string; resolve: (line: string) => void; reject: (e: Error) => void } | null = null;
  let greeted: (() => void) | null = null;
  const fail = (e: Error) => {
    if (waiter) waiter.reject(e);
    waiter = null;
  };
  sock.on('error', fail);
  sock.on('close', () => fail(new Error('IMAP connection closed')));
  sock.on('data', (d) => {
    buf += d.toString('latin1');
    let i: number;
    while ((i = buf.indexOf('\r\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (greeted && line.startsWith('* OK')) {
        greeted();
        greeted = null;
      } else if (waiter && line.startsWith(waiter.tag + ' ')) {
        const w = waiter;
        waiter = null;
        if (/^\S+ OK/.test(line)) w.resolve(line);
        else w.reject(new Error(`${user}: ${line}`));
      }
    }
  });
  const command = (tag: string, chunks: Buffer[]) =>
    new Promise<string>((resolve, reject) => {
      waiter = { tag, resolve, reject };
      for (const ch of chunks) sock.write(ch);
    });
  await new Promise<void>((resolve, reject) => {
    greeted = resolve;
    sock.once('error', reject);
  });
  const q = (s: string) => `"${s.replace(/(["\\])/g, '\\$1')}"`;
  await command('L1', [Buffer.from(`L1 LOGIN ${q(user)} ${q(password(user))}\r\n`)]);
  let n = 0;
  for (let start = 0; start < items.length; start += batchSize) {
    const tag = `A${++n}`;
    const chunks: Buffer[] = [Buffer.from(`${tag} APPEND ${q(mailbox)}`)];
    for (const it of items.slice(start, start + batchSize)) {
      chunks.push(Buffer.from(` (${(it.flags ?? []).join(' ')}) "${imapDate(it.date)}" {${it.raw.length}+}\r\n`), it.raw);
    }
    chunks.push(Buffer.from('\r\n'));
    await command(tag, chunks);
  }
  await command('Z1', [Buffer.from('Z1 LOGOUT\r\n')]).catch(() => undefined);
  sock.destroy();
}

// ---------------------------------------------------------------------------------------------
// per-user seeding

async function seedUser(user: string, seedFn: (c: ImapFlow) => Promise<string>): Promise<void> {
  const t0 = performance.now();
  const summary = await withClient(user, async (c) => {
    const existing = await inboxCount(c);
    if (existing > 0 && !FORCE) return `skipped (INBOX already has ${existing} messages; use --force to reseed)`;
    if (FORCE) await wipe(c);
    return seedFn(c);
  });
  console.log(`  ${user.padEnd(22)} ${summary}  [${((performance.now() - t0) / 1000).toFixed(2)} s]`);
}

async function main() {
  const t0 = performance.now();
  console.log(`seeding IMAP ${HOST}:${PORT}${FORCE ? ' (--force)' : ''}`);
  const want = (u: string) => ONLY.length === 0 || ONLY.includes(u) || ONLY.includes(u.split('@')[0]);
  const alice = `alice@${DOMAIN}`;
  const bob = `bob@${DOMAIN}`;
  const bulk = `bulk@${DOMAIN}`;

  const tasks: Promise<void>[] = [];

  // bulk: 10,000 generated messages, dates increasing with UID. Runs concurrently with the rest.
  if (want('bulk')) {
    tasks.push(
      seedUser(bulk, async () => {
        const tBuild = performance.now();
        const to: Address = { name: 'Bulk Tester', address: bulk };
        const items: Item[] = [];
        for (let i = 0; i < BULK_COUNT; i++) {
          // spread over ~1 year before the epoch, increasing with i
          const date = minutesBefore((BULK_COUNT - i) * 52);
          items.push({ raw: bulkMessage(i, to, date), date, flags: i % 7 === 0 ? [] : i % 31 === 0 ? ['\\Seen', '\\Flagged'] : ['\\Seen'] });
        }
        const built = performance.now();
        await rawMultiAppend(bulk, 'INBOX', items);
        const done = performance.now();
        const bytes = items.reduce((s, it) => s + it.raw.length, 0);
        return `${BULK_COUNT} messages (${(bytes / 1048576).toFixed(1)} MiB): generated in ${((built - tBuild) / 1000).toFixed(2)} s, appended in ${((done - built) / 1000).toFixed(2)} s`;
      }),
    );
  }

  if (want('alice')) {
    tasks.push(
      seedUser(alice, async (c) => {
        const folders = aliceFolders();
        const n = await appendFolders(c, folders);
        // Share "Team" read-only with bob (and whoever else is asked for): lookup, read, keep seen state.
        const with_ = TEAM_SHARE.map((u) => (u.includes('@') ? u : `${u}@${DOMAIN}`));
        for (const u of with_) await setAcl(c, 'Team', u, 'lrs');
        return `${n} messages in ${Object.keys(folders).length} folders; Team shared with ${with_.join(', ')} (lrs)`;
      }),
    );
  }

  // load: a few hundred bulk-style messages per account (same generator, a seed of its own per account).
  for (const local of LOAD_USERS) {
    if (!ONLY.includes('load') && !ONLY.includes(local) && !ONLY.includes(`${local}@${DOMAIN}`)) continue;
    const user = `${local}@${DOMAIN}`;
    tasks.push(
      seedUser(user, async () => {
        const to: Address = { name: `Load ${local}`, address: user };
        const seed = 424242 + Number(local.slice(1));
        const items: Item[] = Array.from({ length: LOAD_COUNT }, (_, i) => {
          const date = minutesBefore((LOAD_COUNT - i) * 97);
          return { raw: bulkMessage(i, to, date, seed), date, flags: i % 5 === 0 ? [] : ['\\Seen'] };
        });
        await rawMultiAppend(user, 'INBOX', items);
        return `${LOAD_COUNT} messages`;
      }),
    );
  }

  const small: [string, string, number][] = [
    ['bob', 'Bob Builder', 2],
    ['carol', 'Carol Chen', 3],
    ['dana', 'Dana Okafor', 4],
  ];
  for (const [local, name, seed] of small) {
    if (!want(local)) continue;
    tasks.push(
      seedUser(`${local}@${DOMAIN}`, async (c) => {
        const n = await appendFolders(c, smallUserFolders(local, name, seed));
        return `${n} messages`;
      }),
    );
  }

  // Live/ACL tests: t31 shares "Team" with t32 read-only (lr: see and read, nothing else) and "Desk"
  // with read-write rights short of administering it (lrswipte: seen, flags, insert, delete, expunge).
  const t31 = `t31@${DOMAIN}`;
  const t32 = `t32@${DOMAIN}`;
  if (want('t31')) {
    tasks.push(
      seedUser(t31, async (c) => {
        const owner: Address = { name: 'Tess Thirty-One', address: t31 };
        const team = ['Rota for December', 'Shared budget sheet', 'Customer escalation playbook'].map((subject, i) => ({
          raw: plainMessage({ from: owner, to: { name: 'Team', address: t32 }, subject: `Team: ${subject}`, date: at(days(3 - i)), key: `t31-team-${i}`, text: `${subject}.\n\nTess\n` }),
          date: at(days(3 - i)),
          flags: i === 0 ? SEEN : [],
        }));
        const desk = [0, 1].map((i) => ({
          raw: plainMessage({ from: owner, to: t32, subject: `Desk: note ${i + 1}`, date: at(days(2 - i)), key: `t31-desk-${i}`, text: 'A note on the shared desk.\n' }),
          date: at(days(2 - i)),
        }));
        const inbox = [{ raw: plainMessage({ from: ALICE, to: owner, subject: 'Welcome, Tess', date: at(days(5)), key: 't31-0', text: 'Hello.\n' }), date: at(days(5)), flags: SEEN }];
        const n = await appendFolders(c, { INBOX: inbox, Team: team, Desk: desk });
        await setAcl(c, 'Team', t32, 'lr');
        await setAcl(c, 'Desk', t32, 'lrswipte');
        return `${n} messages; Team shared with ${t32} (lr), Desk (lrswipte)`;
      }),
    );
  }

  const results = await Promise.allSettled(tasks);
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  for (const f of failed) console.error('seed failed:', f.reason);

  // Verify the share is visible to bob.
  if (want('alice') || want('bob')) {
    const visible = await seesShared(bob, alice, 'Team');
    if (visible) console.log(`  check: ${bob} sees ${visible}`);
    else {
      console.error(`  check FAILED: ${bob} does not see ${alice}'s Team`);
      failed.push({ status: 'rejected', reason: 'share not visible' });
    }
  }

  if (want('t31') || want('t32')) {
    const visible = await seesShared(t32, t31, 'Team');
    if (visible) console.log(`  check: ${t32} sees ${visible}`);
    else {
      console.error(`  check FAILED: ${t32} does not see ${t31}'s Team`);
      failed.push({ status: 'rejected', reason: 'share not visible' });
    }
  }

  console.log(`seed ${failed.length ? 'FAILED' : 'done'} in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  process.exit(failed.length ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
