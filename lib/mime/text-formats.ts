import "server-only";
import iconv from "iconv-lite";
import libmime from "libmime";
import MarkdownIt from "markdown-it";

/**
 * Bytes of a text part → string in its declared charset. Unknown or missing charsets fall back to
 * UTF-8 (what most unlabelled mail is today). The encodings work of issue 10 (point 6) may replace
 * this with its detection module; keep every text decode going through this one function.
 */
export function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  const name = libmime.normalizeCharset(charset || "utf-8");
  try {
    if (iconv.encodingExists(name)) return iconv.decode(bytes, name);
  } catch {
    // a charset iconv knows by name but cannot decode this with: fall through to UTF-8
  }
  return bytes.toString("utf8");
}

// html: false — raw HTML inside Markdown stays text; the output still goes through the mail sanitiser.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false });

export function markdownToHtml(source: string): string {
  return markdown.render(source);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// text/enriched formatting commands (RFC 1896) we keep, as the HTML that means the same; the others
// (color, fontfamily, param, …) are dropped with their parameters, keeping the text they format.
const ENRICHED: Record<string, string> = {
  bold: "b", italic: "i", underline: "u", fixed: "tt", smaller: "small", bigger: "big",
  center: "center", flushleft: "div", flushright: "div", flushboth: "div", indent: "blockquote", excerpt: "blockquote", nofill: "pre",
};

/**
 * text/enriched → HTML (RFC 1896): "<<" is a literal "<", a lone line break is a space and n breaks
 * make n−1 line breaks (except inside <nofill>), <param> contents are not text. Every character of the
 * input is escaped; only the mapped tags are produced, and the sanitiser still sees the result.
 */
export function enrichedToHtml(source: string): string {
  let out = "";
  let nofill = 0;
  let param = 0;
  const re = /<<|<(\/?)([a-zA-Z0-9-]{1,60})>|(\r?\n)+|[^<\r\n]+|</g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const tok = m[0];
    if (tok === "<<") {
      if (!param) out += "&lt;";
    } else if (m[2]) {
      const name = m[2].toLowerCase();
      const closing = m[1] === "/";
      if (name === "param") param += closing ? (param ? -1 : 0) : 1;
      else if (name === "nofill") nofill += closing ? (nofill ? -1 : 0) : 1;
      const tag = ENRICHED[name];
      if (tag) out += closing ? `</${tag}>` : `<${tag}${name === "flushright" ? ' align="right"' : ""}>`;
    } else if (m[3]) {
      if (param) continue;
      const breaks = tok.split(/\r?\n/).length - 1;
      out += nofill ? "\n".repeat(breaks) : breaks === 1 ? " " : "<br>".repeat(breaks - 1);
    } else if (!param) {
      out += escapeHtml(tok);
    }
  }
  return out;
}

/** format=flowed plain text (RFC 3676) joined back into paragraphs, as mailparser did. */
export function unflow(text: string, params: Record<string, string>): string {
  if ((params.format ?? "").toLowerCase() !== "flowed") return text;
  return libmime.decodeFlowed(text, (params.delsp ?? "").toLowerCase() === "yes");
}
