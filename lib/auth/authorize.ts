import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import { MailroomError } from "@/lib/errors";
import { connectImap } from "@/lib/imap/connect";
import { livePoolFor, poolFor } from "@/lib/imap/pool";
import type { MailCredentials } from "@/lib/imap/connect";
import { seal } from "@/lib/auth/seal";
import { createSignInThrottle, type Outcome, type SignInThrottle } from "@/lib/auth/rate-limit";
import { createLoginQueue, LoginQueueFull, type LoginQueue } from "@/lib/auth/login-queue";
import { clientAddress, clientKey } from "@/lib/auth/client-address";
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

// On globalThis so dev hot-reload keeps one throttle and one queue per process.
const globals = globalThis as Record<string, unknown>;
const throttle = (globals.__mailroomSignInThrottleV2 ??= createSignInThrottle()) as SignInThrottle;
const loginQueue = (globals.__mailroomLoginQueue ??= createLoginQueue()) as LoginQueue;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Verifies an IMAP login. When the account's pool is already open with these exact credentials (it is
 * keyed by a hash of the password), those live connections are the proof and no new login is made.
 */
async function verifyImap(creds: MailCredentials, from: string): Promise<void> {
  const live = livePoolFor(creds);
  if (live) {
    await live.run((c) => c.noop());
    return;
  }
  await loginQueue.run(creds.user, from, async () => {
    const client = await connectImap(creds);
    // Keep the verified connection: the first mail request after sign-in is then warm.
    poolFor(creds).adopt(client);
  });
}

/** The code for the sign-in page (SIGN_IN_MESSAGES); anything unexpected reads as "unreachable". */
function signInErrorCode(err: unknown): string {
  if (err instanceof LoginQueueFull) return "SIGN_IN_BUSY";
  const code = err instanceof MailroomError ? err.code : "MAIL_SERVER_UNREACHABLE";
  return code === "AUTH_FAILED" || code === "MAIL_SERVER_INSECURE" ? code : "MAIL_SERVER_UNREACHABLE";
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
  const address = clientAddress(headers, env().TRUST_PROXY);
  if (!address && !globals.__mailroomWarnedNoPeer) {
    globals.__mailroomWarnedNoPeer = true;
    logger.warn("sign-in request without the socket address stamp: all such clients share one throttle key (is instrumentation.ts loaded?)");
  }
  const client = clientKey(address);
  // Counted now, before the password is tried, so parallel guesses see each other.
  const attempt = throttle.reserve(client, email);
  if (!attempt.ok) {
    logger.info("sign-in refused", { email, client, reason: attempt.reason });
    throw new Error(attempt.reason === "too-many-in-flight" ? "SIGN_IN_BUSY" : "RATE_LIMITED");
  }
  let outcome: Outcome = "failure";
  try {
    if (attempt.delayMs > 0) await sleep(attempt.delayMs);
    const domains = env().MAIL_DOMAINS;
    const domain = email.split("@")[1] ?? "";
    if (domains.length > 0 && !domains.includes(domain)) throw new Error("UNKNOWN_USER");
    try {
      if (protocol === "pop3") await loginQueue.run(email, client, () => verifyPop3Login({ user: email, password }));
      else await verifyImap({ user: email, password }, client);
      outcome = "success";
    } catch (err) {
      const code = signInErrorCode(err);
      // Only a refused password (or a refused place in the queue) counts; an unavailable server says
      // nothing about the password, so it must not slow down or lock out the person.
      if (code !== "AUTH_FAILED" && code !== "SIGN_IN_BUSY") outcome = "void";
      logger.info("sign-in failed", { email, protocol, code });
      throw new Error(code);
    }
  } finally {
    attempt.settle(outcome);
  }
  const sid = randomUUID();
  if (protocol === "pop3") startSync({ user: email, password }, "sign-in");
  else poolFor({ user: email, password }).sessions.add(sid);
  logger.info("signed in", { email, protocol });
  const name = cleanDisplayName(parsed.data.name) || defaultDisplayName(email);
  return { id: email, email, name, sealed: seal(password, env().NEXTAUTH_SECRET), sid, protocol };
}
