import "server-only";
import sanitizeHtml from "sanitize-html";

/*
 * What the composer may put in a sent message. The editor (TipTap's starter kit) only produces these
 * nodes, but the request body is the browser's word, and a draft or a quoted original can carry
 * anything: the server keeps the same small vocabulary so no script, form, tracker or remote
 * stylesheet leaves in someone's name. Links keep only web and mail schemes.
 */
const TAGS = ["p", "br", "strong", "b", "em", "i", "u", "s", "strike", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "hr", "span", "div"];

export function cleanOutgoingHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: TAGS,
    allowedAttributes: { a: ["href"], ol: ["start"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    // Text inside a dropped <script>/<style> is not mail text.
    nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "head"],
  });
}
