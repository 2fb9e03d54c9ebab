import "server-only";
import { pageSession } from "@/lib/auth/page-session";
import { getSettings } from "@/lib/settings/account-settings";
import type { Settings } from "@/lib/shared/settings";

/** How long a page waits for the settings store; later, the page renders with the defaults and the browser asks /api/settings. */
export const PAGE_SETTINGS_WAIT_MS = 300;

/**
 * The signed-in account's settings for a server-rendered page, so its HTML already has the person's
 * theme, density and reading pane (no light page turning dark after the scripts run), and the browser
 * needs no /api/settings request on load. The session is checked as the API checks it (a revoked
 * cookie gets nothing). Null when signed out, or when the store fails or is slow.
 */
export async function pageSettings(): Promise<Settings | null> {
  const session = await pageSession();
  if (!session) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), PAGE_SETTINGS_WAIT_MS);
  });
  try {
    return await Promise.race([getSettings(session.email, session.name).catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
