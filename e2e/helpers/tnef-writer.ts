// A tiny TNEF (winmail.dat) writer for tests: enough attributes for the decoder's paths (attachments
// with 8.3 titles and long MAPI names, plain / HTML / compressed-RTF bodies). Written for Mailroom's tests
// from the TNEF layout in [MS-OXTNEF] and [MS-OXRTFCP]; no third-party test data.

export interface TnefSpec {
  files?: { title: string; longName?: string; data: Buffer }[];
  /** Legacy attBody (ANSI). */
  attBody?: string;
  /** MAPI PR_BODY (PT_UNICODE). */
  body?: string;
  /** MAPI PR_BODY_HTML (PT_BINARY). */
  html?: string;
  /** MAPI PR_RTF_COMPRESSED, written as LZFu with literal runs only. */
  rtf?: string;
}

function attribute(level: number, id: number, type: number, data: Buffer): Buffer {
  const head = Buffer.alloc(9);
  head.writeUInt8(level, 0);
  head.writeUInt16LE(id, 1);
  head.writeUInt16LE(type, 3);
  head.writeUInt32LE(data.length, 5);
  const sum = Buffer.alloc(2);
  sum.writeUInt16LE(data.reduce((a, b) => (a + b) & 0xffff, 0), 0);
  return Buffer.concat([head, data, sum]);
}

const pad4 = (b: Buffer) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n, 0);
  return b;
};
const u16pair = (type: number, id: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt16LE(type, 0);
  b.writeUInt16LE(id, 2);
  return b;
};

/** A MAPI property list of variable-size values (PT_UNICODE 0x1f, PT_BINARY 0x102), plus one PT_LONG to step over. */
function mapiProps(props: { type: number; id: number; value: Buffer }[]): Buffer {
  const parts: Buffer[] = [u32(props.length + 1), u16pair(0x3, 0x0e07), u32(1)]; // PR_MESSAGE_FLAGS, a fixed-size one
  for (const p of props) parts.push(u16pair(p.type, p.id), u32(1), u32(p.value.length), pad4(p.value));
  return Buffer.concat(parts);
}

const unicode = (s: string) => Buffer.from(s + "\0", "utf16le");

/** LZFu with literals only (a control byte of 0 before every 8 bytes), then the end reference. */
export function compressRtfLiterals(rtf: string): Buffer {
  const raw = Buffer.from(rtf, "latin1");
  const body: number[] = [];
  const prebufLen = 207;
  let i = 0;
  while (i <= raw.length) {
    const chunk = raw.subarray(i, i + 8);
    if (chunk.length === 8) {
      body.push(0, ...chunk);
      i += 8;
      continue;
    }
    // Last run: its literals, then a reference whose offset is the write position: the end.
    body.push(1 << chunk.length, ...chunk);
    const end = (prebufLen + raw.length) % 4096;
    body.push((end >> 4) & 0xff, (end & 0xf) << 4);
    break;
  }
  const data = Buffer.from(body);
  const head = Buffer.alloc(16);
  head.writeUInt32LE(data.length + 12, 0);
  head.writeUInt32LE(raw.length, 4);
  head.writeUInt32LE(0x75465a4c, 8);
  head.writeUInt32LE(0, 12); // CRC: not checked by readers of mail
  return Buffer.concat([head, data]);
}

export function writeTnef(spec: TnefSpec): Buffer {
  const out: Buffer[] = [u32(0x223e9f78), Buffer.from([0x01, 0x00])];
  out.push(attribute(1, 0x9006, 0x0008, u32(0x00010000))); // attTnefVersion
  if (spec.attBody !== undefined) out.push(attribute(1, 0x800c, 0x0002, Buffer.from(spec.attBody + "\0", "latin1")));
  const props: { type: number; id: number; value: Buffer }[] = [];
  if (spec.body !== undefined) props.push({ type: 0x1f, id: 0x1000, value: unicode(spec.body) });
  if (spec.html !== undefined) props.push({ type: 0x102, id: 0x1013, value: Buffer.from(spec.html, "utf8") });
  if (spec.rtf !== undefined) props.push({ type: 0x102, id: 0x1009, value: compressRtfLiterals(spec.rtf) });
  if (props.length) out.push(attribute(1, 0x9003, 0x0006, mapiProps(props)));
  for (const f of spec.files ?? []) {
    out.push(attribute(2, 0x9002, 0x0006, Buffer.alloc(14))); // attAttachRendData starts an attachment
    out.push(attribute(2, 0x8010, 0x0001, Buffer.from(f.title + "\0", "latin1")));
    out.push(attribute(2, 0x800f, 0x0006, f.data));
    if (f.longName) out.push(attribute(2, 0x9005, 0x0006, mapiProps([{ type: 0x1f, id: 0x3707, value: unicode(f.longName) }])));
  }
  return Buffer.concat(out);
}
