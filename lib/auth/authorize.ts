import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import { MailroomError } from "@/lib/errors";
import { connectImap } from "@/lib/imap/connect";
import { livePoolFor, poolFor } from "@/lib/imap/pool";
import type { MailCredentials } from "@/lib/imap/connect";
import { seal } from "@/lib/auth/seal";
import { createThrottle } from "@/lib/auth/rate-limit";
import { logger } from "@/lib/logger";
import { configuredProtocols } from "@/lib/auth/protocols";
import { startSync, verifyPop3Login } from "@/lib/pop3/account";
import type { Protocol } from "@/lib/shared/types";
import { cleanDisplayName, defaultDisplayName } from "@/lib/shared/display-name";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
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

const throttle = ((globalThis as Record<string, unknown>).__mailroomSignInThrottle ??= createThrottle()) as ReturnType<typeof createThrottle>;

function clientKey(headers: Record<string, unknown> | undefined): string {
  const fwd = headers?.["x-forwarded-for"] ?? headers?.["x-real-ip"];
  const first = typeof fwd === "string" ? fwd.split(",")[0]?.trim() : "";
  return `ip:${first || "unknown"}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Fresh verification logins per account at once. The server caps connections per user and IP
// (Dovecot 10) and the pool and watchers hold some: twenty colleagues signing in to a shared
// account at the same moment must queue rather than be refused.
const MAX_VERIFY_LOGINS = 2;
const verifying = ((globalThis as Record<string, unknown>).__mailroomVerifying ??= new Map<string, { active: number; queue: (() => void)[] }>()) as Map<string, { active: number; queue: (() => void)[] }>;

async function withLoginSlot<T>(account: string, fn: () => Promise<T>): Promise<T> {
  const slot = verifying.get(account) ?? { active: 0, queue: [] };
  verifying.set(account, slot);
  if (slot.active >= MAX_VERIFY_LOGINS) await new Promise<void>((r) => slot.queue.push(r));
  slot.active++;
  try {
    return await fn();
  } finally {
    slot.active--;
    const next = slot.queue.shift();
    if (next) next();
    else if (slot.active === 0) verifying.delete(account);
  }
}

/**
 * Verifies an IMAP login. When the account's pool is already open with these exact credentials (it is
 * keyed by a hash of the password), those live connections are the proof and no new login is made.
 */
async function verifyImap(creds: MailCredentials): Promise<void> {
  const live = livePoolFor(creds);
  if (live) {
    await live.run((c) => c.noop());
    return;
  }
  await withLoginSlot(creds.user, async () => {
    const client = await connectImap(creds);
    // Keep the verified connection: the first mail request after sign-in is then warm.
    poolFor(creds).adopt(client);
  });
}

/**
 * Signs a person in by logging in to the configured IMAP server with their address and password.
 * Throws MailroomError; next-auth passes error.message to the client, so the message is the code.
 */
export async function authorizeMailUser(raw: unknown, headers?: Record<string, unknown>): Promise<SignedInUser> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new Error("BAD_REQUEST");
  const { email, password } = parsed.data;
  const protocols = configuredProtocols();
  const protocol = parsed.data.protocol ?? protocols[0]!;
  // Only the admin's servers: a protocol without a configured host is refused outright.
  if (!protocols.includes(protocol)) throw new Error("BAD_REQUEST");
  const keys = [clientKey(headers), `email:${email}`];

  const delay = throttle.delayFor(keys);
  if (delay === null) throw new Error("RATE_LIMITED");
  if (delay > 0) await sleep(delay);

  const domains = env().MAIL_DOMAINS;
  const domain = email.split("@")[1] ?? "";
  if (domains.length > 0 && !domains.includes(domain)) {
    throttle.fail(keys);
    throw new Error("UNKNOWN_USER");
  }

  try {
    if (protocol === "pop3") {
      await verifyPop3Login({ user: email, password });
      throttle.succeed(keys);
    } else {
      await verifyImap({ user: email, password });
      throttle.succeed(keys);
    }
  } catch (err) {
    const code = err instanceof MailroomError ? err.code : "MAIL_SERVER_ERROR";
    if (code === "AUTH_FAILED") throttle.fail(keys);
    logger.info("sign-in failed", { email, protocol, code });
    throw new Error(code === "AUTH_FAILED" || code === "MAIL_SERVER_UNREACHABLE" ? code : "MAIL_SERVER_UNREACHABLE");
  }
  const sid = randomUUID();
  if (protocol === "pop3") startSync({ user: email, password }, "sign-in");
  else poolFor({ user: email, password }).sessions.add(sid);
  logger.info("signed in", { email, protocol });
  const name = cleanDisplayName(parsed.data.name) || defaultDisplayName(email);
  return { id: email, email, name, sealed: seal(password, env().NEXTAUTH_SECRET), sid, protocol };
}
