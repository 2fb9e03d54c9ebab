import { ImapFlow } from "imapflow";
import { resetMailbox } from "@/e2e/helpers/imap";
import { AccountPool, accountKey } from "@/lib/imap/pool";
import { connectImap } from "@/lib/imap/connect";
import { loadEnv } from "@/lib/env";

/*
 * An INBOX on the suite's real Dovecot, emptied and filled with named messages, for integration tests
 * of what the app reads from it: a client of the test's own (to call the readers directly) and a pool
 * like the app's (for what opens attachments through one).
 */
export interface FilledMailbox {
  client: ImapFlow;
  pool: AccountPool;
  /** The UID of each message, by the name it was given. */
  uids: Record<string, number>;
  close(): Promise<void>;
}

export async function fillMailbox(creds: { user: string; password: string }, messages: Record<string, string | Buffer>): Promise<FilledMailbox> {
  const env = loadEnv();
  const client = new ImapFlow({ host: "127.0.0.1", port: env.IMAP_PORT, secure: false, auth: { user: creds.user, pass: creds.password }, logger: false });
  client.on("error", () => {});
  await resetMailbox({ email: creds.user, password: creds.password });
  await client.connect();
  const uids: Record<string, number> = {};
  try {
    for (const [name, raw] of Object.entries(messages)) {
      const res = await client.append("INBOX", raw);
      uids[name] = res && typeof res === "object" ? res.uid! : 0;
    }
  } catch (e) {
    await client.logout().catch(() => client.close());
    throw e;
  }
  const pool = new AccountPool(accountKey(creds), creds, 2, connectImap, { acquireTimeoutMs: 10_000 });
  return {
    client,
    pool,
    uids,
    async close() {
      await client.logout().catch(() => client.close());
      await pool.close?.();
    },
  };
}
