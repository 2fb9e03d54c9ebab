"use client";

import Link from "next/link";
import { useAppearance } from "@/hooks/use-appearance";
import { buttonClass } from "@/components/ui/button";
import { ChevronLeftIcon, LogoMark } from "@/components/ui/icons";
import { PreferencesSection } from "@/components/settings/preferences-section";
import { IdentitiesSection } from "@/components/settings/identities-section";
import { DisplayNameSection } from "@/components/settings/display-name-section";
import { Pop3Section } from "@/components/settings/pop3-section";

/** The Settings page (/settings): stored per account on the server, so every browser gets the same. */
export function SettingsApp({ email }: { email: string }) {
  useAppearance();
  return (
    <div className="min-h-dvh bg-zinc-50/70 dark:bg-zinc-950">
      <a href="#settings-main" className="sr-only focus:not-sr-only focus:absolute focus:left-3 focus:top-3 focus:z-30 focus:rounded-lg focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-zinc-900">
        Skip to settings
      </a>
      <header className="sticky top-0 z-10 border-b border-zinc-200/80 bg-white dark:border-zinc-800 dark:bg-zinc-950">
        <div className="mx-auto flex h-14 max-w-3xl items-center gap-3 px-3 sm:px-4">
          <Link href="/mail/INBOX" className={buttonClass("ghost", "sm", "min-h-11 sm:min-h-0")}>
            <ChevronLeftIcon className="size-4" />
            Back to mail
          </Link>
          <span className="ml-auto flex min-w-0 items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            <LogoMark className="size-6 shrink-0" />
            <span className="truncate" title={email}>
              {email}
            </span>
          </span>
        </div>
      </header>
      <main id="settings-main" className="mx-auto max-w-3xl space-y-5 px-3 py-6 sm:px-4">
        <h1 className="text-xl font-semibold tracking-tight text-zinc-950 dark:text-white">Settings</h1>
        <DisplayNameSection email={email} />
        <IdentitiesSection email={email} />
        <PreferencesSection />
        <Pop3Section />
      </main>
    </div>
  );
}
