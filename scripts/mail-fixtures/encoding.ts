// Part of scripts/seed-lib.ts (deterministic raw-message generators): see there.

export const CRLF = '\r\n';
export const isAscii = (s: string) => /^[\x00-\x7f]*$/.test(s);

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
export const formatAddresses = (list: AddressInput | AddressInput[]) =>
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
