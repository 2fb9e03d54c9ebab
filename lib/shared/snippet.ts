// The first words of a message for its list row (issue 12 point 1): what the person wrote, not what
// they quoted or signed. Shared by the IMAP partial fetch and the POP3 cache; no DOM, no server-only.

export const SNIPPET_CHARS = 100;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Rough HTML to text for a preview: scripts, styles and quoted blocks dropped, tags to spaces. */
export function htmlPreviewText(html: string): string {
  return html
    .replace(/<(script|style|head|title)\b[\s\S]*?(<\/\1>|$)/gi, " ")
    .replace(/<blockquote\b[\s\S]*?(<\/blockquote>|$)/gi, "\n")
    .replace(/<(br|\/p|\/div|\/li|\/h\d|\/tr)\b[^>]*>/gi, "\n")
    .replace(/<[^>]*>?/g, " ")
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] !== "#") return ENTITIES[e.toLowerCase()] ?? m;
      const n = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
    });
}

// "On Tue, 3 Nov 2025, Alice wrote:" and its translations end with "wrote:"/"schrieb:"/"a écrit :".
const ATTRIBUTION = /^(on|am|le|el|il|op)\b.*(wrote|schrieb|écrit|escribió|scritto|schreef)\s*:\s*$/i;
const FORWARD = /^-{2,}\s*(original message|forwarded message)/i;

/** About `max` characters of the text's own words: quotes, attributions and the signature skipped. */
export function snippetFromText(text: string, max = SNIPPET_CHARS): string {
  const kept: string[] = [];
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    if (raw === "-- " || line === "--" || line === "__" || FORWARD.test(line)) break; // signature or forwarded part
    if (line.startsWith(">") || ATTRIBUTION.test(line)) continue;
    if (line) kept.push(line);
    if (kept.join(" ").length > max * 2) break;
  }
  const flat = kept.join(" ").replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
