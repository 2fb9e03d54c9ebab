/** A run of a plain-text body: new text, or a quote ("> " lines, with the "On … wrote:" line before it). */
export interface TextSegment {
  quoted: boolean;
  text: string;
}

const QUOTE_LINE = /^\s*>/;
// "On Tue, 3 Mar 2026, Ann wrote:" and its translations end in a colon; only that line moves with the quote.
const ATTRIBUTION = /(wrote|writes|schrieb|a écrit|escribió|ha scritto|schreef|napisał|skrev|kirjoitti|написал|כתב|كتب)\s*:\s*$/i;

/**
 * Splits a body into runs of new text and quoted text, so a quote that follows new text can fold away
 * and one that is the whole message (or is answered inline) stays readable.
 */
export function splitQuotedText(text: string): TextSegment[] {
  const lines = text.split("\n");
  const segments: TextSegment[] = [];
  for (const line of lines) {
    const quoted = QUOTE_LINE.test(line);
    const last = segments[segments.length - 1];
    // Blank lines inside a quote stay with it; the next unquoted text decides where the quote ends.
    if (last && (last.quoted === quoted || (last.quoted && line.trim() === ""))) last.text += `\n${line}`;
    else segments.push({ quoted, text: line });
  }
  // Move a trailing attribution line from the text into the quote it introduces.
  for (let i = 1; i < segments.length; i++) {
    const prev = segments[i - 1];
    if (!segments[i].quoted || prev.quoted) continue;
    const prevLines = prev.text.replace(/\n+$/, "").split("\n");
    const attribution = prevLines[prevLines.length - 1];
    if (prevLines.length > 1 && ATTRIBUTION.test(attribution)) {
      prev.text = prevLines.slice(0, -1).join("\n");
      segments[i].text = `${attribution}\n${segments[i].text}`;
    }
  }
  return segments;
}

/** Whether a quote segment should start folded: it follows new text and nothing new comes after. */
export function foldableQuote(segments: TextSegment[], index: number): boolean {
  const seg = segments[index];
  if (!seg.quoted) return false;
  const before = segments.slice(0, index).some((s) => !s.quoted && s.text.trim());
  const after = segments.slice(index + 1).some((s) => !s.quoted && s.text.trim());
  return before && !after;
}
