import "server-only";
import { z } from "zod";
import { appDb } from "@/lib/app-db";
import { cleanHeaderText, type Identity } from "@/lib/shared/compose";

export const identitySchema = z.object({
  fromName: z.string().max(200).transform((v) => cleanHeaderText(v, 120)),
});

/** The From display name of an account; defaults to the name from sign-in (often the address itself). */
export function getIdentity(email: string, fallbackName: string): Identity {
  const row = appDb().prepare("SELECT from_name FROM identity WHERE account = ?").get(email.toLowerCase()) as { from_name: string } | undefined;
  if (row) return { fromName: row.from_name };
  return { fromName: fallbackName && fallbackName !== email ? cleanHeaderText(fallbackName, 120) : "" };
}

export function saveIdentity(email: string, input: unknown): Identity {
  const { fromName } = identitySchema.parse(input);
  appDb()
    .prepare("INSERT INTO identity (account, from_name, updated_at) VALUES (?, ?, ?) ON CONFLICT(account) DO UPDATE SET from_name = excluded.from_name, updated_at = excluded.updated_at")
    .run(email.toLowerCase(), fromName, Date.now());
  return { fromName };
}
