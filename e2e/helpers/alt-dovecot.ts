import { execFile } from "node:child_process";
import { chownSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { ImapFlow } from "imapflow";
import { setAcl } from "../../scripts/imap-acl";

/*
 * A second (third…) Dovecot with another namespace layout, for tests of code that must follow the
 * server's NAMESPACE answer: scripts/mail-stack.sh with a config overlay from config/dovecot/ on its
 * own ports and data dir. IMAP access helpers take the port, unlike ./imap.ts (the suite's stack).
 */

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");

export interface AltStack {
  /** Overlay file in config/dovecot/ (MAILSTACK_DOVECOT_EXTRA). */
  conf: string;
  /** Data dir name under the suite's MAILSTACK_DIR. */
  dir: string;
  /** IMAP port; POP3, SMTP and LMTP take the next three. */
  port: number;
}

const stackDir = (s: AltStack) => path.join(process.env.MAILSTACK_DIR ?? path.join(ROOT, ".mailstack-test"), s.dir);

function stackEnv(s: AltStack): NodeJS.ProcessEnv {
  return {
    ...process.env,
    MAILSTACK_DIR: stackDir(s),
    IMAP_PORT: String(s.port),
    POP3_PORT: String(s.port + 1),
    SMTP_PORT: String(s.port + 2),
    LMTP_PORT: String(s.port + 3),
    MAILSTACK_DOVECOT_EXTRA: path.join(ROOT, "config/dovecot", s.conf),
  };
}

export async function altStack(s: AltStack, cmd: "start" | "stop"): Promise<void> {
  await run("bash", [path.join(ROOT, "scripts/mail-stack.sh"), cmd], { env: stackEnv(s), cwd: ROOT });
}

/**
 * Makes a folder in the stack's public namespace (its overlay puts one at <data dir>/public), open to
 * everyone: public folders have no owner to create or share them, so the test writes the maildir and
 * its dovecot-acl file itself, owned like the rest of the mail (needs root, as the stack does).
 */
export function ensurePublicFolder(s: AltStack, name: string): void {
  const base = stackDir(s);
  const { uid, gid } = statSync(path.join(base, "mail"));
  const dirs = [path.join(base, "public"), path.join(base, "public", name), ...["cur", "new", "tmp"].map((d) => path.join(base, "public", name, d))];
  for (const d of dirs) {
    mkdirSync(d, { recursive: true, mode: 0o700 });
    chownSync(d, uid, gid);
  }
  const acl = path.join(base, "public", name, "dovecot-acl");
  writeFileSync(acl, "anyone lrwstipekxa\n", { mode: 0o600 });
  chownSync(acl, uid, gid);
}

export async function connectAt(port: number, u: { email: string; password: string }): Promise<ImapFlow> {
  const client = new ImapFlow({ host: "127.0.0.1", port, secure: false, auth: { user: u.email, pass: u.password }, logger: false });
  client.on("error", () => {});
  await client.connect();
  return client;
}

export async function withImapAt<T>(port: number, u: { email: string; password: string }, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const c = await connectAt(port, u);
  try {
    return await fn(c);
  } finally {
    await c.logout().catch(() => c.close());
  }
}

/** Empties the special folders and deletes the user's own other folders (never other users'). */
export async function resetAt(port: number, u: { email: string; password: string }): Promise<void> {
  await withImapAt(port, u, async (c) => {
    const foreign = [...(c.namespaces?.other || []), ...(c.namespaces?.shared || [])].map((n) => n.prefix);
    for (const f of (await c.list()).sort((a, b) => b.path.length - a.path.length)) {
      if (foreign.some((p) => f.path.startsWith(p) || `${f.path}${f.delimiter}` === p)) continue;
      if (["INBOX", "Archive", "Trash", "Sent", "Drafts", "Junk"].includes(f.path)) {
        const lock = await c.getMailboxLock(f.path);
        try {
          if (c.mailbox && c.mailbox.exists > 0) await c.messageDelete("1:*");
        } finally {
          lock.release();
        }
      } else await c.mailboxDelete(f.path).catch(() => {});
    }
  });
}

/** Creates `mailbox` and shares it (SETACL per grantee). */
export async function createShared(port: number, owner: { email: string; password: string }, mailbox: string, grants: Record<string, string>): Promise<void> {
  await withImapAt(port, owner, async (c) => {
    await c.mailboxCreate(mailbox);
    for (const [who, rights] of Object.entries(grants)) await setAcl(c, mailbox, who, rights);
  });
}

/** Appends one message; returns its UID. */
export async function appendAt(port: number, u: { email: string; password: string }, mailbox: string, raw: Buffer): Promise<number> {
  return withImapAt(port, u, async (c) => {
    const res = await c.append(mailbox, raw);
    return res && typeof res === "object" && res.uid ? res.uid : 0;
  });
}
