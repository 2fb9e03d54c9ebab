import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";
import { MailroomError } from "@/lib/errors";
import { cleanHeaderText } from "@/lib/shared/compose";
import type { MailCredentials } from "@/lib/imap/connect";
import { mustStartTls, type MailServer } from "@/lib/mail/transport-security";
import type SMTPTransport from "nodemailer/lib/smtp-transport";

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  rejected?: string[];
}

const UNREACHABLE = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "EREQUIRETLS", "EPROTOCOL", "EHLO"]);

/** nodemailer's error codes → our two words for the composer; never the raw stack or the host. */
export function mapSmtpError(err: unknown): MailroomError {
  const e = (err ?? {}) as SmtpError;
  // STARTTLS required but not offered or failed: nodemailer stops before AUTH, so no password was sent.
  if (e.code === "ETLS") {
    return new MailroomError("SMTP_UNREACHABLE", "The mail server for sending did not set up an encrypted connection, so your password was not sent. Your message was kept as a draft.", { cause: err });
  }
  if (e.code && UNREACHABLE.has(e.code) && !e.responseCode) {
    return new MailroomError("SMTP_UNREACHABLE", "The mail server for sending can't be reached right now. Your message was kept as a draft.", { cause: err });
  }
  if (e.code === "EAUTH") {
    return new MailroomError("SMTP_REFUSED", "The mail server did not accept your sign-in for sending. Your message was kept as a draft.", { cause: err });
  }
  // The server's own reply (e.g. "550 5.1.1 <x@y>: Recipient address rejected") helps the user fix it.
  const reply = e.response ? ` The server said: ${cleanHeaderText(e.response, 300)}` : "";
  const who = e.rejected?.length ? ` It refused ${e.rejected.slice(0, 5).join(", ")}.` : "";
  if (e.responseCode || e.code === "EENVELOPE" || e.code === "EMESSAGE") {
    return new MailroomError("SMTP_REFUSED", `The mail server refused this message.${who}${reply} Your message was kept as a draft.`, { cause: err });
  }
  return new MailroomError("SMTP_UNREACHABLE", "Sending failed before the mail server answered. Your message was kept as a draft.", { cause: err });
}

/**
 * Submits the built bytes to the configured SMTP server, authenticated as the user, and never to any
 * other host. The same bytes (without Bcc) are what recipients get.
 */
export type SmtpServer = MailServer;

export function defaultSmtpServer(): SmtpServer {
  const e = env();
  if (!e.SMTP_HOST) throw new MailroomError("NOT_AVAILABLE", "This Mailroom is not set up for sending mail (no SMTP server is configured).");
  return { host: e.SMTP_HOST, port: e.SMTP_PORT, tls: e.SMTP_TLS, tlsInsecure: e.IMAP_TLS_INSECURE, allowPlaintext: e.ALLOW_PLAINTEXT_MAIL };
}

export function smtpOptions(creds: MailCredentials, server: SmtpServer): SMTPTransport.Options {
  return {
    host: server.host,
    port: server.port,
    secure: server.tls,
    // Required, not opportunistic, for a server on another machine: nodemailer then sends STARTTLS and
    // stops before AUTH when it fails, instead of signing in over plain text.
    requireTLS: mustStartTls({ host: server.host, tls: server.tls, allowPlaintext: server.allowPlaintext, isLoopback: server.isLoopback }),
    auth: { user: creds.user, pass: creds.password },
    tls: { rejectUnauthorized: !server.tlsInsecure },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  };
}

export async function sendRaw(
  creds: MailCredentials,
  envelope: { from: string; to: string[] },
  raw: Buffer,
  server: SmtpServer = defaultSmtpServer(),
): Promise<{ rejected: string[] }> {
  const transport = nodemailer.createTransport(smtpOptions(creds, server));
  try {
    // Some recipients refused and others accepted: the message went out, so it is sent (and reported).
    const info = await transport.sendMail({ envelope, raw });
    return { rejected: (info.rejected ?? []).map((r) => (typeof r === "string" ? r : r.address)) };
  } catch (err) {
    throw mapSmtpError(err);
  } finally {
    transport.close();
  }
}
