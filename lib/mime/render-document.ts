import "server-only";
import { randomBytes } from "node:crypto";
import { SIZE_SCRIPT, SIZE_SCRIPT_HASH } from "@/lib/shared/body-frame-script";

/*
 * The body document is shown in <iframe sandbox="allow-scripts …"> WITHOUT allow-same-origin, so it
 * lives in an opaque origin: even a script there could not read the app's cookies, storage or DOM.
 * The only script that runs is SIZE_SCRIPT (lib/shared/body-frame-script.ts), admitted by a fresh nonce or its hash; the
 * sanitiser already removed every <script>, on* attribute and javascript: URL from the mail, and the
 * CSP has no 'unsafe-inline' for scripts, so mail content cannot run anything even if it slipped by.
 */

/** A fresh nonce for one body response. */
export function newBodyNonce(): string {
  return randomBytes(18).toString("base64");
}

/** The CSP of the message body document: one nonce'd script, no remote loads unless the user allowed images. */
export function bodyCsp(allowRemote: boolean, nonce: string): string {
  const img = allowRemote ? "img-src data: https: http:" : "img-src data:";
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    img,
    "style-src 'unsafe-inline'",
    "font-src data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
    // Same as the iframe's sandbox attribute, for when the document is opened on its own.
    "sandbox allow-scripts allow-popups allow-popups-to-escape-sandbox",
  ].join("; ");
}

const BASE_CSS =
  'html{background:#fff}body{margin:16px;font:15px/1.55 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;overflow-wrap:anywhere}img{max-width:100%;height:auto}table{max-width:100%}pre{white-space:pre-wrap}a{color:#2457c5}';

// Simple mail follows the app's theme (Tailwind's dark: is the prefers-color-scheme media query, and
// the frame inherits the embedder's scheme). !important beats the mail's few inline colours, which
// were chosen for a white page.
const DARK_CSS =
  "@media (prefers-color-scheme: dark){html{background:#09090b;color-scheme:dark}body{color:#e4e4e7}body *:not(a){color:inherit!important;background-color:transparent!important;border-color:#3f3f46!important}a,a *{color:#8ab4f8!important}}";

// Guards the height loop: content sized to the viewport (100vh, height:100%) would grow with the
// frame each time the frame grows to fit it. Appended after the mail so it wins ties.
const GUARD_CSS = "html:root,html:root>body{height:auto!important;min-height:0!important;max-height:none!important}";

/**
 * Wraps already-sanitised HTML in a minimal document. The wrapper only adds a head (styles, the size
 * script) and a closing guard style around the body; it never edits what the sanitiser produced.
 */
export function renderBodyDocument(sanitizedHtml: string, opts: { nonce: string; simple?: boolean }): string {
  return wrap(sanitizedHtml, "", `<script nonce="${opts.nonce}">${SIZE_SCRIPT}</script>`, opts.simple === true);
}

/**
 * The CSP an inline body document (iframe srcdoc, issue 13) carries in its own <meta>: the body route's
 * policy with the size script admitted by hash instead of nonce, and remote images always blocked (the
 * frame also inherits the page's CSP, which admits no remote image: "Show images" uses the body route).
 * `sandbox` and `frame-ancestors` cannot be set from a <meta>; the iframe's sandbox attribute does the first,
 * and a srcdoc document cannot be framed by anyone else.
 */
export const INLINE_BODY_CSP = [
  "default-src 'none'",
  `script-src ${SIZE_SCRIPT_HASH}`,
  "img-src data:",
  "style-src 'unsafe-inline'",
  "font-src data:",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/**
 * The same document for an iframe's srcdoc, sent inside the message's JSON so the body needs no second
 * request. The policy <meta> comes first in <head>, before anything from the mail is parsed.
 */
export function renderInlineBodyDocument(sanitizedHtml: string, opts: { simple?: boolean }): string {
  return wrap(sanitizedHtml, `<meta http-equiv="Content-Security-Policy" content="${INLINE_BODY_CSP}">`, `<script>${SIZE_SCRIPT}</script>`, opts.simple === true);
}

function wrap(sanitizedHtml: string, policy: string, script: string, simple: boolean): string {
  const scheme = simple ? "light dark" : "light";
  const css = simple ? BASE_CSS + DARK_CSS : BASE_CSS;
  return `<!doctype html><html><head>${policy}<meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta name="color-scheme" content="${scheme}"><style>${css}</style></head><body>${sanitizedHtml}<style>${GUARD_CSS}</style>${script}</body></html>`;
}
