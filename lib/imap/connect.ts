import "server-only";
import { ImapFlow, type ImapFlowOptions } from "imapflow";
import { env } from "@/lib/env";
import { mapImapError } from "@/lib/imap/map-error";
import { MailroomError } from "@/lib/errors";
import { mustStartTls, type MailServer } from "@/lib/mail/transport-security";

export interface MailCredentials {
  user: string;
  password: string;
}

export type ImapServer = MailServer;

export function defaultImapServer(): ImapServer {
  const e = env();
  if (!e.IMAP_HOST) throw new MailroomError("BAD_REQUEST", "This Mailroom is not set up for IMAP accounts.");
  return { host: e.IMAP_HOST, port: e.IMAP_PORT, tls: e.IMAP_TLS, tlsInsecure: e.IMAP_TLS_INSECURE, allowPlaintext: e.ALLOW_PLAINTEXT_MAIL };
}

export function imapOptions(creds: MailCredentials, server: ImapServer): ImapFlowOptions {
  const requireStartTls = mustStartTls({ host: server.host, tls: server.tls, allowPlaintext: server.allowPlaintext, isLoopback: server.isLoopback });
  return {
    host: server.host,
    port: server.port,
    secure: server.tls,
    // Required, not opportunistic: without it imapflow logs in over plain text when the server (or a
    // network attacker rewriting its capabilities) offers no STARTTLS. Undefined keeps imapflow's
    // opportunistic default for loopback and labs.
    ...(requireStartTls ? { doSTARTTLS: true } : {}),
    tls: { rejectUnauthorized: !server.tlsInsecure },
    auth: { user: creds.user, pass: creds.password },
    logger: false,
    emitLogs: false,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 5 * 60_000,
    // Pooled connections sit idle between requests; IDLE keeps them alive and cheap.
    disableAutoIdle: false,
    qresync: true,
  };
}

/** Opens and logs in one IMAP connection to the admin-configured server; never any other host. */
export async function connectImap(creds: MailCredentials, server: ImapServer = defaultImapServer()): Promise<ImapFlow> {
  const client = new ImapFlow(imapOptions(creds, server));
  // An 'error' without a listener would crash the server process.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (err) {
    client.close();
    throw mapImapError(err);
  }
  return client;
}
