import "server-only";

/** The CSP of the message body document: no scripts, no remote loads unless the user allowed images. */
export function bodyCsp(allowRemote: boolean): string {
  const img = allowRemote ? "img-src data: https: http:" : "img-src data:";
  return [
    "default-src 'none'",
    img,
    "style-src 'unsafe-inline'",
    "font-src data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
    "sandbox allow-popups allow-popups-to-escape-sandbox",
  ].join("; ");
}

/**
 * Wraps already-sanitised HTML in a minimal document. The wrapper only adds a head around the body;
 * it never edits what the sanitiser produced.
 */
export function renderBodyDocument(sanitizedHtml: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta name="color-scheme" content="light"><style>html{background:#fff}body{margin:16px;font:15px/1.55 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;overflow-wrap:anywhere}img{max-width:100%;height:auto}table{max-width:100%}pre{white-space:pre-wrap}a{color:#2457c5}</style></head><body>${sanitizedHtml}</body></html>`;
}
