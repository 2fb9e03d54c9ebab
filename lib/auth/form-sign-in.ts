import "server-only";
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import type { JWT } from "next-auth/jwt";
import { env } from "@/lib/env";
import { checkSameOrigin } from "@/lib/api/request-guard";
import { errorResponse } from "@/lib/api/respond";
import { readCappedBody } from "@/lib/api/read-json";
import { logger } from "@/lib/logger";
import { authOptions } from "@/lib/auth/options";
import { authorizeMailUser, type SignedInUser } from "@/lib/auth/authorize";
import { safeCallback } from "@/lib/auth/callback-url";
import { SIGN_IN_MESSAGES } from "@/lib/shared/error-codes";
import { fingerprintOf } from "@/lib/auth/revocations";
import { landingFolder, startInitialView } from "@/lib/mail/initial-view-handoff";

/*
 * Sign-in without JavaScript: the sign-in form posts here when its script has not loaded yet (a slow
 * phone, a fresh tab), so the password travels in a POST body, never in a URL.
 *
 * Why not post through to next-auth's /api/auth/callback/credentials? It needs next-auth's CSRF token
 * and its cookie, which a server-rendered page cannot set on a first visit. Instead this runs the same
 * steps next-auth's credentials callback runs (authorizeMailUser with the request's headers, so the same
 * throttle applies; the jwt callback; the jwt encode of authOptions; the session cookie with next-auth's
 * name and options), so the result is the very session the JavaScript path creates. Cross-site posts are
 * refused by Origin / Sec-Fetch-Site instead of a token (lib/api/request-guard.ts).
 */

// Larger than any honest form (email 254, password 1024, name 200, all percent-encoded three times over).
const MAX_BODY = 16 * 1024;
// next-auth's SessionStore splits a cookie value longer than this into name.0, name.1, …
const CHUNK_SIZE = 4096 - 163;

async function readForm(req: NextRequest): Promise<URLSearchParams | null> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return null;
  const body = await readCappedBody(req, MAX_BODY);
  return body && body.length ? new URLSearchParams(body.toString("utf8")) : null;
}

function redirect(location: string): NextResponse {
  // 303: the browser follows with a GET, so a reload never re-posts the password.
  return new NextResponse(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}

function secureCookies(): boolean {
  return env().NEXTAUTH_URL?.startsWith("https://") ?? false;
}

/** Same name rule as next-auth (defaultCookies) and getToken. */
export function sessionCookieName(): string {
  return `${secureCookies() ? "__Secure-" : ""}next-auth.session-token`;
}

/** What next-auth's credentials callback stores for this user: default token → jwt callback → encode. */
export async function encodeSessionFor(user: SignedInUser): Promise<{ value: string; maxAge: number }> {
  const maxAge = authOptions.session?.maxAge ?? env().SESSION_MAX_HOURS * 3600;
  const defaultToken: JWT = { name: user.name, email: user.email, picture: undefined, sub: user.id };
  const jwt = authOptions.callbacks?.jwt;
  if (!jwt || !authOptions.jwt?.encode) throw new Error("authOptions has no jwt callback or encode");
  const account = { providerAccountId: user.id, type: "credentials" as const, provider: "credentials" };
  const token = await jwt({ token: defaultToken, user, account, isNewUser: false, trigger: "signIn" });
  const value = await authOptions.jwt.encode({ token, secret: env().NEXTAUTH_SECRET, maxAge });
  return { value, maxAge };
}

function setSessionCookie(res: NextResponse, req: NextRequest, value: string, maxAge: number): void {
  const name = sessionCookieName();
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: secureCookies(), expires: new Date(Date.now() + maxAge * 1000) };
  const parts = value.length > CHUNK_SIZE ? Array.from({ length: Math.ceil(value.length / CHUNK_SIZE) }, (_, i) => value.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE)) : [value];
  const names = parts.length === 1 ? [name] : parts.map((_, i) => `${name}.${i}`);
  names.forEach((n, i) => res.cookies.set(n, parts[i]!, options));
  // Chunks of an earlier session would be glued to the new value by next-auth's reader.
  for (const c of req.cookies.getAll()) if (c.name.startsWith(name) && !names.includes(c.name)) res.cookies.set(c.name, "", { ...options, expires: new Date(0) });
}

