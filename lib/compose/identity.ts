import "server-only";
import { z } from "zod";
import { identityStore } from "@/lib/settings/identity-store";
import { cleanHeaderText, type Identity } from "@/lib/shared/compose";

export const identitySchema = z.object({
  fromName: z.string().max(200).transform((v) => cleanHeaderText(v, 120)),
});

/** The From display name of an account; defaults to the name from sign-in (often the address itself). */
export async function getIdentity(email: string, fallbackName: string): Promise<Identity> {
  const saved = await identityStore().getFromName(email);
  if (saved !== null) return { fromName: saved };
  return { fromName: fallbackName && fallbackName !== email ? cleanHeaderText(fallbackName, 120) : "" };
}

export async function saveIdentity(email: string, input: unknown): Promise<Identity> {
  const { fromName } = identitySchema.parse(input);
  await identityStore().setFromName(email, fromName, Date.now());
  return { fromName };
}
