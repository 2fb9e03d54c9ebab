import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { cacheUsage, getSettings, getSyncStatus } from "@/lib/pop3/account";
import type { AccountInfo } from "@/lib/shared/types";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Who is signed in, and for POP3 accounts the cache's settings, sync state and size. */
export const GET = withStore(async ({ session }) => {
  const info: AccountInfo = { email: session.email, displayName: session.name, protocol: session.protocol };
  if (session.protocol === "pop3") {
    const [settings, usage] = await Promise.all([getSettings(session.email), cacheUsage(session.email)]);
    info.pop3 = { settings, sync: getSyncStatus(session.email), usage };
  }
  return json(info);
});
