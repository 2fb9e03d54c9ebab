import "server-only";

/*
 * Just enough RTF for a mail body: Outlook's compressed RTF (MS-OXRTFCP "LZFu"), HTML encapsulated in
 * RTF (MS-OXRTFEX, \fromhtml1) taken back out, and anything else turned into plain text. A crude,
 * linear reader: it never builds a tree, skips what it does not know, and caps its output.
 */

const PREBUF =
  "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";
const COMPRESSED = 0x75465a4c; // "LZFu"
const UNCOMPRESSED = 0x414c454d; // "MELA"
const MAX_OUT = 8 * 1024 * 1024;

/** Decompresses PR_RTF_COMPRESSED; null when the header is not one of the two known kinds. */
export function decompressRtf(buf: Buffer): Buffer | null {
  if (buf.length < 16) return null;
  const rawSize = buf.readUInt32LE(4);
  const magic = buf.readUInt32LE(8);
  if (magic === UNCOMPRESSED) return buf.subarray(16, 16 + Math.min(rawSize, MAX_OUT));
  if (magic !== COMPRESSED) return null;
  const dict = Buffer.alloc(4096);
  dict.write(PREBUF, "latin1");
  let write = PREBUF.length;
  const limit = Math.min(rawSize, MAX_OUT);
  const out = Buffer.alloc(limit);
  let n = 0;
  let i = 16;
  while (i < buf.length && n < limit) {
    const control = buf[i++]!;
    for (let bit = 0; bit < 8 && n < limit; bit++) {
      if (control & (1 << bit)) {
        if (i + 1 >= buf.length) return out.subarray(0, n);
        const ref = (buf[i]! << 8) | buf[i + 1]!;
        i += 2;
        let offset = ref >> 4;
        const len = (ref & 0xf) + 2;
        if (offset === write) return out.subarray(0, n); // the end marker
        for (let k = 0; k < len && n < limit; k++) {
          const c = dict[offset]!;
          offset = (offset + 1) % 4096;
          out[n++] = c;
          dict[write] = c;
          write = (write + 1) % 4096;
        }
      } else {
        if (i >= buf.length) return out.subarray(0, n);
        const c = buf[i++]!;
        out[n++] = c;
        dict[write] = c;
        write = (write + 1) % 4096;
      }
    }
  }
  return out.subarray(0, n);
}

// Destinations whose content is never body text.
const SKIP = new Set(["fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "header", "footer", "listtable", "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "themedata", "latentstyles", "datastore", "mmathPr"]);
const CP1252: Record<number, number> = { 0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x2c6, 0x89: 0x2030, 0x8a: 0x160, 0x8b: 0x2039, 0x8c: 0x152, 0x8e: 0x17d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x2dc, 0x99: 0x2122, 0x9a: 0x161, 0x9b: 0x203a, 0x9c: 0x153, 0x9e: 0x17e, 0x9f: 0x178 };

interface Group {
  skip: boolean;
  /** Inside \htmlrtf … \htmlrtf0: RTF-only rendering of encapsulated HTML, not part of the HTML. */
  htmlrtf: boolean;
  /** Inside {\*\htmltag…}: original HTML text. */
  htmltag: boolean;
  uc: number;
}

/**
 * Reads RTF once. With \fromhtml1 the result is the original HTML (htmltag groups plus the text
 * outside \htmlrtf); otherwise plain text.
 */
export function rtfToBody(rtf: string): { html: string | null; text: string | null } {
  const fromHtml = /\\fromhtml1/.test(rtf.slice(0, 4096));
  let out = "";
  let st: Group = { skip: false, htmlrtf: false, htmltag: false, uc: 1 };
  const stack: Group[] = [];
  let skipChars = 0; // fallback characters after \uN
  let i = 0;
  const emit = (s: string) => {
    if (skipChars > 0) {
      skipChars--;
      return;
    }
    if (st.skip || out.length > MAX_OUT) return;
    if (fromHtml && st.htmlrtf && !st.htmltag) return;
    if (fromHtml && !st.htmltag && !out && !s.trim()) return;
    out += s;
  };
  while (i < rtf.length) {
    const ch = rtf[i]!;
    if (ch === "{") {
      stack.push(st);
      st = { ...st };
      i++;
      // {\* … } is an ignorable destination unless it is an htmltag we de-encapsulate.
      if (rtf.startsWith("\\*", i)) {
        const m = /^\\\*\\([a-zA-Z]+)/.exec(rtf.slice(i, i + 40));
        if (m?.[1] === "htmltag" && fromHtml) st.htmltag = true;
        else st.skip = true;
      }
      continue;
    }
    if (ch === "}") {
      st = stack.pop() ?? st;
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      i++;
      continue;
    }
    if (ch !== "\\") {
      emit(ch);
      i++;
      continue;
    }
    const next = rtf[i + 1] ?? "";
    if (next === "'") {
      const code = parseInt(rtf.slice(i + 2, i + 4), 16);
      if (!Number.isNaN(code)) emit(String.fromCharCode(CP1252[code] ?? code));
      i += 4;
      continue;
    }
    if (!/[a-zA-Z]/.test(next)) {
      // Escaped symbol: \\ \{ \} \~ (nbsp) \- (soft hyphen) \_ (nb hyphen)
      if (next === "~") emit("\u00a0");
      else if (next === "_") emit("-");
      else if (next === "\\" || next === "{" || next === "}") emit(next);
      i += 2;
      continue;
    }
    const m = /^([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(rtf.slice(i + 1, i + 48));
    if (!m) {
      i++;
      continue;
    }
    i += 1 + m[0].length;
    const word = m[1]!;
    const arg = m[2] === undefined ? null : Number(m[2]);
    if (SKIP.has(word)) st.skip = true;
    else if (word === "htmlrtf") st.htmlrtf = arg !== 0;
    else if (word === "uc") st.uc = arg ?? 1;
    else if (word === "u" && arg !== null) {
      emit(String.fromCharCode(arg < 0 ? arg + 65536 : arg));
      skipChars = st.uc;
    } else if (word === "par" || word === "line") emit("\n");
    else if (word === "tab") emit("\t");
    else if (word === "emdash") emit("\u2014");
    else if (word === "endash") emit("\u2013");
    else if (word === "bullet") emit("\u2022");
    else if (word === "lquote") emit("\u2018");
    else if (word === "rquote") emit("\u2019");
    else if (word === "ldblquote") emit("\u201c");
    else if (word === "rdblquote") emit("\u201d");
    else if (word === "bin" && arg !== null && arg > 0) i += arg;
  }
  if (fromHtml) return { html: out.trim() ? out : null, text: null };
  const text = out.replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
  return { html: null, text: text || null };
}
