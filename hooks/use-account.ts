"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { AccountInfo, Pop3Settings } from "@/lib/shared/types";
import { apiFetch } from "@/hooks/use-api";

export interface AccountState {
  /** null until loaded, and when the account route can't be read (then the UI simply shows no extras). */
  account: AccountInfo | null;
  reload: () => Promise<void>;
  saveSettings: (settings: Pop3Settings) => Promise<void>;
}

function isSettings(value: unknown): value is Pop3Settings {
  const v = value as Pop3Settings | null;
  return typeof v === "object" && v !== null && typeof v.policy === "string" && typeof v.intervalSeconds === "number";
}

/** `initial`: the account as the server rendered it with the page (issue 13 point 5); then nothing is asked on mount. */
export function useAccount(initial?: AccountInfo | null): AccountState {
  const [account, setAccount] = useState<AccountInfo | null>(initial ?? null);
  const generation = useRef(0);
  const preloaded = useRef(!!initial);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const info = await apiFetch<AccountInfo>("/api/account");
      if (mine === generation.current) setAccount(info);
    } catch {
      // Account info only adds POP3 controls; without it the mail UI works as before.
    }
  }, []);

  useEffect(() => {
    if (!preloaded.current) void reload();
    preloaded.current = false;
  }, [reload]);

  const saveSettings = useCallback(async (settings: Pop3Settings) => {
    const res = await apiFetch<unknown>("/api/account/settings", { method: "PUT", json: settings });
    // The route may answer with the stored settings (normalised) or just { ok: true }.
    const nested = typeof res === "object" && res !== null ? (res as { settings?: unknown }).settings : undefined;
    const saved = isSettings(res) ? res : isSettings(nested) ? nested : settings;
    generation.current++;
    setAccount((a) => (a?.pop3 ? { ...a, pop3: { ...a.pop3, settings: saved } } : a));
  }, []);

  return { account, reload, saveSettings };
}
