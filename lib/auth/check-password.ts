import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { MailroomError } from "@/lib/errors";
import { connectImap, type MailCredentials } from "@/lib/imap/connect";
import { livePoolFor, poolFor } from "@/lib/imap/pool";
import type { Outcome, Reservation } from "@/lib/auth/rate-limit";
import { createLoginQueue, LoginQueueFull, type LoginQueue } from "@/lib/auth/login-queue";
import { clientAddress, clientKey } from "@/lib/auth/client-address";
import { logger } from "@/lib/logger";
import { verifyPop3Login } from "@/lib/pop3/account";
import { sharedState } from "@/lib/shared-state/state";
import type { Protocol } from "@/lib/shared/types";

// On globalThis so dev hot-reload keeps one queue and flight table per process. The throttle's counters
// come from the shared-state backend (across instances with REDIS_URL). The queue stays per instance:
// it bounds this instance's own logins to the mail server (which caps connections per user and IP, and
// each instance has its own pool), and its waiters are promises of this process.
const globals = globalThis as Record<string, unknown>;
const loginQueue = (globals.__mailroomLoginQueue ??= createLoginQueue()) as LoginQueue;
/**
 * Checks in flight, by (client, protocol, address, password). Twenty colleagues behind one office
 * address signing in to a shared account at the same moment send the same password: they share one
 * check, counted once, instead of looking like twenty parallel guesses. Entries live only while the
 * check runs; the key is an HMAC under a per-process random key, so no password is kept.
 */
const flights = (globals.__mailroomSignInFlights ??= new Map<string, Promise<void>>()) as Map<string, Promise<void>>;
const flightSecret = (globals.__mailroomSignInFlightKey ??= randomBytes(32)) as Buffer;

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

async function throttledCheck(protocol: Protocol, email: string, password: string, client: string): Promise<void> {
  // Counted now, before the password is tried, so parallel guesses see each other.
  let attempt: Reservation;
  try {
    attempt = await sharedState().throttle().reserve(client, email);
  } catch (err) {
    // Redis away: refuse rather than let guesses through unthrottled.
    logger.warn("sign-in throttle unavailable", { error: err instanceof Error ? err.message : String(err) });
    throw new Error("SHARED_STATE_UNAVAILABLE");
  }
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
    void attempt.settle(outcome);
  }
}

/** Setups where the throttle cannot tell clients apart: said once in the log, for the admin. */
function warnOnceAboutSetup(address: string | null, trustProxy: number, headers?: Record<string, unknown>): void {
  if (!address && !globals.__mailroomWarnedNoPeer) {
    globals.__mailroomWarnedNoPeer = true;
    logger.warn("sign-in request without the socket address stamp: all such clients share one throttle key (is instrumentation.ts loaded?)");
  }
  // Next fills X-Forwarded-For with the socket address when a request has none; anything else came
  // from a proxy (or a client). Behind a proxy with TRUST_PROXY=0 everyone shares the proxy's address.
  const fwd = headers?.["x-forwarded-for"];
  if (address && trustProxy === 0 && typeof fwd === "string" && fwd.trim() !== address && !globals.__mailroomWarnedProxy) {
    globals.__mailroomWarnedProxy = true;
    logger.warn("sign-in requests carry X-Forwarded-For but TRUST_PROXY=0: if Mailroom is behind a reverse proxy, set TRUST_PROXY=1, or every client shares the proxy's address in the sign-in throttle");
  }
}

/**
 * Checks an address and password against the mail server, throttled per client and address (see
 * rate-limit.ts). Throws Error(code) with a SIGN_IN_MESSAGES code; resolves when the password is right.
 */
export async function checkPassword(protocol: Protocol, email: string, password: string, headers?: Record<string, unknown>): Promise<void> {
  const trustProxy = env().TRUST_PROXY;
  const address = clientAddress(headers, trustProxy);
  warnOnceAboutSetup(address, trustProxy, headers);
  const client = clientKey(address);
  const key = createHmac("sha256", flightSecret).update(`${client}\0${protocol}\0${email}\0${password}`).digest("base64url");
  let flight = flights.get(key);
  if (!flight) {
    flight = throttledCheck(protocol, email, password, client).finally(() => flights.delete(key));
    flights.set(key, flight);
  }
  await flight;
}
