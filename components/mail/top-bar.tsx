"use client";

import { useState } from "react";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { forgetComposerDrafts } from "@/hooks/use-compose";
import { clearFolderPageCache } from "@/hooks/folder-page-cache";
import type { SearchField } from "@/hooks/use-messages";
import { SearchForm, type SearchScope } from "@/components/mail/search-form";
import { LogoMark, PlusIcon, SettingsIcon, SignOutIcon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/button";
import { DisplayNameButton } from "@/components/account/display-name-button";

interface TopBarProps {
  email: string;
  query: string;
  field: SearchField;
  onSearch: (q: string, field: SearchField, scope?: SearchScope) => void;
  onClear: () => void;
  /** Opens the composer for a new message. */
  onCompose?: () => void;
}

export function TopBar({ email, query, field, onSearch, onClear, onCompose }: TopBarProps) {
  const [signingOut, setSigningOut] = useState(false);
  return (
    <header className="relative shrink-0 border-b border-zinc-200/80 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      {/* One search form: it wraps onto its own row on phones and sits between logo and account on wider screens. */}
      {/* Phones: one slim row (mark, search, name, sign out); Compose floats at the bottom (compose-fab.tsx). */}
      <div className="flex h-14 items-center gap-x-1.5 px-2 sm:gap-x-3 sm:px-4">
        {/* min-w, not w: at lg the Compose button joins this group, and a fixed width squeezed the logo to a sliver. */}
        <div className="flex shrink-0 items-center gap-2.5 lg:min-w-[212px]">
          <LogoMark className="size-7 shrink-0" />
          <span className="shrink-0 text-[15px] font-semibold max-sm:sr-only tracking-tight text-zinc-950 dark:text-white">Mailroom</span>
          {onCompose && (
            <button type="button" onClick={onCompose} className={buttonClass("primary", "sm", "ml-auto max-sm:hidden lg:ml-3")}>
              <PlusIcon className="size-4" />
              Compose
            </button>
          )}
        </div>
        {/* Phones: while the search has focus it spans the whole bar (over the icons), with room for its choices. */}
        <div className="min-w-0 flex-1 sm:max-w-xl max-sm:focus-within:absolute max-sm:focus-within:inset-x-2 max-sm:focus-within:top-2.5 max-sm:focus-within:z-20">
          <SearchForm query={query} field={field} onSearch={onSearch} onClear={onClear} />
        </div>
        <div className="ml-auto flex min-w-0 shrink-0 items-center justify-end gap-0.5 sm:shrink sm:gap-2">
          <span className="min-w-0 truncate text-sm max-xl:sr-only text-zinc-600 dark:text-zinc-400" title={email}>
            <span className="sr-only">Signed in as </span>
            {email}
          </span>
          <DisplayNameButton email={email} />
          <Link href="/settings" title="Settings" className={buttonClass("ghost", "sm", "shrink-0")}>
            <SettingsIcon className="size-4" />
            <span className="sr-only xl:not-sr-only">Settings</span>
          </Link>
          <button
            type="button"
            onClick={() => {
              setSigningOut(true);
              forgetComposerDrafts();
              clearFolderPageCache();
              void signOut({ callbackUrl: "/login" });
            }}
            disabled={signingOut}
            title="Sign out"
            className={buttonClass("ghost", "sm", "shrink-0")}
          >
            <SignOutIcon className="size-4" />
            <span className="max-xl:sr-only">{signingOut ? "Signing out…" : "Sign out"}</span>
          </button>
        </div>
      </div>
    </header>
  );
}
