import "server-only";
import type { MailSession } from "@/lib/auth/session";
import type { MailStore } from "@/lib/mail/store";
import { ImapStore } from "@/lib/imap/imap-store";
import { poolFor } from "@/lib/imap/pool";
import { BoundedSet, MAX_SESSIONS_PER_ACCOUNT } from "@/lib/mail/bounded-set";
import { keepSyncing, pop3StoreFor, stopSyncing } from "@/lib/pop3/account";

// Open POP3 sessions per account: scheduled sync runs while at least one is open.
const pop3Sessions = ((globalThis as Record<string, unknown>).__mailroomPop3Sessions ??= new Map<string, Set<string>>()) as Map<string, Set<string>>;

/**
 * Picks the account's MailStore: a live IMAP proxy, or the durable POP3 cache. Routes never know which.
 * `signal` (the request's): IMAP work still queued when the browser goes away is dropped, never run late.
 */
export function storeFor(session: MailSession, signal?: AbortSignal): MailStore {
  if (session.protocol === "pop3") {
    const key = session.email.toLowerCase();
    const sids = pop3Sessions.get(key) ?? new BoundedSet<string>(MAX_SESSIONS_PER_ACCOUNT);
    if (session.sid) sids.add(session.sid);
    pop3Sessions.set(key, sids);
    keepSyncing(session.creds);
    return pop3StoreFor(session.creds);
  }
  const pool = poolFor(session.creds);
  if (session.sid) pool.sessions.add(session.sid);
  return new ImapStore(pool, session.email, signal);
}

/** A POP3 session signed out: with the account's last one, the schedule stops. */
export function endPop3Session(email: string, sid: string): void {
  const key = email.toLowerCase();
  const sids = pop3Sessions.get(key);
  sids?.delete(sid);
  if (!sids || sids.size === 0) {
    pop3Sessions.delete(key);
    stopSyncing(key);
  }
}
