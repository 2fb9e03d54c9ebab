// Building blocks for the hand-written part of the corpus (e2e/corpus/messages/own-*). Deterministic: the
// same bytes on every run, so `npx tsx e2e/corpus/gen/index.ts` only changes files when a message changes.

// The expectation file's shape is the one the spec reads (e2e/corpus/load.ts).
import type { CorpusExpect } from "../load";

export type Expect = CorpusExpect;

export interface CorpusMessage {
  group: string;
  name: string;
  raw: Buffer;
  expect: Expect;
}

export const PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
export const GIF_1X1 = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
export const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").toString("base64");

let counter = 0;
/** Standard headers; `from` and `subject` are written as given (already encoded if need be). */
export function head(subject: string, opts: { from?: string; to?: string; type?: string; extra?: string[]; date?: string } = {}): string {
  counter += 1;
  return [
    `From: ${opts.from ?? "Corpus Sender <sender@corpus.example>"}`,
    `To: ${opts.to ?? "Reader <reader@corpus.example>"}`,
    `Subject: ${subject}`,
    `Date: ${opts.date ?? "Tue, 01 Dec 2026 10:00:00 +0000"}`,
    `Message-ID: <corpus-${counter}@corpus.example>`,
    "MIME-Version: 1.0",
    ...(opts.extra ?? []),
    `Content-Type: ${opts.type ?? "text/plain; charset=utf-8"}`,
  ].join("\r\n");
}

/** A MIME part: headers then body, CRLF line ends. */
export function part(headers: string[], body: string): string {
  return `${headers.join("\r\n")}\r\n\r\n${body}`;
}

export function multipart(boundary: string, parts: string[]): string {
  return parts.map((p) => `--${boundary}\r\n${p}\r\n`).join("") + `--${boundary}--\r\n`;
}

export const b64 = (s: string | Buffer) => (typeof s === "string" ? Buffer.from(s) : s).toString("base64").replace(/.{76}/g, "$&\r\n");

/** RFC 2047 B-encoding of a UTF-8 string. */
export const enc = (s: string) => `=?UTF-8?B?${Buffer.from(s).toString("base64")}?=`;

export const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");

export function text(subject: string, body: string, opts: Parameters<typeof head>[1] = {}): Buffer {
  return Buffer.from(`${head(subject, opts)}\r\n\r\n${crlf(body)}\r\n`);
}

export function html(subject: string, body: string, opts: Parameters<typeof head>[1] = {}): Buffer {
  return Buffer.from(`${head(subject, { type: "text/html; charset=utf-8", ...opts })}\r\n\r\n${crlf(body)}\r\n`);
}

export const textPart = (body: string, type = "text/plain; charset=utf-8") => part([`Content-Type: ${type}`], crlf(body));
export const htmlPart = (body: string) => part(["Content-Type: text/html; charset=utf-8"], crlf(body));
export const filePart = (name: string, type: string, data: string, disposition = "attachment") =>
  part([`Content-Type: ${type}; name="${name}"`, `Content-Disposition: ${disposition}; filename="${name}"`, "Content-Transfer-Encoding: base64"], data);

export function mixed(subject: string, parts: string[], opts: Parameters<typeof head>[1] = {}, kind = "mixed"): Buffer {
  const boundary = `b-${kind}-${counter + 1}`;
  return Buffer.from(`${head(subject, { ...opts, type: `multipart/${kind}; boundary="${boundary}"` })}\r\n\r\n${multipart(boundary, parts)}`);
}

/** A message/rfc822 part wrapping `inner` (a whole message). */
export function rfc822(inner: Buffer | string, opts: { disposition?: string; type?: string } = {}): string {
  const headers = [`Content-Type: ${opts.type ?? "message/rfc822"}`];
  if (opts.disposition) headers.push(`Content-Disposition: ${opts.disposition}`);
  return part(headers, inner.toString());
}
