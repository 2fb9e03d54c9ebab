import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { SIZE_SCRIPT_HASH } from "@/lib/shared/body-frame-script";

/*
 * Every page gets a Content-Security-Policy with a fresh nonce: Next.js reads the nonce from the
 * request's CSP header and puts it on its own scripts, so no other inline script runs (no
 * 'unsafe-inline', no 'unsafe-eval' for scripts). Styles keep 'unsafe-inline': React style attributes
 * and the editor set them, and styles cannot run code. Pages cannot be framed by anyone; the only
 * frame is our own message body route, which sends a far stricter CSP of its own.
 * API routes are not matched: they set their own headers, and a proxy must not touch upload bodies.
 */

// NODE_ENV is fixed at build time, not configuration: React's dev tools need eval in `next dev` only.
const DEV = process.env.NODE_ENV === "development";

function pageCsp(nonce: string): string {
  return [
    "default-src 'self'",
    // The hash admits one known script, the message body's size report: an inline body (iframe srcdoc)
    // inherits this policy, so it must allow that script too (lib/shared/body-frame-script.ts).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' ${SIZE_SCRIPT_HASH}${DEV ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function withCsp(req: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = pageCsp(nonce);
  const headers = new Headers(req.headers);
  headers.set("Content-Security-Policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  return res;
}

// Pages under /mail need a session (else to the sign-in page); API routes answer 401 JSON themselves.
const mailPages = withAuth((req: NextRequestWithAuth) => withCsp(req), { pages: { signIn: "/login" } });

export default function proxy(req: NextRequest, event: NextFetchEvent) {
  if (req.nextUrl.pathname === "/mail" || req.nextUrl.pathname.startsWith("/mail/")) return mailPages(req as NextRequestWithAuth, event);
  return withCsp(req);
}

export const config = {
  matcher: [
    {
      // Not API routes or static files; not prefetches (their responses are not documents).
      source: "/((?!api/|_next/static|_next/image|favicon\\.ico|icon\\.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
