import "server-only";
import { env } from "@/lib/env";
import type { Protocol } from "@/lib/shared/types";

/** The account types people can sign in with: those whose server the admin configured. */
export function configuredProtocols(): Protocol[] {
  const e = env();
  const out: Protocol[] = [];
  if (e.IMAP_HOST) out.push("imap");
  if (e.POP3_HOST) out.push("pop3");
  return out;
}
