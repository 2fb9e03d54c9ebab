/**
 * Section "first request after sign-in": what a person waits for right after signing in. Each round
 * signs in on a fresh cookie jar, times the first page of INBOX, and signs out again (which closes the
 * account's pooled IMAP connections, so the next round starts cold on the server too).
 */
import { Client, type Credentials } from "./http";
import { closeRaw, connectRaw, type ImapTarget } from "./imap";
import { ratio, summarize, timed, type Stats } from "./stats";
import { log } from "./stack";
import { checkPage, LIST_PATH, rawList, type Target } from "./warm-requests";

export interface FirstRequestResult {
  description: string;
  rounds: number;
  sign_in: Stats;
  app_first: Stats;
  raw_cold: Stats;
  /** median(app_first) / median(raw warm list) from the list section. */
  ratio_app_first_vs_raw_warm: number;
  /** median(app_first) / median(raw_cold). */
  ratio_app_first_vs_raw_cold: number;
  targets: Record<string, Target>;
  pass: boolean;
}

export async function benchFirstRequest(o: {
  appUrl: string;
  creds: Credentials;
  imap: ImapTarget;
  rounds: number;
  rawWarmMedianMs: number;
}): Promise<FirstRequestResult> {
  log(`first request after sign-in: ${o.rounds} rounds of sign-in, first list, sign-out (+ raw cold connect, list, logout)`);
  const signInMs: number[] = [];
  const firstMs: number[] = [];
  const coldMs: number[] = [];
  for (let i = 0; i < o.rounds; i++) {
    const session = new Client(o.appUrl);
    signInMs.push(await session.signIn(o.creds));
    const first = await timed(() => session.getText(LIST_PATH));
    firstMs.push(first.ms);
    checkPage(first.value);
    await session.signOut();

    const cold = await timed(async () => {
      const client = await connectRaw(o.imap);
      try {
        return await rawList(client);
      } finally {
        await closeRaw(client);
      }
    });
    coldMs.push(cold.ms);
    // Lets the sign-out's LOGOUTs finish, so a round never starts beside the last one's closing connections.
    await new Promise((r) => setTimeout(r, 200));
  }
  const appFirst = summarize(firstMs);
  const rawCold = summarize(coldMs);
  const vsCold = ratio(appFirst.median_ms, rawCold.median_ms);
  // Sign-in hands its logged-in IMAP connection to the pool, so the first list should cost no more
  // than a cold raw connect + login + list + logout.
  const target: Target = { max: 1.0, source: "proposed" };
  return {
    description:
      "Per round: sign in (GET /api/auth/csrf + POST /api/auth/callback/credentials), then time the first " +
      `GET ${LIST_PATH}, then sign out. raw_cold = new imapflow connection: connect + LOGIN + SELECT + FETCH 50 + LOGOUT.`,
    rounds: o.rounds,
    sign_in: summarize(signInMs),
    app_first: appFirst,
    raw_cold: rawCold,
    ratio_app_first_vs_raw_warm: ratio(appFirst.median_ms, o.rawWarmMedianMs),
    ratio_app_first_vs_raw_cold: vsCold,
    targets: { ratio_app_first_vs_raw_cold: target },
    pass: vsCold <= target.max,
  };
}
