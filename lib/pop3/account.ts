import "server-only";
import { openCache } from "@/lib/cache/open-cache";
import type { MailStore } from "@/lib/mail/store";
import { connectPop3, type Pop3Credentials } from "@/lib/pop3/pop3-client";
import { Pop3Store } from "@/lib/pop3/pop3-store";
import { accountKey, getSettings, saveSettings as saveStoredSettings } from "@/lib/pop3/settings";
import { rescheduleSync } from "@/lib/pop3/sync-runner";
import type { Pop3Settings } from "@/lib/shared/types";

// The POP3 account API for auth, routes and store-for: one import site.
export { getSyncStatus, keepSyncing, startSync, stopSyncing } from "@/lib/pop3/sync-runner";
export { syncPop3Account } from "@/lib/pop3/sync";
export { getSettings };
export { exportMailbox } from "@/lib/pop3/export-mailbox";
export { importMbox } from "@/lib/pop3/import-mbox";

/** USER/PASS, then QUIT. Throws AUTH_FAILED or MAIL_SERVER_UNREACHABLE as MailroomError. */
export async function verifyPop3Login(creds: Pop3Credentials): Promise<void> {
  const client = await connectPop3(creds);
  await client.quit().catch(() => client.destroy());
}

export function pop3StoreFor(creds: Pop3Credentials): MailStore {
  return new Pop3Store(openCache(), accountKey(creds.user));
}

/** Validates (zod) and stores the settings; a changed interval applies to the running schedule. */
export async function saveSettings(email: string, input: unknown): Promise<Pop3Settings> {
  const saved = await saveStoredSettings(email, input);
  rescheduleSync(email, saved.intervalSeconds);
  return saved;
}

export function cacheUsage(email: string): Promise<{ bytes: number; messages: number }> {
  return openCache().store.usage(accountKey(email));
}
