import "server-only";

/** Only same-site paths: an open redirect through ?callbackUrl= would help phishing. */
export function safeCallback(value: unknown): string | null {
  if (typeof value !== "string" || !value) return null;
  try {
    const url = new URL(value, "http://mailroom.invalid");
    if (url.origin !== "http://mailroom.invalid" || !url.pathname.startsWith("/") || url.pathname.startsWith("/login")) {
      return null;
    }
    return url.pathname + url.search;
  } catch {
    return null;
  }
}
