import "server-only";

/**
 * Only same-site paths: an open redirect through ?callbackUrl= would help phishing. The parsed path is
 * what is returned, so it is checked as a browser will read it: "/.//evil.example" keeps this origin
 * while parsing but comes out as "//evil.example", which a browser reads as another host.
 */
export function safeCallback(value: unknown): string | null {
  if (typeof value !== "string" || !value) return null;
  try {
    const url = new URL(value, "http://mailroom.invalid");
    if (url.origin !== "http://mailroom.invalid" || !url.pathname.startsWith("/") || /^\/[\/\\]/.test(url.pathname) || url.pathname.startsWith("/login")) {
      return null;
    }
    return url.pathname + url.search;
  } catch {
    return null;
  }
}
