import "server-only";
import { z } from "zod";
import type { Cache } from "@/lib/cache/open-cache";
import { openCache } from "@/lib/cache/open-cache";
import type { Pop3Settings } from "@/lib/shared/types";

export const DEFAULT_SETTINGS: Pop3Settings = { policy: "keep", keepDays: 14, intervalSeconds: 60 };

export const settingsSchema = z.object({
  policy: z.enum(["delete", "keep", "keep-days", "delete-when-deleted"]),
  keepDays: z.number().int().min(1).max(3650),
  intervalSeconds: z.number().int().min(15).max(24 * 3600),
});

export const accountKey = (email: string) => email.trim().toLowerCase();

export async function loadSettings(cache: Cache, account: string): Promise<Pop3Settings> {
  const saved = await cache.store.getSettings(account);
  const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(saved ?? {}) });
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export function getSettings(email: string): Promise<Pop3Settings> {
  return loadSettings(openCache(), accountKey(email));
}

/** Validates and stores an account's POP3 settings (partial input keeps the other values). */
export async function saveSettings(email: string, input: unknown): Promise<Pop3Settings> {
  const cache = openCache();
  const account = accountKey(email);
  const current = await loadSettings(cache, account);
  const next = settingsSchema.parse({ ...current, ...(input as object) });
  await cache.store.saveSettings(account, next);
  return next;
}
