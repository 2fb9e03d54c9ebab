"use client";

import { createContext, useCallback, useContext, useEffect, useSyncExternalStore } from "react";
import { apiFetch } from "@/hooks/use-api";
import { defaultSettings, mergeSettings, type Settings, type SettingsPatch } from "@/lib/shared/settings";

/*
 * The one client view of the account's settings (GET/PUT /api/settings, lib/shared/settings.ts). One
 * module-level copy shared by every component that calls useSettings(): the first mounted caller loads
 * it, a save updates every reader at once. A signed-in page brings the server's copy in its HTML
 * (components/providers.tsx → seedSettings): it hydrates with it and asks nothing. Otherwise, until the
 * server answers, readers get this browser's last copy (localStorage), else the defaults.
 */
const CACHE_KEY = "mailroom.settings.v1";

let current: Settings | null = null;
let loaded = false;
let loading: Promise<void> | null = null;
let saving: Promise<unknown> = Promise.resolve();
/** Counts saves: only the latest one's answer is shown (an earlier answer lacks the later changes). */
let saveSeq = 0;
const listeners = new Set<() => void>();

function readCache(): Settings {
  if (typeof window === "undefined") return defaultSettings();
  try {
    const raw = window.localStorage.getItem(CACHE_KEY);
    return mergeSettings(defaultSettings(), raw ? (JSON.parse(raw) as unknown) : null);
  } catch {
    return defaultSettings();
  }
}

function publish(next: Settings, fromServer: boolean): void {
  current = next;
  if (fromServer) loaded = true;
  try {
    // Only what the look needs before the server answers; identities and signatures stay server-side.
    const { theme, density, readingPane, conversations, timeZone, dateFormat, undoSendSeconds } = next;
    window.localStorage.setItem(CACHE_KEY, JSON.stringify({ theme, density, readingPane, conversations, timeZone, dateFormat, undoSendSeconds }));
  } catch {
    // Private mode or a full quota: the server copy still applies.
  }
  for (const l of listeners) l();
}

function load(): Promise<void> {
  loading ??= apiFetch<Settings>("/api/settings")
    .then((s) => publish(s, true))
    .catch(() => {
      // The defaults keep working; a later mount tries again.
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

const getSnapshot = (): Settings => (current ??= readCache());
const serverSnapshot = defaultSettings();

/** The settings the server rendered this page with (null: signed out, or the store did not answer in time). */
const PageSettingsContext = createContext<Settings | null>(null);
export const PageSettings = PageSettingsContext.Provider;

/**
 * Takes the page's server-rendered settings as this tab's copy, once, before anything reads it, so the
 * hydrating render and the first client render agree and no /api/settings request follows. Browser only:
 * on the server this module is shared by every request.
 */
export function seedSettings(page: Settings | null): void {
  if (typeof window === "undefined" || !page || loaded) return;
  publish(page, true);
}

/** The settings as last known in this tab (for code outside React, e.g. a send timer). */
export function currentSettings(): Settings {
  return getSnapshot();
}

export interface SettingsState {
  settings: Settings;
  /** True once the server's copy has arrived (before: this browser's cache or the defaults). */
  loaded: boolean;
  /** Saves a partial change; resolves with the stored whole, throws an ApiError with words to show. */
  save: (patch: SettingsPatch) => Promise<Settings>;
  reload: () => Promise<void>;
}

export function useSettings(): SettingsState {
  const page = useContext(PageSettingsContext);
  const settings = useSyncExternalStore(subscribe, getSnapshot, () => page ?? serverSnapshot);
  useEffect(() => {
    if (!loaded) void load();
  }, []);
  // Optimistic: the choice shows (and applies) at once; a refused save puts the previous value back.
  const save = useCallback(async (patch: SettingsPatch) => {
    const before = getSnapshot();
    const seq = ++saveSeq;
    publish(mergeSettings(before, patch), false);
    try {
      // One save at a time: the server merges each change into the stored whole, so two in flight
      // could each write back a copy without the other's change.
      const run = saving.then(() => apiFetch<Settings>("/api/settings", { method: "PUT", json: patch }));
      saving = run.catch(() => undefined);
      const next = await run;
      // Saves run one at a time; while a later one is queued, its optimistic value stays on screen.
      if (seq === saveSeq) publish(next, true);
      return next;
    } catch (err) {
      if (seq === saveSeq) publish(before, false);
      throw err;
    }
  }, []);
  const reload = useCallback(() => {
    loaded = false;
    return load();
  }, []);
  return { settings, loaded, save, reload };
}
