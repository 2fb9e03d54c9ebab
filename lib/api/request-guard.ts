import "server-only";
import { env } from "@/lib/env";
import { MailroomError } from "@/lib/errors";

/**
 * What a route reads from its body. "json": application/json only; "multipart": multipart/form-data
 * only (composer uploads); "raw": the body is a file streamed as is (mbox import), any type; "none":
 * the route reads no body.
 */
export type BodyKind = "json" | "multipart" | "raw" | "none";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * The origin the app is served from: NEXTAUTH_URL when set (the address people open, the one the
 * browser puts in Origin); without it, the request's own Host, which is all we can know.
 */
export function appOrigin(headers: Headers, nextAuthUrl: string | undefined = env().NEXTAUTH_URL): { origin: string } | { host: string } | null {
  if (nextAuthUrl) return { origin: new URL(nextAuthUrl).origin };
  const host = headers.get("host");
  return host ? { host: host.toLowerCase() } : null;
}

function sameApp(origin: string, app: ReturnType<typeof appOrigin>): boolean {
  if (!app) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file:, some redirects) and garbage
  }
  if ("origin" in app) return url.origin === app.origin || sameLoopbackServer(url, new URL(app.origin));
  return url.host.toLowerCase() === app.host;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * http://localhost:3000 and http://127.0.0.1:3000 are one server on this machine (the demo listens on
 * 127.0.0.1 only): a person who opened the other name than NEXTAUTH_URL's got every change refused with
 * 403. Scheme and port must still match; no other host is ever treated alike.
 */
function sameLoopbackServer(a: URL, b: URL): boolean {
  return LOOPBACK.has(a.hostname) && LOOPBACK.has(b.hostname) && a.protocol === b.protocol && a.port === b.port;
}

const CROSS_SITE = "This request came from another site, so Mailroom refused it. Use Mailroom from its own address.";

/**
 * Refuses a state-changing request that a browser says came from another site: a form or fetch from a
 * page elsewhere that rides on the person's cookie. Browsers send Sec-Fetch-Site and Origin on such
 * requests; tools without a browser send neither and pass (they have no cookie to abuse but their own).
 */
export function checkSameOrigin(method: string, headers: Headers, app?: ReturnType<typeof appOrigin>): void {
  if (!isStateChanging(method)) return;
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") throw new MailroomError("CROSS_SITE_REQUEST", CROSS_SITE);
  const origin = headers.get("origin");
  if (origin !== null && !sameApp(origin, app === undefined ? appOrigin(headers) : app)) {
    throw new MailroomError("CROSS_SITE_REQUEST", CROSS_SITE);
  }
}

function mediaType(headers: Headers): string {
  return (headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * The body's declared type must be what the route reads. A JSON route that accepted text/plain or a
 * form encoding would be reachable by a plain HTML form from any site (no CORS preflight).
 */
export function checkBodyKind(method: string, headers: Headers, kind: BodyKind): void {
  if (!isStateChanging(method)) return;
  const type = mediaType(headers);
  if (kind === "json" && type !== "application/json") {
    throw new MailroomError("UNSUPPORTED_MEDIA_TYPE", "Send this request as JSON (Content-Type: application/json).");
  }
  if (kind === "multipart" && type !== "multipart/form-data") {
    throw new MailroomError("UNSUPPORTED_MEDIA_TYPE", "Send the file as multipart/form-data.");
  }
  // A route without a body takes none, or an (ignored) JSON one from clients that always label requests.
  if (kind === "none" && type !== "" && type !== "application/json") {
    throw new MailroomError("UNSUPPORTED_MEDIA_TYPE", "This request takes no body.");
  }
}

/** Both checks, in the order that reveals least: where the request came from, then what it carries. */
export function guardRequest(req: Request, kind: BodyKind): void {
  checkSameOrigin(req.method, req.headers);
  checkBodyKind(req.method, req.headers, kind);
}
