import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import { poolFor } from "@/lib/imap/pool";
import { checkPassword } from "@/lib/auth/check-password";
import { seal } from "@/lib/auth/seal";
import { logger } from "@/lib/logger";
import { configuredProtocols } from "@/lib/auth/protocols";
import { startSync } from "@/lib/pop3/account";
import type { Protocol } from "@/lib/shared/types";
import { cleanDisplayName, defaultDisplayName } from "@/lib/shared/display-name";
import { badSignInInput, signInEmail } from "@/lib/auth/sign-in-input";

export const credentialsSchema = z.object({
  email: signInEmail,
  password: z.string().min(1).max(1024),
  protocol: z.enum(["imap", "pop3"]).optional(),
  /** "Your name (shown to colleagues)": optional, defaults to the address's local part. */
  name: z.string().max(200).optional(),
});

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  sealed: string;
  sid: string;
  protocol: Protocol;
}

/**
 * Signs a person in by logging in to the configured IMAP server with their address and password.
 * Throws MailroomError; next-auth passes error.message to the client, so the message is the code.
 */
export async function authorizeMailUser(raw: unknown, headers?: Record<string, unknown>): Promise<SignedInUser> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(badSignInInput(raw));
  const { email, password } = parsed.data;
  const protocols = configuredProtocols();
  const protocol = parsed.data.protocol ?? protocols[0]!;
  // Only the admin's servers: a protocol without a configured host is refused outright.
  if (!protocols.includes(protocol)) throw new Error("BAD_REQUEST");
  await checkPassword(protocol, email, password, headers);
  const sid = randomUUID();
  if (protocol === "pop3") startSync({ user: email, password }, "sign-in");
  else poolFor({ user: email, password }).sessions.add(sid);
  logger.info("signed in", { email, protocol });
  const name = cleanDisplayName(parsed.data.name) || defaultDisplayName(email);
  return { id: email, email, name, sealed: seal(password, env().NEXTAUTH_SECRET), sid, protocol };
}
