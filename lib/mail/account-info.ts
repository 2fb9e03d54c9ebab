import "server-only";
import type { MailSession } from "@/lib/auth/session";
import { cacheUsage, getSettings, getSyncStatus } from "@/lib/pop3/account";
import type { AccountInfo } from "@/lib/shared/types";

/** Who is signed in, and for POP3 accounts the cache's settings, sync state and size (GET /api/account, the mail page). */
export async function accountInfo(session: MailSession): Promise<AccountInfo> {
  const info: AccountInfo = { email: session.email, displayName: session.name, protocol: session.protocol };
  if (session.protocol === "pop3") {
    const [settings, usage] = await Promise.all([getSettings(session.email), cacheUsage(session.email)]);
    info.pop3 = { settings, sync: getSyncStatus(session.email), usage };
  }
  return info;
}
