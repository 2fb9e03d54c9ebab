import "server-only";
import type { NextRequest } from "next/server";
import { getToken, type JWT } from "next-auth/jwt";
import { env } from "@/lib/env";
import { MailroomError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { unseal } from "@/lib/auth/seal";
import { Lru } from "@/lib/lru";
import { fingerprintOf, revocationHorizon, revocationStore } from "@/lib/auth/revocations";
import { reverifyPop3Session } from "@/lib/auth/pop3-reverify";
import type { MailCredentials } from "@/lib/imap/connect";
import type { Protocol } from "@/lib/shared/types";

export interface MailSession {
  email: string;
  name: string;
  sid: string;
  protocol: Protocol;
  creds: MailCredentials;
  /** When the person signed in (ms): the session ends SESSION_MAX_HOURS later, however active. */
  signedInAt?: number;
  /** passwordFingerprint of creds: a password the mail server refused ends every session carrying it. */
  pwf?: string;
}

/** What a liveness check needs from a session or a token. */
export interface SessionStamp {
  sid: string;
  email: string;
  signedInAt?: number;
  pwf?: string;
}

export type SessionEndReason = "expired" | "revoked" | "password";

/** Thrown by the next-auth jwt callback so next-auth clears the cookie and reads the session as signed out. */
export class SessionEndedError extends Error {
  constructor(readonly reason: SessionEndReason) {
    super(`session ended: ${reason}`);
    this.name = "SessionEndedError";
  }
}

export function credentialsFromToken(token: JWT): MailCredentials | null {
  if (typeof token.email !== "string" || typeof token.sealed !== "string") return null;
  try {
    return { user: token.email, password: unseal(token.sealed, env().NEXTAUTH_SECRET) };
  } catch {
    return null;
  }
}

// Bounds (issue 9, point 10): both maps are keyed by what a browser sends (a cookie, a session id).
export const DECODED_MAX = 2000;
export const REVOKED_MAX = 10_000;
const DECODED_TTL_MS = 60_000;

interface SessionState {
  /** Decoded sessions by cookie value: decrypting the JWE and unsealing on every request costs more than the proxy hop. */
  decoded: Lru<string, MailSession>;
  /** Session ids known to be signed out: a fast local answer; the durable record is the RevocationStore. */
  revoked: Lru<string, true>;
}

const state = ((globalThis as Record<string, unknown>).__mailroomSessionsV2 ??= {
  decoded: new Lru<string, MailSession>(DECODED_MAX, DECODED_TTL_MS),
  revoked: new Lru<string, true>(REVOKED_MAX, 31 * 24 * 3_600_000),
}) as SessionState;

/** Tests: forget everything held in memory (as a restarted process would), and look at the bounds. */
export function resetSessionMemory(): void {
  state.decoded.clear();
  state.revoked.clear();
}
export function sessionMemorySizes(): { decoded: number; revoked: number } {
  return { decoded: state.decoded.size, revoked: state.revoked.size };
}

const maxAgeMs = () => env().SESSION_MAX_HOURS * 3_600_000;

/** When a session signed in at `signedInAt` ends on its own. */
export function sessionDeadline(signedInAt: number): number {
  return signedInAt + maxAgeMs();
}

const MESSAGES: Record<SessionEndReason, string> = {
  expired: "Your session has expired. Sign in again.",
  revoked: "Your session has ended. Sign in again.",
  password: "The mail server no longer accepts the password this session signed in with. Sign in again.",
};

/** Why this session may no longer be used (past its absolute lifetime, signed out, password refused), or null. */
export async function sessionEndReason(s: SessionStamp, now = Date.now()): Promise<SessionEndReason | null> {
  // A token without a sign-in time predates the absolute lifetime: it has no bound, so it is not honoured.
  if (!s.sid || typeof s.signedInAt !== "number" || now >= sessionDeadline(s.signedInAt)) return "expired";
  if (state.revoked.has(s.sid)) return "revoked";
  const store = revocationStore();
  if (await store.isSessionRevoked(s.sid)) {
    state.revoked.set(s.sid, true);
    return "revoked";
  }
  if (s.pwf) {
    const at = await store.passwordRevokedAt(s.email, s.pwf);
    if (at !== null && s.signedInAt <= at) return "password";
  }
  return null;
}

function stampOf(token: JWT): SessionStamp {
  return {
    sid: typeof token.sid === "string" ? token.sid : "",
    email: typeof token.email === "string" ? token.email : "",
    signedInAt: typeof token.signedInAt === "number" ? token.signedInAt : undefined,
    pwf: typeof token.pwf === "string" ? token.pwf : undefined,
  };
}

/** For the next-auth jwt callback (session refresh, server-rendered pages): throws SessionEndedError. */
export async function assertTokenLive(token: JWT): Promise<void> {
  const reason = await sessionEndReason(stampOf(token));
  if (reason) throw new SessionEndedError(reason);
}

/** Sign-out: this session id stops working on every process that shares the revocation store. */
export async function revokeSession(sid: string): Promise<void> {
  state.revoked.set(sid, true);
  state.decoded.deleteWhere((s) => s.sid === sid);
  await revocationStore().revokeSession(sid, revocationHorizon());
}

function sessionCookie(req: NextRequest): string {
  return req.cookies
    .getAll()
    .filter((c) => c.name.includes("next-auth.session-token"))
    .map((c) => `${c.name}=${c.value}`)
    .join(";");
}

async function decode(req: NextRequest, cookie: string, now: number): Promise<MailSession | null> {
  const token = await getToken({ req, secret: env().NEXTAUTH_SECRET });
  const creds = token ? credentialsFromToken(token) : null;
  if (!token || !creds) return null;
  const stamp = stampOf(token);
  const session: MailSession = {
    email: creds.user,
    name: typeof token.name === "string" ? token.name : creds.user,
    sid: stamp.sid,
    protocol: token.protocol === "pop3" ? "pop3" : "imap",
    creds,
    signedInAt: stamp.signedInAt,
    pwf: stamp.pwf ?? fingerprintOf(creds),
  };
  // Never cache past the token's own expiry.
  const exp = typeof token.exp === "number" ? token.exp * 1000 : now + DECODED_TTL_MS;
  if (exp > now) state.decoded.set(cookie, session, exp - now);
  return session;
}

/** Reads the signed-in person from the request's encrypted session cookie, and checks the session is still live. */
export async function requireSession(req: NextRequest): Promise<MailSession> {
  const cookie = sessionCookie(req);
  const now = Date.now();
  const session = cookie ? (state.decoded.get(cookie) ?? (await decode(req, cookie, now))) : null;
  if (!session) throw new MailroomError("UNAUTHENTICATED", MESSAGES.revoked);
  const reason = await sessionEndReason(session, now);
  if (reason) {
    state.decoded.delete(cookie);
    throw new MailroomError("UNAUTHENTICATED", MESSAGES[reason]);
  }
  if (session.protocol === "pop3" && !(await reverifyPop3Session(session))) {
    state.decoded.delete(cookie);
    throw new MailroomError("UNAUTHENTICATED", MESSAGES.password);
  }
  return session;
}

/**
 * For long-lived responses (the live event stream): calls onEnd once when the session is signed out,
 * expires or loses its password, checking every `everyMs`. Returns a function that stops watching.
 */
export function watchSessionEnd(session: MailSession, onEnd: (reason: SessionEndReason) => void, everyMs = 3000): () => void {
  let stopped = false;
  const timer = setInterval(() => {
    sessionEndReason(session).then(
      (reason) => {
        if (!reason || stopped) return;
        stop();
        onEnd(reason);
      },
      (err: unknown) => logger.warn("session check failed", { error: err instanceof Error ? err.message : String(err) }),
    );
  }, everyMs);
  timer.unref?.();
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  return stop;
}
