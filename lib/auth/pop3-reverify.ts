import "server-only";
import { env } from "@/lib/env";
import { isMailroomError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { Lru } from "@/lib/lru";
import { endSessionsWithPassword, fingerprintOf } from "@/lib/auth/revocations";
import { verifyPop3Login } from "@/lib/pop3/account";
import type { MailCredentials } from "@/lib/imap/connect";

/*
 * A POP3 session reads Mailroom's own cache, which never asks the mail server: without this, a password
 * changed on the server would leave the cache readable with an old cookie for the session's whole life.
 * So a POP3 session proves its password again (USER/PASS/QUIT) at least every POP3_REVERIFY_MINUTES;
 * one check covers every session of the same account and password.
 */

// After a check that could not reach the server: try again this soon, not on every request.
const RETRY_MS = 60_000;
export const REVERIFIED_MAX = 5000;

interface State {
  /** Last successful check per account + password fingerprint (ms). */
  verified: Lru<string, number>;
  inflight: Map<string, Promise<boolean>>;
}

const state = ((globalThis as Record<string, unknown>).__mailroomPop3Reverify ??= {
  verified: new Lru<string, number>(REVERIFIED_MAX, 24 * 3_600_000),
  inflight: new Map(),
}) as State;

export interface ReverifyOptions {
  intervalMs?: number;
  now?: number;
  verify?: (creds: MailCredentials) => Promise<void>;
}

interface Pop3SessionLike {
  email: string;
  creds: MailCredentials;
  signedInAt?: number;
  pwf?: string;
}

/** True when the session may go on; false when the POP3 server refused its password (every session holding it has then ended). */
export async function reverifyPop3Session(s: Pop3SessionLike, opts: ReverifyOptions = {}): Promise<boolean> {
  const intervalMs = opts.intervalMs ?? env().POP3_REVERIFY_MINUTES * 60_000;
  const now = opts.now ?? Date.now();
  const key = `${s.email.toLowerCase()}\n${s.pwf ?? fingerprintOf(s.creds)}`;
  const last = Math.max(state.verified.get(key) ?? 0, s.signedInAt ?? 0);
  if (now - last < intervalMs) return true;
  let pending = state.inflight.get(key);
  if (!pending) {
    pending = check(key, s, intervalMs, opts.verify ?? verifyPop3Login).finally(() => state.inflight.delete(key));
    state.inflight.set(key, pending);
  }
  return pending;
}

async function check(key: string, s: Pop3SessionLike, intervalMs: number, verify: (creds: MailCredentials) => Promise<void>): Promise<boolean> {
  try {
    await verify(s.creds);
    state.verified.set(key, Date.now());
    return true;
  } catch (err) {
    if (isMailroomError(err) && err.code === "AUTH_FAILED") {
      state.verified.delete(key);
      await endSessionsWithPassword(s.creds);
      logger.info("pop3 password refused on re-verification: its sessions ended", { account: s.email });
      return false;
    }
    // Unreachable or busy is not a refused password: the cache stays readable (that is what it is for).
    state.verified.set(key, Date.now() - intervalMs + RETRY_MS);
    logger.warn("pop3 re-verification could not reach the server", { account: s.email, code: isMailroomError(err) ? err.code : "INTERNAL" });
    return true;
  }
}

/** Tests: forget every check, as a restarted process would. */
export function resetPop3Reverify(): void {
  state.verified.clear();
}
