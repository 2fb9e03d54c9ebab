import { ImapFlow } from "imapflow";
import { setAcl as setAclOn } from "../../scripts/imap-acl";

// Direct IMAP access from the tests: they set up their own user's mail and verify what the UI did.
export const IMAP_PORT = Number(process.env.IMAP_PORT ?? 2143);

export function testUser(n: number): { email: string; password: string } {
  return { email: `t${String(n).padStart(2, "0")}@example.test`, password: "test-pass" };
}

/** A connected client of the suite's Dovecot (the caller logs out). */
export async function openImap(user: { email: string; password: string }): Promise<ImapFlow> {
  const client = new ImapFlow({ host: "127.0.0.1", port: IMAP_PORT, secure: false, auth: { user: user.email, pass: user.password }, logger: false });
  client.on("error", () => {});
  await client.connect();
  return client;
}

export async function withImap<T>(user: { email: string; password: string }, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const client = await openImap(user);
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Shares one of the user's mailboxes on the suite's stack (SETACL, as the seed script does). */
export async function setAcl(user: { email: string; password: string }, mailbox: string, identifier: string, rights: string): Promise<void> {
  await withImap(user, (c) => setAclOn(c, mailbox, identifier, rights));
}

const SPECIAL = new Set(["INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive"]);

/** Empties the user's mailbox: every message gone, every user-made folder deleted. */
export async function resetMailbox(user: { email: string; password: string }): Promise<void> {
  await withImap(user, async (c) => {
    const folders = await c.list();
    for (const f of folders.sort((a, b) => b.path.length - a.path.length)) {
      if (f.path.startsWith("shared/")) continue;
      if (SPECIAL.has(f.path)) {
        const lock = await c.getMailboxLock(f.path);
        try {
          if (c.mailbox && c.mailbox.exists > 0) await c.messageDelete("1:*");
        } finally {
          lock.release();
        }
      } else {
        await c.mailboxDelete(f.path).catch(() => {});
      }
    }
  });
}

/** Appends raw messages in order; returns their UIDs. */
export async function appendMessages(user: { email: string; password: string }, folder: string, messages: (Buffer | string)[], flags: string[] = []): Promise<number[]> {
  return withImap(user, async (c) => {
    const uids: number[] = [];
    for (const m of messages) {
      const res = await c.append(folder, m, flags);
      if (res && typeof res === "object" && res.uid) uids.push(res.uid);
    }
    return uids;
  });
}

export async function flagsOf(user: { email: string; password: string }, folder: string, uid: number): Promise<Set<string> | null> {
  return withImap(user, async (c) => {
    const lock = await c.getMailboxLock(folder);
    try {
      const m = await c.fetchOne(String(uid), { uid: true, flags: true }, { uid: true });
      return m ? (m.flags ?? new Set()) : null;
    } finally {
      lock.release();
    }
  });
}

export async function subjectsIn(user: { email: string; password: string }, folder: string): Promise<string[]> {
  return withImap(user, async (c) => {
    const lock = await c.getMailboxLock(folder);
    try {
      if (!c.mailbox || c.mailbox.exists === 0) return [];
      const all = await c.fetchAll("1:*", { envelope: true });
      return all.map((m) => m.envelope?.subject ?? "");
    } finally {
      lock.release();
    }
  });
}

export async function folderPaths(user: { email: string; password: string }): Promise<string[]> {
  return withImap(user, async (c) => (await c.list()).map((f) => f.path));
}

/**
 * Records every command `client` sends (its name and attributes as JSON) — for tests that check what
 * went over the wire (no UID SEARCH ALL for a page jump, no FETCH for a cached page…).
 */
export function recordCommands(client: ImapFlow, record: (line: string) => void): void {
  const raw = client as unknown as { exec: (cmd: string, attrs?: unknown[], opts?: unknown) => Promise<unknown> };
  const exec = raw.exec.bind(client);
  raw.exec = (cmd, attrs, opts) => {
    record(`${cmd} ${JSON.stringify(attrs ?? [])}`);
    return exec(cmd, attrs, opts);
  };
}
