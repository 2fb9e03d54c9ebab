import "server-only";
import type { NextRequest } from "next/server";
import { getToken, type JWT } from "next-auth/jwt";
import { env } from "@/lib/env";
import { MailroomError } from "@/lib/errors";
import { unseal } from "@/lib/auth/seal";
import type { MailCredentials } from "@/lib/imap/connect";
import type { Protocol } from "@/lib/shared/types";

export interface MailSession {
  email: string;
  name: string;
  sid: string;
  protocol: Protocol;
  creds: MailCredentials;
}

export function credentialsFromToken(token: JWT): MailCredentials | null {
  if (typeof token.email !== "string" || typeof token.sealed !== "string") return null;
  try {
    return { user: token.email, password: unseal(token.sealed, env().NEXTAUTH_SECRET) };
  } catch {
    return null;
  }
}

interface SessionState {
  /** Decoded sessions by cookie value: decrypting the JWE and unsealing on every request costs more than the proxy hop. */
  decoded: Map<string, { session: MailSession; until: number }>;
  /** Session ids signed out on this server: their tokens stop working at once, not when they expire. */
  revoked: Map<string, number>;
}

const state = ((globalThis as Record<string, unknown>).__mailroomSessions ??= { decoded: new Map(), revoked: new Map() }) as SessionState;
const DECODED_TTL_MS = 60_000;
const MAX_DECODED = 2000;
const REVOKED_TTL_MS = 13 * 60 * 60 * 1000; // longer than the session maxAge

function sessionCookie(req: NextRequest): string {
  return req.cookies
    .getAll()
    .filter((c) => c.name.includes("next-auth.session-token"))
    .map((c) => `${c.name}=${c.value}`)
    .join(";");
}

export function revokeSession(sid: string): void {
  const now = Date.now();
  state.revoked.set(sid, now + REVOKED_TTL_MS);
  for (const [k, until] of state.revoked) if (until < now) state.revoked.delete(k);
  for (const [k, v] of state.decoded) if (v.session.sid === sid) state.decoded.delete(k);
}

/** Reads the signed-in person from the request's encrypted session cookie. */
export async function requireSession(req: NextRequest): Promise<MailSession> {
  const cookie = sessionCookie(req);
  const now = Date.now();
  const hit = cookie ? state.decoded.get(cookie) : undefined;
  if (hit && hit.until > now && !state.revoked.has(hit.session.sid)) return hit.session;

  const token = cookie ? await getToken({ req, secret: env().NEXTAUTH_SECRET }) : null;
  const creds = token ? credentialsFromToken(token) : null;
  const sid = String(token?.sid ?? "");
  if (!token || !creds || state.revoked.has(sid)) throw new MailroomError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  const protocol: Protocol = token.protocol === "pop3" ? "pop3" : "imap";
  const session: MailSession = { email: creds.user, name: typeof token.name === "string" ? token.name : creds.user, sid, protocol, creds };
  // Never cache past the token's own expiry.
  const exp = typeof token.exp === "number" ? token.exp * 1000 : now + DECODED_TTL_MS;
  if (state.decoded.size >= MAX_DECODED) state.decoded.delete(state.decoded.keys().next().value!);
  state.decoded.set(cookie, { session, until: Math.min(now + DECODED_TTL_MS, exp) });
  return session;
}
