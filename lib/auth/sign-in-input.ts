import "server-only";
import { z } from "zod";

/** The sign-in address: one mailbox, as the IMAP/POP3 login. */
export const signInEmail = z.string().trim().toLowerCase().email().max(254);

/**
 * The sign-in code for input that could not be used. An address that is filled in but is not one
 * (issue 12: "alice@localhost" was answered with "Enter your email address and password") is told as
 * such; anything else missing or malformed stays BAD_REQUEST.
 */
export function badSignInInput(raw: unknown): "INVALID_EMAIL" | "BAD_REQUEST" {
  const r = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const filled = (v: unknown) => typeof v === "string" && v.trim() !== "";
  if (filled(r.email) && filled(r.password) && !signInEmail.safeParse(r.email).success) return "INVALID_EMAIL";
  return "BAD_REQUEST";
}
