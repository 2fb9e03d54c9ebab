// Per-account settings (issue 12, point 16): the one schema the server validates with and the
// browser reads through hooks/use-settings.ts. Browser-safe (no server-only).
import { z } from "zod";
import { cleanHeaderText } from "@/lib/shared/compose";

// This module runs in the browser too, under a CSP without 'unsafe-eval': zod's JIT probes `new Function`
// (reported as a CSP violation even though zod catches it). Validation works the same without it.
z.config({ jitless: true });

export const THEMES = ["system", "light", "dark"] as const;
export const DENSITIES = ["comfortable", "compact"] as const;
export const READING_PANES = ["right", "below", "off"] as const;
/** "auto": time today, day and month this year, full date before, in the browser's locale order. */
export const DATE_FORMATS = ["auto", "dmy", "mdy", "ymd"] as const;
export const UNDO_SEND_MAX_SECONDS = 30;
export const IDENTITIES_MAX = 5;
export const SIGNATURE_MAX = 2000;

export type Theme = (typeof THEMES)[number];
export type Density = (typeof DENSITIES)[number];
export type ReadingPane = (typeof READING_PANES)[number];
export type DateFormat = (typeof DATE_FORMATS)[number];

/** Whether an IANA zone name is known to this runtime ("" = the browser's own zone). */
export function isTimeZone(zone: string): boolean {
  if (zone === "") return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * One way of signing: the From name and a plain-text signature. The address is always the account's:
 * Mailroom signs in to SMTP as the account, and a server that checks sender ownership (Postfix
 * reject_sender_login_mismatch, most hosted mail) refuses or flags any other From address.
 */
export const identitySettingSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
    name: z.string().max(200).transform((v) => cleanHeaderText(v, 120)),
    signature: z.string().max(SIGNATURE_MAX).transform((v) => v.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")),
  })
  .strict();

export const settingsSchema = z
  .object({
    theme: z.enum(THEMES),
    density: z.enum(DENSITIES),
    readingPane: z.enum(READING_PANES),
    conversations: z.boolean(),
    timeZone: z.string().max(64).refine(isTimeZone, "not a known time zone"),
    dateFormat: z.enum(DATE_FORMATS),
    undoSendSeconds: z.number().int().min(0).max(UNDO_SEND_MAX_SECONDS),
    /** The first is the default for new messages. At least one. */
    identities: z
      .array(identitySettingSchema)
      .min(1)
      .max(IDENTITIES_MAX)
      .refine((list) => new Set(list.map((i) => i.id)).size === list.length, "identity ids must be unique"),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;
export type IdentitySetting = Settings["identities"][number];

/** A change from the browser: any subset; what is left out keeps its value. */
export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export function defaultSettings(fromName = ""): Settings {
  return {
    theme: "system",
    density: "comfortable",
    readingPane: "right",
    conversations: false,
    timeZone: "",
    dateFormat: "auto",
    undoSendSeconds: 5,
    identities: [{ id: "default", name: fromName, signature: "" }],
  };
}

/** A stored value read back: what still validates is kept, the rest falls back to the default. */
export function mergeSettings(base: Settings, stored: unknown): Settings {
  if (!stored || typeof stored !== "object") return base;
  const out: Record<string, unknown> = { ...base };
  const shape = settingsSchema.shape as Record<string, z.ZodTypeAny>;
  for (const [k, v] of Object.entries(stored as Record<string, unknown>)) {
    const field = shape[k];
    if (!field) continue;
    const parsed = field.safeParse(v);
    if (parsed.success) out[k] = parsed.data;
  }
  return out as Settings;
}

/** The identity a composer starts with, or the one it picked. */
export function identityById(s: Settings, id: string | null | undefined): IdentitySetting {
  return s.identities.find((i) => i.id === id) ?? s.identities[0]!;
}

/**
 * Settings → Theme, Density and Reading pane as attributes of <html> (app/globals.css and
 * app/appearance.css read them): the server renders them into the page, hooks/use-appearance.ts keeps
 * them in step after a change. Theme "system" sets no class (the media query decides).
 */
export function appearanceAttributes(s: Pick<Settings, "theme" | "density" | "readingPane">): {
  className: string | undefined;
  "data-density": Density;
  "data-reading-pane": ReadingPane;
} {
  return { className: s.theme === "system" ? undefined : s.theme, "data-density": s.density, "data-reading-pane": s.readingPane };
}
