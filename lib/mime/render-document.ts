import "server-only";
import { randomBytes } from "node:crypto";

/*
 * The body document is shown in <iframe sandbox="allow-scripts …"> WITHOUT allow-same-origin, so it
 * lives in an opaque origin: even a script there could not read the app's cookies, storage or DOM.
 * The only script that runs is SIZE_SCRIPT below, admitted by a fresh per-response nonce; the
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

/*
 * Reports the document's size to the reading pane, which makes the frame exactly as tall as the mail
 * (one scroll) and scales wide mail down to the pane. It sends only numbers, to the parent only, and
 * takes itself out of the DOM so the document holds no <script> element at all once it has started.
 */
const SIZE_SCRIPT = `(function(){var me=document.currentScript;if(me)me.remove();var last="";function send(){var d=document.documentElement,b=document.body;if(!b)return;var h=Math.ceil(d.getBoundingClientRect().height),w=Math.ceil(Math.max(d.scrollWidth,b.scrollWidth));var k=h+"x"+w;if(k===last)return;last=k;if(parent!==window)parent.postMessage({type:"mailroom-body-size",height:h,width:w},"*")}if(window.ResizeObserver){var o=new ResizeObserver(send);o.observe(document.documentElement);o.observe(document.body)}addEventListener("load",send);send()})();`;

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
  const scheme = opts.simple ? "light dark" : "light";
  const css = opts.simple ? BASE_CSS + DARK_CSS : BASE_CSS;
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta name="color-scheme" content="${scheme}"><style>${css}</style></head><body>${sanitizedHtml}<style>${GUARD_CSS}</style><script nonce="${opts.nonce}">${SIZE_SCRIPT}</script></body></html>`;
}
