import "server-only";
import type { MailSession } from "@/lib/auth/session";
import type { MailStore } from "@/lib/mail/store";
import { ImapStore } from "@/lib/imap/imap-store";
import { poolFor } from "@/lib/imap/pool";

/** Picks the account's MailStore. Only IMAP today; the POP3 cache plugs in here. */
export function storeFor(session: MailSession): MailStore {
  const pool = poolFor(session.creds);
  if (session.sid) pool.sessions.add(session.sid);
  return new ImapStore(pool);
}
