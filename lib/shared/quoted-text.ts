/** A run of a plain-text body: new text, or a quote ("> " lines, with the "On … wrote:" line before it). */
export interface TextSegment {
  quoted: boolean;
  text: string;
}

const QUOTE_LINE = /^\s*>/;
// Outlook quotes without ">": a separator line, or its header block ("From: …" then "Sent: …" within a few lines);
// everything from there to the end is the quoted message.
const OUTLOOK_SEPARATOR = /^\s*-{2,}\s*Original Message\s*-{2,}\s*$/i;
const OUTLOOK_FROM = /^\s*\*?(From|Von|De|Da|Van|Från|Fra)\s*:\*?\s+\S/i;
const OUTLOOK_SENT = /^\s*\*?(Sent|Gesendet|Envoyé|Enviado|Inviato|Verzonden|Skickat|Sendt)\s*:\*?\s+\S/i;
// A quote with new text after it (answered inline) still folds when it is longer than this many lines.
const INLINE_QUOTE_LINES = 3;

/** The line where an Outlook-style quote (no ">" marks) starts, or -1. */
function outlookQuoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    if (OUTLOOK_SEPARATOR.test(lines[i]!)) return i;
    if (OUTLOOK_FROM.test(lines[i]!) && lines.slice(i + 1, i + 4).some((l) => OUTLOOK_SENT.test(l))) return i;
  }
  return -1;
}
// "On Tue, 3 Mar 2026, Ann wrote:" and its translations end in a colon; only that line moves with the quote.
const ATTRIBUTION = /(wrote|writes|schrieb|a écrit|escribió|ha scritto|schreef|napisał|skrev|kirjoitti|написал|כתב|كتب)\s*:\s*$/i;

/**
 * Splits a body into runs of new text and quoted text, so a quote that follows new text can fold away
 * and one that is the whole message (or is answered inline) stays readable.
 */
export function splitQuotedText(text: string): TextSegment[] {
  const all = text.split("\n");
  const outlook = outlookQuoteStart(all);
  const lines = outlook >= 0 ? all.slice(0, outlook) : all;
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
  if (outlook >= 0) {
    const quote = all.slice(outlook).join("\n");
    const last = segments[segments.length - 1];
    if (last?.quoted) last.text += `\n${quote}`;
    else segments.push({ quoted: true, text: quote });
  }
  return segments;
}

/**
 * Whether a quote segment should start folded: it follows new text, and either nothing new comes after
 * it or it is longer than a few lines (a short question answered inline stays in view; a long quote
 * between two parts of a reply folds too).
 */
export function foldableQuote(segments: TextSegment[], index: number): boolean {
  const seg = segments[index];
  if (!seg.quoted) return false;
  const before = segments.slice(0, index).some((s) => !s.quoted && s.text.trim());
  const after = segments.slice(index + 1).some((s) => !s.quoted && s.text.trim());
  const long = seg.text.split("\n").filter((l) => l.trim()).length > INLINE_QUOTE_LINES;
  return before && (!after || long);
}
