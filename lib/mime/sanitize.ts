import "server-only";
import sanitizeHtml from "sanitize-html";
import { isSimpleHtml } from "@/lib/mime/classify-html";
import { collapseQuotedHtml } from "@/lib/mime/quote-html";

export interface SanitizeResult {
  html: string;
  hasRemoteContent: boolean;
  /** No backgrounds and few colours: the body may follow the dark theme (see classify-html.ts). */
  simple?: boolean;
}

const REMOTE_URL = /^\s*(https?:)?\/\//i;
const CSS_REMOTE = /url\(\s*['"]?\s*(https?:)?\/\//i;

const TAGS = [
  ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== "style"),
  "img", "style", "font", "center", "span", "div", "u", "s", "small", "big", "strike", "del", "ins", "sub", "sup", "hr", "br",
  // Quoted text is folded into <details> before sanitising (quote-html.ts).
  "details", "summary",
];
const COMMON_ATTRS = ["style", "class", "align", "valign", "width", "height", "bgcolor", "color", "dir", "lang", "title", "border", "cellpadding", "cellspacing"];

// Blocks without a direction of their own get dir="auto", so each paragraph of Arabic or Hebrew mail
// reads right-to-left even inside a left-to-right message, with punctuation in place.
const AUTO_DIR_TAGS = ["p", "div", "li", "td", "th", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"];
const autoDir = (tagName: string, attribs: sanitizeHtml.Attributes) => ({ tagName, attribs: attribs.dir ? attribs : { ...attribs, dir: "auto" } });

/**
 * Mail HTML is hostile input. It goes through an allowlist once; every change we need (remote images
 * held back, links opening outside) happens inside this one pass, never on the output afterwards.
 * The result is still only ever shown in a sandboxed iframe without scripts under a strict CSP.
 */
export function sanitizeMailHtml(dirty: string, opts: { allowRemote: boolean }): SanitizeResult {
  let hasRemoteContent = false;
  const html = sanitizeHtml(collapseQuotedHtml(dirty), {
    allowedTags: TAGS,
    allowVulnerableTags: true, // <style> text is allowed on purpose: the sandbox + CSP forbid scripts and remote loads.
    allowedAttributes: {
      "*": COMMON_ATTRS,
      a: ["href", "name", "target", "rel"],
      img: ["src", "alt", "width", "height", "data-remote-blocked"],
      font: ["face", "size", "color"],
      td: ["colspan", "rowspan", "nowrap"],
      th: ["colspan", "rowspan", "nowrap", "scope"],
      ol: ["start", "type"],
      col: ["span"],
      colgroup: ["span"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["data", "http", "https"] },
    allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    nonTextTags: ["script", "textarea", "option", "noscript", "title", "template", "xmp", "iframe", "object", "embed", "select"],
    // CSS never needs "<"; a <style> holding markup is an mXSS attempt (or garbage), so it goes.
    exclusiveFilter: (frame) => frame.tag === "style" && frame.text.includes("<"),
    transformTags: {
      ...Object.fromEntries(AUTO_DIR_TAGS.map((t) => [t, autoDir])),
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: "_blank", rel: "noopener noreferrer" } }),
      img: (tagName, attribs) => {
        const src = attribs.src ?? "";
        if (REMOTE_URL.test(src)) {
          hasRemoteContent = true;
          if (!opts.allowRemote) {
            const { src: _blocked, ...rest } = attribs;
            return { tagName, attribs: { ...rest, "data-remote-blocked": "1" } };
          }
        } else if (src && !/^data:image\//i.test(src)) {
          // cid: that mailparser could not resolve, file:, javascript: … never load.
          const { src: _dropped, ...rest } = attribs;
          return { tagName, attribs: rest };
        }
        return { tagName, attribs };
      },
    },
  });
  // url(...) in <style> or style attributes: detected on the input, without touching the output.
  if (!hasRemoteContent && CSS_REMOTE.test(dirty)) hasRemoteContent = true;
  return { html, hasRemoteContent, simple: isSimpleHtml(dirty) };
}
