import "server-only";
import { DomUtils, parseDocument } from "htmlparser2";
import { Element, Text, type AnyNode } from "domhandler";
import { highlightTerms, splitHighlights } from "@/lib/shared/search-query";

// Text in these is not shown (or not as text): never marked.
const SKIP = new Set(["style", "script", "title", "head", "template", "textarea", "noscript"]);
// A runaway body is not walked forever: marks stop after this many.
const MAX_MARKS = 2000;
const MARK_STYLE = "background:#fde68a;color:inherit;border-radius:2px";

/**
 * Marks the search's words in a body the sanitiser already cleaned: only text nodes are split, and the
 * only thing added is <mark> with a fixed style, so nothing reaches the sandboxed frame that could run
 * (the frame's CSP admits no script but ours anyway). Returns the input when there is nothing to mark.
 */
export function highlightHtml(html: string, query: string): string {
  const terms = highlightTerms(query);
  if (!terms.length) return html;
  const doc = parseDocument(html);
  let marks = 0;
  const walk = (node: AnyNode) => {
    if (marks >= MAX_MARKS) return;
    if (node instanceof Element) {
      if (SKIP.has(node.name.toLowerCase())) return;
      for (const child of [...node.children]) walk(child);
      return;
    }
    if (!(node instanceof Text) || !node.data.trim()) return;
    const pieces = splitHighlights(node.data, terms);
    if (pieces.length === 1 && !pieces[0]!.hit) return;
    for (const p of pieces) {
      const piece = p.hit && marks++ < MAX_MARKS ? new Element("mark", { style: MARK_STYLE }, [new Text(p.text)]) : new Text(p.text);
      DomUtils.prepend(node, piece);
    }
    DomUtils.removeElement(node);
  };
  for (const child of [...doc.children]) walk(child);
  return DomUtils.getOuterHTML(doc);
}
