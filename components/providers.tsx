"use client";

import type { Session } from "next-auth";
import { SessionProvider } from "next-auth/react";
import { useState, type ReactNode } from "react";
import { PageSettings, seedSettings } from "@/hooks/use-settings";
import { PageClockProvider } from "@/hooks/page-clock";
import type { Settings } from "@/lib/shared/settings";
import type { PageClock } from "@/lib/shared/page-clock";

/**
 * `session`: what the server already knows, so the page does not ask /api/auth/session again on load.
 * `settings`: the account's settings as the server rendered the page with them (null when signed out):
 * the page hydrates with the same values and does not ask /api/settings on load.
 * `clock`: the reader's clock the server wrote dates with (null: it did not know it).
 */
export function Providers({
  children,
  session,
  settings = null,
  clock = null,
}: {
  children: ReactNode;
  session?: Session | null;
  settings?: Settings | null;
  clock?: PageClock | null;
}) {
  useState(() => seedSettings(settings));
  return (
    <SessionProvider session={session}>
      <PageSettings value={settings}>
        <PageClockProvider value={clock}>{children}</PageClockProvider>
      </PageSettings>
    </SessionProvider>
  );
}
