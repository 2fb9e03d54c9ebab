import "server-only";

/*
 * A small TNEF (winmail.dat) reader: only the attachment and body attributes, which is all a webmail
 * shows. Written here rather than using node-tnef because node-tnef copies the whole file into a JS
 * array and re-slices the rest of it for every attribute (quadratic, ~100x the file's size in memory),
 * logs every call to stdout through bunyan, ignores the long file names and MIME types in the
 * attachments' MAPI properties, has a switch fall-through that loses the plain body, and never reads
 * the compressed RTF body Outlook actually sends. Every read here is bounds-checked: a truncated or
 * hostile file yields what was readable before the damage, never an exception past decodeTnef().
 */

const SIGNATURE = 0x223e9f78;
const LVL_MESSAGE = 1;
const LVL_ATTACHMENT = 2;

// TNEF attribute ids (low 16 bits of the attribute tag).
const ATT_BODY = 0x800c;
const ATT_ATTACH_DATA = 0x800f;
const ATT_ATTACH_TITLE = 0x8010;
const ATT_ATTACH_REND_DATA = 0x9002;
const ATT_MAPI_PROPS = 0x9003;
const ATT_ATTACHMENT = 0x9005;

// MAPI property ids.
const PR_ATTACH_DATA_OBJ = 0x3701;
const PR_ATTACH_LONG_FILENAME = 0x3707;
const PR_ATTACH_FILENAME = 0x3704;
const PR_ATTACH_MIME_TAG = 0x370e;
const PR_DISPLAY_NAME = 0x3001;
const PR_BODY = 0x1000;
const PR_RTF_COMPRESSED = 0x1009;
const PR_BODY_HTML = 0x1013;

// MAPI property types.
const PT_STRING8 = 0x1e;
const PT_UNICODE = 0x1f;
const PT_BINARY = 0x102;
const PT_OBJECT = 0x0d;
const MV_FLAG = 0x1000;
const FIXED: Record<number, number> = { 0x2: 4, 0x3: 4, 0x4: 4, 0x5: 8, 0x6: 8, 0x7: 8, 0xa: 4, 0xb: 4, 0x14: 8, 0x40: 8, 0x48: 16 };

export interface TnefFile {
  name: string;
  /** From the attachment's MAPI MIME tag, when Outlook recorded one. */
  mimeType: string | null;
  data: Buffer;
}

export interface TnefContent {
  files: TnefFile[];
  /** Plain text (attBody or PR_BODY), HTML (PR_BODY_HTML) and the compressed RTF body, whichever are present. */
  text: string | null;
  html: string | null;
  rtfCompressed: Buffer | null;
}

interface MapiProp {
  id: number;
  type: number;
  value: Buffer;
}

/** The MAPI property list of an attMAPIProps / attAttachment attribute; stops quietly where it is damaged. */
function readMapiProps(buf: Buffer): MapiProp[] {
  const out: MapiProp[] = [];
  if (buf.length < 4) return out;
  const count = buf.readUInt32LE(0);
  let o = 4;
  const need = (n: number) => o + n <= buf.length;
  for (let i = 0; i < count && need(4); i++) {
    const type = buf.readUInt16LE(o);
    const id = buf.readUInt16LE(o + 2);
    o += 4;
    if (id >= 0x8000) {
      // Named property: GUID, kind, then a numeric id or a padded UTF-16 name.
      if (!need(20)) return out;
      const kind = buf.readUInt32LE(o + 16);
      o += 20;
      if (kind === 0) o += 4;
      else {
        if (!need(4)) return out;
        const len = buf.readUInt32LE(o);
        o += 4 + len + ((4 - (len % 4)) % 4);
      }
    }
    const base = type & ~MV_FLAG;
    const multi = (type & MV_FLAG) !== 0;
    const variable = base === PT_STRING8 || base === PT_UNICODE || base === PT_BINARY || base === PT_OBJECT;
    let values = 1;
    if (multi || variable) {
      if (!need(4)) return out;
      values = buf.readUInt32LE(o);
      o += 4;
    }
    if (values > 4096) return out;
    for (let v = 0; v < values; v++) {
      if (variable) {
        if (!need(4)) return out;
        const len = buf.readUInt32LE(o);
        o += 4;
        if (!need(len)) return out;
        if (v === 0) out.push({ id, type: base, value: buf.subarray(o, o + len) });
        o += len + ((4 - (len % 4)) % 4);
      } else {
        const size = FIXED[base];
        if (size === undefined || !need(size)) return out;
        o += size;
      }
    }
  }
  return out;
}

function propString(p: MapiProp): string {
  const s = p.type === PT_UNICODE ? p.value.toString("utf16le") : p.value.toString("latin1");
  return s.replace(/\0+$/, "");
}

/** Decodes a TNEF stream; null when it is not TNEF at all. */
export function decodeTnef(buf: Buffer): TnefContent | null {
  if (buf.length < 6 || buf.readUInt32LE(0) !== SIGNATURE) return null;
  const out: TnefContent = { files: [], text: null, html: null, rtfCompressed: null };
  let current: { title: string; long: string; mime: string | null; data: Buffer | null } | null = null;
  const flush = () => {
    if (current?.data) out.files.push({ name: current.long || current.title, mimeType: current.mime, data: current.data });
    current = null;
  };
  let o = 6;
  while (o + 9 <= buf.length) {
    const level = buf.readUInt8(o);
    const id = buf.readUInt16LE(o + 1);
    const len = buf.readUInt32LE(o + 5);
    const start = o + 9;
    if (start + len > buf.length) break; // truncated: keep what we have
    const data = buf.subarray(start, start + len);
    o = start + len + 2; // + checksum
    if (level === LVL_ATTACHMENT) {
      if (id === ATT_ATTACH_REND_DATA) {
        flush();
        current = { title: "", long: "", mime: null, data: null };
      } else if (current) {
        if (id === ATT_ATTACH_TITLE) current.title = data.toString("latin1").replace(/\0+$/, "");
        else if (id === ATT_ATTACH_DATA) current.data = data;
        else if (id === ATT_ATTACHMENT) {
          for (const p of readMapiProps(data)) {
            if (p.id === PR_ATTACH_LONG_FILENAME) current.long = propString(p);
            else if (p.id === PR_ATTACH_FILENAME && !current.title) current.title = propString(p);
            else if (p.id === PR_DISPLAY_NAME && !current.title) current.title = propString(p);
            else if (p.id === PR_ATTACH_MIME_TAG) current.mime = propString(p).toLowerCase() || null;
            // Embedded data objects start with a 16-byte interface id.
            else if (p.id === PR_ATTACH_DATA_OBJ && !current.data) current.data = p.type === PT_OBJECT ? p.value.subarray(16) : p.value;
          }
        }
      }
    } else if (level === LVL_MESSAGE) {
      if (id === ATT_BODY) out.text ??= data.toString("latin1").replace(/\0+$/, "");
      else if (id === ATT_MAPI_PROPS) {
        for (const p of readMapiProps(data)) {
          if (p.id === PR_BODY && (p.type === PT_STRING8 || p.type === PT_UNICODE)) out.text = propString(p);
          else if (p.id === PR_BODY_HTML) out.html = p.type === PT_UNICODE ? propString(p) : p.value.toString("utf8").replace(/\0+$/, "");
          else if (p.id === PR_RTF_COMPRESSED && p.type === PT_BINARY) out.rtfCompressed = p.value;
        }
      }
    }
  }
  flush();
  return out;
}
