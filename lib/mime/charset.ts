import "server-only";
import chardet from "chardet";
import iconv from "iconv-lite";
import libmime from "libmime";

/*
 * The one place that turns message bytes into text: header values, bodies and filenames. Mail often
 * names no charset, a wrong one or one nobody knows; the rules are the same everywhere: a byte-order
 * mark wins, then a valid declared charset, then UTF-8 when the bytes are valid UTF-8, then detection
 * (chardet's candidates, checked by decoding them and judging the result) — never U+FFFD where a
 * legacy charset decodes the bytes.
 */

export interface Decoded {
  text: string;
  /** The charset the text was read as (iconv-lite's name, lower case). */
  charset: string;
  /** Set when the text was read differently from what the message said, in words for the reader. */
  note: string | null;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

// Tried after chardet's own guesses, so short strings (where chardet is weak) still find their charset.
const FALLBACKS = ["windows-1252", "shift_jis", "euc-jp", "gb18030", "big5", "euc-kr", "koi8-r", "windows-1251", "iso-8859-2", "iso-8859-7"];
const UTF16 = /^utf-?16(le|be)?$/;
const DETECT_SAMPLE = 64 * 1024;

/** True when every byte is 7-bit. */
export function isAscii(buf: Uint8Array): boolean {
  for (let i = 0; i < buf.length; i++) if (buf[i] > 0x7f) return false;
  return true;
}

export function isUtf8(buf: Uint8Array): boolean {
  try {
    utf8.decode(buf);
    return true;
  } catch {
    return false;
  }
}

// iconv-lite lacks the stateful ISO-2022 family; Node's WHATWG TextDecoder (full ICU) decodes ISO-2022-JP, still
// common in Japanese mail. Without this the label counted as unknown and the text was shown as mojibake.
const WHATWG_ONLY = new Set(["iso-2022-jp"]);

/** True for the charsets mailparser (iconv-lite) cannot read, whose parts must be re-written as UTF-8 first. */
export const onlyWeDecode = (charset: string): boolean => WHATWG_ONLY.has(charset);

/** iconv-lite's name for a charset label (after libmime's fixes for common misspellings), or null when unknown. */
export function resolveCharset(label: string | null | undefined): string | null {
  const raw = (label ?? "").trim().replace(/^["']|["']$/g, "");
  if (!raw) return null;
  for (const name of [libmime.normalizeCharset(raw), raw]) {
    const lower = name.toLowerCase();
    if (iconv.encodingExists(name)) return lower === "us-ascii" || lower === "ascii" ? "utf-8" : lower;
    if (WHATWG_ONLY.has(lower)) return lower;
  }
  return null;
}

/** How natural a decoded text looks: 1 for letters of one script, lower for symbols, mixed scripts and case soup. */
function plausibility(text: string): number {
  const scriptOf = (ch: string): string | null => {
    if (/\p{Script=Latin}/u.test(ch)) return "latin";
    if (/\p{Script=Cyrillic}/u.test(ch)) return "cyrillic";
    if (/\p{Script=Greek}/u.test(ch)) return "greek";
    if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\u3000-\u303f\uff01-\uff9f]/u.test(ch)) return "cjk";
    if (/\p{Script=Hangul}/u.test(ch)) return "hangul";
    if (/\p{Script=Arabic}/u.test(ch)) return "arabic";
    if (/\p{Script=Hebrew}/u.test(ch)) return "hebrew";
    return null;
  };
  const chars = Array.from(text);
  const counts = new Map<string, number>();
  let n = 0;
  let bad = 0;
  chars.forEach((ch, i) => {
    if (ch.charCodeAt(0) < 0x80) return;
    n++;
    const s = scriptOf(ch);
    if (!s) {
      // Curly quotes and dashes are normal in mail (they count for nothing); box drawing and currency signs mid-word are not.
      if (/[\u2013\u2014\u2018-\u201e\u2026\u00a0\u20ac\u00ab\u00bb]/.test(ch)) n--;
      else bad++;
      return;
    }
    counts.set(s, (counts.get(s) ?? 0) + 1);
    const prev = chars[i - 1] ?? "";
    const next = chars[i + 1] ?? "";
    // A Cyrillic or Han letter glued to Latin ones is a misreading ("Gr晧e" for "Grüße").
    if (s !== "latin" && (/[A-Za-z]/.test(prev) || /[A-Za-z]/.test(next))) bad++;
    if (/\p{Lu}/u.test(ch) && /\p{Ll}/u.test(prev)) bad++;
  });
  if (n === 0) return 1;
  const dominant = Math.max(0, ...counts.values());
  return Math.max(0, (dominant - bad) / n);
}

/**
 * The charset of 8-bit bytes that are not UTF-8. `hint` (e.g. the body's declared charset) is tried
 * first and kept when it reads the bytes as well as any other candidate.
 */
export function detectCharset(buf: Uint8Array, hint?: string | null): string {
  const hinted = resolveCharset(hint);
  const candidates: string[] = [];
  const add = (label: string | null) => {
    // windows-1252 reads every byte ISO-8859-1 reads the same way, and 0x80–0x9F as the quotes senders meant.
    const c = label && /^(iso-8859-1|latin1)$/.test(label) ? "windows-1252" : label;
    if (c && !candidates.includes(c) && !/^utf/.test(c)) candidates.push(c);
  };
  add(hinted);
  const hintedAs = candidates[0] ?? null;
  // A sample is enough to tell charsets apart, and keeps a 4 MB body from being decoded a dozen times.
  const cut = buf.length > DETECT_SAMPLE;
  const sample = Buffer.from(buf.subarray(0, DETECT_SAMPLE));
  for (const m of chardet.analyse(sample)) add(resolveCharset(m.name));
  FALLBACKS.forEach(add);
  let best = "windows-1252";
  let bestScore = -1;
  for (const cs of candidates) {
    let text = decodeAs(sample, cs);
    if (cut) text = text.slice(0, -2); // a multibyte character the cut split in two
    // Replacement characters or C1 controls mean these are not this charset's bytes.
    if (/[\ufffd\u0080-\u009f]/.test(text)) continue;
    // Ties go to the hint, then to windows-1252, the legacy charset most mail without a label is in.
    const score = plausibility(text) + (cs === hintedAs ? 0.05 : 0) + (cs === "windows-1252" ? 0.01 : 0);
    if (score > bestScore) {
      best = cs;
      bestScore = score;
    }
  }
  return best;
}

/** UTF-16 without a byte-order mark: ASCII-heavy text has a zero in every other byte. */
function sniffUtf16(buf: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(buf.length, 2000) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return "utf-16le";
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return "utf-16be";
  return null;
}

function bom(buf: Uint8Array): string | null {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return "utf-8";
  if (buf[0] === 0xff && buf[1] === 0xfe) return "utf-16le";
  if (buf[0] === 0xfe && buf[1] === 0xff) return "utf-16be";
  return null;
}

/** The charset an HTML document names in a `<meta>` in its first few kilobytes (HTML's prescan, simplified). */
export function metaCharset(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.subarray(0, 4096)).toString("latin1");
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)/i.exec(head);
  return m ? m[1] : null;
}

