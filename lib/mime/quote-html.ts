import "server-only";
import { DomUtils, parseDocument } from "htmlparser2";
import type { AnyNode, Element } from "domhandler";

/*
 * Quoted text in an HTML reply collapses behind a <details> ("Show quoted text"): it works without
 * script, and the sanitiser runs afterwards over the result, so this pass cannot add anything the
 * allowlist would not accept. Only a quote that follows new text and ends the message is folded:
 * a quote that is the whole message, or one answered inline, stays in view.
 */

const MARKERS = /type\s*=\s*["']?cite|gmail_quote|divRplyFwdMsg|From:|Original Message/i;
// A quote answered inline (new text after it) still folds when its text is longer than this.
const INLINE_QUOTE_CHARS = 240;
// A block whose text starts a quote is short: the separator or header block, not a wrapper of the whole mail.
const SEPARATOR_MAX_CHARS = 600;
const HIDDEN = new Set(["style", "script", "title", "head", "template"]);

function isElement(node: AnyNode | null | undefined): node is Element {
  return !!node && (node.type === "tag" || node.type === "script" || node.type === "style");
}

function classes(el: Element): string[] {
  return (el.attribs.class ?? "").toLowerCase().split(/\s+/);
}

/**
 * Outlook's separators: a bordered block reading "From: … Sent: …" (desktop), or a short block (div, p)
 * starting with "-----Original Message-----" or with "From: …" and a "Sent:" line (plain-text replies
 * turned into HTML, Outlook on the web).
 */
function isOutlookSeparator(el: Element): boolean {
  if (el.name !== "div" && el.name !== "p") return false;
  const text = DomUtils.textContent(el).replace(/\s+/g, " ").trim();
  if (/border-top/i.test(el.attribs.style ?? "") && /^From:/i.test(text) && /Sent:/i.test(text)) return true;
  if (text.length > SEPARATOR_MAX_CHARS) return false;
  return /^-{2,}\s*Original Message\s*-{2,}/i.test(text) || (/^\*?From:/i.test(text) && /\bSent:/i.test(text));
}

function isQuoteStart(el: Element): boolean {
  return (
    (el.name === "blockquote" && (el.attribs.type ?? "").toLowerCase() === "cite") ||
    classes(el).includes("gmail_quote") ||
    el.attribs.id === "divRplyFwdMsg" ||
    isOutlookSeparator(el)
  );
}

/** The nodes a quote starting at `hit` covers: the element, or for a separator it and all after it in its block. */
function quoteNodes(hit: Element): AnyNode[] {
  if (hit.name === "blockquote" || classes(hit).includes("gmail_quote")) return [hit];
  // A separator starts the quote: it and everything after it in its block. Outlook wraps the
  // separator in a bare <div>; climb out of such wrappers so the quoted body comes along.
  let start: Element = hit;
  while (isElement(start.parent) && start.parent.name === "div" && start.parent.children.filter((c) => isElement(c) || DomUtils.textContent(c).trim()).length === 1) {
    start = start.parent;
  }
  const prev = DomUtils.prevElementSibling(start);
  const nodes: AnyNode[] = prev && prev.name === "hr" ? [prev] : [];
  for (let n: AnyNode | null = start; n; n = n.next) nodes.push(n);
  return nodes;
}

/** Every quote of the document in order, none inside another (nested quotes fold with their outer one). */
function findQuotes(doc: ReturnType<typeof parseDocument>): AnyNode[][] {
  const out: AnyNode[][] = [];
  const covered = new Set<AnyNode>();
  const inside = (n: AnyNode | null): boolean => {
    for (let p: AnyNode | null = n; p; p = p.parent) if (covered.has(p)) return true;
    return false;
  };
  for (const el of DomUtils.findAll(isQuoteStart, doc.children)) {
    if (inside(el)) continue;
    const nodes = quoteNodes(el);
    nodes.forEach((n) => covered.add(n));
    out.push(nodes);
  }
  return out;
}

/** Whether visible text occurs before (or after) the given node, in document order. */
function visibleTextAround(doc: ReturnType<typeof parseDocument>, first: AnyNode, last: AnyNode): { before: boolean; after: boolean } {
  let phase: "before" | "inside" | "after" = "before";
  const found = { before: false, after: false };
  const walk = (node: AnyNode) => {
    if (node === first) phase = "inside";
    if (node.type === "text" && phase !== "inside" && node.data.replace(/&nbsp;|&#160;/gi, " ").trim()) found[phase] = true;
    if (isElement(node) && !HIDDEN.has(node.name)) node.children.forEach(walk);
    if (node === last) phase = "after";
  };
  doc.children.forEach(walk);
  return found;
}

/**
 * Folds each quote that follows new text, when nothing new comes after it or it is long (a short
 * question answered inline stays in view); a quote that is the whole message stays as it is.
 */
export function collapseQuotedHtml(html: string): string {
  if (!MARKERS.test(html)) return html;
  const doc = parseDocument(html, { decodeEntities: false });
  const quotes = findQuotes(doc).filter((nodes) => {
    const text = visibleTextAround(doc, nodes[0]!, nodes[nodes.length - 1]!);
    const length = nodes.reduce((n, node) => n + DomUtils.textContent(node).replace(/\s+/g, " ").trim().length, 0);
    return text.before && (!text.after || length > INLINE_QUOTE_CHARS);
  });
  if (!quotes.length) return html;
  for (const nodes of quotes) {
    const details = parseDocument('<details><summary style="cursor:pointer;color:#52525b;font-size:13px;margin:12px 0">Show quoted text</summary></details>').children[0];
    if (!isElement(details)) return html;
    DomUtils.prepend(nodes[0]!, details);
    for (const node of nodes) {
      DomUtils.removeElement(node);
      DomUtils.appendChild(details, node);
    }
  }
  return DomUtils.getOuterHTML(doc, { decodeEntities: false });
}
