import "server-only";
import { DomUtils, parseDocument } from "htmlparser2";
import type { AnyNode, Element } from "domhandler";

/*
 * Quoted text in an HTML reply collapses behind a <details> ("Show quoted text"): it works without
 * script, and the sanitiser runs afterwards over the result, so this pass cannot add anything the
 * allowlist would not accept. Only a quote that follows new text and ends the message is folded:
 * a quote that is the whole message, or one answered inline, stays in view.
 */

const MARKERS = /type\s*=\s*["']?cite|gmail_quote|divRplyFwdMsg|From:/i;
const HIDDEN = new Set(["style", "script", "title", "head", "template"]);

function isElement(node: AnyNode | null | undefined): node is Element {
  return !!node && (node.type === "tag" || node.type === "script" || node.type === "style");
}

function classes(el: Element): string[] {
  return (el.attribs.class ?? "").toLowerCase().split(/\s+/);
}

/** Outlook desktop's separator: a bordered block reading "From: … Sent: …". */
function isOutlookSeparator(el: Element): boolean {
  if (el.name !== "div" || !/border-top/i.test(el.attribs.style ?? "")) return false;
  const text = DomUtils.textContent(el).replace(/\s+/g, " ").trim();
  return /^From:/i.test(text) && /Sent:/i.test(text);
}

/** The nodes that make up the first quote of the document, or null. */
function findQuote(doc: ReturnType<typeof parseDocument>): AnyNode[] | null {
  const hit = DomUtils.findOne(
    (el) =>
      (el.name === "blockquote" && (el.attribs.type ?? "").toLowerCase() === "cite") ||
      classes(el).includes("gmail_quote") ||
      el.attribs.id === "divRplyFwdMsg" ||
      isOutlookSeparator(el),
    doc.children,
    true,
  );
  if (!hit) return null;
  if (hit.attribs.id !== "divRplyFwdMsg" && !isOutlookSeparator(hit)) return [hit];
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

export function collapseQuotedHtml(html: string): string {
  if (!MARKERS.test(html)) return html;
  const doc = parseDocument(html, { decodeEntities: false });
  const nodes = findQuote(doc);
  if (!nodes) return html;
  const text = visibleTextAround(doc, nodes[0], nodes[nodes.length - 1]);
  if (!text.before || text.after) return html;
  const details = parseDocument('<details><summary style="cursor:pointer;color:#52525b;font-size:13px;margin:12px 0">Show quoted text</summary></details>').children[0];
  if (!isElement(details)) return html;
  DomUtils.prepend(nodes[0], details);
  for (const node of nodes) {
    DomUtils.removeElement(node);
    DomUtils.appendChild(details, node);
  }
  return DomUtils.getOuterHTML(doc, { decodeEntities: false });
}