function decodeAs(buf: Uint8Array, charset: string): string {
  if (WHATWG_ONLY.has(charset)) return new TextDecoder(charset).decode(buf);
  // iconv-lite strips a BOM itself; TextDecoder-equivalent output for UTF-8.
  return iconv.decode(Buffer.from(buf), charset);
}

/** A body part's bytes (transfer encoding already undone) as text, with a note when the declared charset was not usable. */
export function decodeBody(buf: Uint8Array, declared: string | null | undefined, opts: { html?: boolean } = {}): Decoded {
  const marked = bom(buf);
  if (marked) return { text: decodeAs(buf, marked), charset: marked, note: null };
  const label = (declared ?? "").trim();
  const known = resolveCharset(label);
  if (known && UTF16.test(known)) return { text: decodeAs(buf, sniffUtf16(buf) ?? known), charset: sniffUtf16(buf) ?? known, note: null };
  if (known && known !== "utf-8") return { text: decodeAs(buf, known), charset: known, note: null };
  const fromMeta = opts.html && !known ? resolveCharset(metaCharset(buf)) : null;
  if (fromMeta && !isAscii(buf) && !(fromMeta === "utf-8" && !isUtf8(buf))) return { text: decodeAs(buf, fromMeta), charset: fromMeta, note: null };
  const sniffed = sniffUtf16(buf);
  if (sniffed) return { text: decodeAs(buf, sniffed), charset: sniffed, note: label && !known ? unknownNote(sniffed, label) : null };
  if (isUtf8(buf)) return { text: decodeAs(buf, "utf-8"), charset: "utf-8", note: label && !known && !isAscii(buf) ? unknownNote("utf-8", label) : null };
  const guess = detectCharset(buf, fromMeta);
  const note = label && !known ? unknownNote(guess, label) : known === "utf-8" ? `Shown as ${guess}; the message said ${label} but its text is not.` : null;
  return { text: decodeAs(buf, guess), charset: guess, note };
}

function unknownNote(used: string, label: string): string {
  return `Shown as ${used}; the message named an unknown charset '${label.slice(0, 40)}'.`;
}

/** 8-bit bytes as text by UTF-8 or detection, leaving RFC 2047 words as they are (address lists are split first). */
export function decodeRawText(raw: Uint8Array, hint?: string | null): string {
  const buf = Buffer.from(raw);
  if (isAscii(buf) || isUtf8(buf)) return buf.toString("utf8");
  return iconv.decode(buf, detectCharset(buf, hint));
}

/**
 * A raw header value (unfolded, as bytes) as text: 8-bit bytes by UTF-8 or detection (the body's
 * charset as first guess), then RFC 2047 encoded words.
 */
export function decodeHeaderBytes(raw: Uint8Array, hint?: string | null): string {
  const text = decodeRawText(raw, hint);
  try {
    return libmime.decodeWords(text);
  } catch {
    return text;
  }
}

/** A string whose code units are bytes (mailparser's and libmime's "binary" strings) decoded as a header value. */
export function decodeBinaryHeader(binary: string, hint?: string | null): string {
  return decodeHeaderBytes(Buffer.from(binary, "latin1"), hint);
}
