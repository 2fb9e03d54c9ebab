import "server-only";
import { getIdentity } from "@/lib/compose/identity";
import { identityStore } from "@/lib/settings/identity-store";
import { settingsStore } from "@/lib/settings/settings-store";
import { defaultSettings, identityById, mergeSettings, settingsPatchSchema, settingsSchema, type Settings } from "@/lib/shared/settings";

/*
 * The Settings page's data for one account. The default identity's name is also the From name of
 * lib/compose/identity.ts (the identity table, older than this store), so both stay one value: it is
 * read from there when this store has nothing yet, and written there on every save.
 */
export async function getSettings(email: string, fallbackName: string): Promise<Settings> {
  const [stored, identity] = await Promise.all([settingsStore().get(email), getIdentity(email, fallbackName)]);
  const merged = mergeSettings(defaultSettings(identity.fromName), stored);
  const [first, ...rest] = merged.identities;
  return { ...merged, identities: [{ ...first!, name: identity.fromName }, ...rest] };
}

/** Applies a partial change (validated), stores the whole document and answers it. */
export async function saveSettings(email: string, fallbackName: string, input: unknown): Promise<Settings> {
  const patch = settingsPatchSchema.parse(input);
  const current = await getSettings(email, fallbackName);
  const next = settingsSchema.parse({ ...current, ...patch });
  const at = Date.now();
  await settingsStore().put(email, next, at);
  if (patch.identities) await identityStore().setFromName(email, next.identities[0]!.name, at);
  return next;
}

/** The From name of a message: the identity the composer picked, else the default (lib/compose/identity.ts). */
export async function fromNameFor(email: string, fallbackName: string, identityId: string | null | undefined): Promise<string> {
  if (!identityId) return (await getIdentity(email, fallbackName)).fromName;
  const settings = await getSettings(email, fallbackName);
  return identityById(settings, identityId).name;
}