/**
 * While the browser reads this answer and asks for the mail page, the page's IMAP work starts on the
 * login connection the pool just adopted (lib/mail/initial-view-handoff.ts). IMAP only: a POP3 cache is
 * still filling at this moment, and reading it is the page's own few milliseconds.
 */
function warmFirstScreen(user: SignedInUser, password: string | undefined, url: string): void {
  const folder = landingFolder(url);
  if (user.protocol !== "imap" || !password || !folder) return;
  const creds = { user: user.email, password };
  const session = { email: user.email, name: user.name, sid: user.sid, protocol: user.protocol, creds, signedInAt: Date.now(), pwf: fingerprintOf(creds) };
  startInitialView(session, folder, env().INITIAL_VIEW_DEADLINE_MS);
}

/** The sign-in form's own script asks for JSON (Accept: application/json): it stays on the page to show an error in place. */
function wantsJson(req: NextRequest): boolean {
  return (req.headers.get("accept") ?? "").includes("application/json");
}

const SIGN_IN_STATUS: Record<string, number> = { BAD_REQUEST: 400, INVALID_EMAIL: 400, RATE_LIMITED: 429, SIGN_IN_BUSY: 503, MAIL_SERVER_UNREACHABLE: 503, MAIL_SERVER_UNAVAILABLE: 503, SHARED_STATE_UNAVAILABLE: 503, DATABASE_UNAVAILABLE: 503 };

/**
 * POST /login/submit: signs in and redirects to the mail (or back to /login?error=CODE).
 *
 * The same route serves the form's script (issue 13): one POST that answers `{ url }` with the session
 * cookie, or `{ code, message }`, instead of next-auth's client (providers → csrf → callback → session,
 * four round trips in a row before the mail page was even asked for).
 */
export async function signInWithForm(req: NextRequest): Promise<Response> {
  try {
    // The same rule as every /api change: Sec-Fetch-Site, then Origin (pages send Referrer-Policy:
    // same-origin, so a same-origin form post carries our real Origin, never "null").
    checkSameOrigin(req.method, req.headers);
  } catch (err) {
    return errorResponse(err);
  }
  const form = await readForm(req).catch(() => null);
  const callbackUrl = safeCallback(form?.get("callbackUrl"));
  const json = wantsJson(req);
  const back = (code: string) =>
    json
      ? NextResponse.json({ code, message: SIGN_IN_MESSAGES[code] ?? "Sign-in failed. Try again." }, { status: SIGN_IN_STATUS[code] ?? 401, headers: { "Cache-Control": "no-store" } })
      : redirect(`/login?${new URLSearchParams({ error: code, ...(callbackUrl ? { callbackUrl } : {}) })}`);
  if (!form) return back("BAD_REQUEST");
  const field = (k: string) => {
    const v = form.get(k);
    return v === null || v === "" ? undefined : v;
  };
  let user: SignedInUser;
  const started = performance.now();
  try {
    user = await authorizeMailUser({ email: field("email"), password: field("password"), protocol: field("protocol"), name: field("name") }, Object.fromEntries(req.headers));
  } catch (err) {
    const code = err instanceof Error && Object.hasOwn(SIGN_IN_MESSAGES, err.message) ? err.message : "SIGN_IN_FAILED";
    return back(code);
  }
  try {
    const signedIn = performance.now();
    const { value, maxAge } = await encodeSessionFor(user);
    const url = callbackUrl ?? "/mail/INBOX";
    warmFirstScreen(user, field("password"), url);
    const res = json ? NextResponse.json({ url }, { headers: { "Cache-Control": "no-store" } }) : redirect(url);
    setSessionCookie(res, req, value, maxAge);
    // For the browser's devtools and the bench's waterfall: the mail server's check against the session's making.
    res.headers.set("Server-Timing", `login;desc="mail server sign-in";dur=${(signedIn - started).toFixed(1)}, session;desc="session cookie";dur=${(performance.now() - signedIn).toFixed(1)}`);
    return res;
  } catch (err) {
    logger.error("form sign-in could not create the session", { error: err instanceof Error ? err.message : String(err) });
    return back("SIGN_IN_FAILED");
  }
}
