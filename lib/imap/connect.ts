import "server-only";
import { ImapFlow } from "imapflow";
import { env } from "@/lib/env";
import { mapImapError } from "@/lib/imap/map-error";
import { MailroomError } from "@/lib/errors";

export interface MailCredentials {
  user: string;
  password: string;
}

/** Opens and logs in one IMAP connection to the admin-configured server; never any other host. */
export async function connectImap(creds: MailCredentials): Promise<ImapFlow> {
  const e = env();
  if (!e.IMAP_HOST) throw new MailroomError("BAD_REQUEST", "This Mailroom is not set up for IMAP accounts.");
  const client = new ImapFlow({
    host: e.IMAP_HOST,
    port: e.IMAP_PORT,
    secure: e.IMAP_TLS,
    tls: { rejectUnauthorized: !e.IMAP_TLS_INSECURE },
    auth: { user: creds.user, pass: creds.password },
    logger: false,
    emitLogs: false,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 5 * 60_000,
    // Pooled connections sit idle between requests; IDLE keeps them alive and cheap.
    disableAutoIdle: false,
    qresync: true,
  });
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
