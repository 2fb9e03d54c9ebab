import "server-only";
import { env, listeningOrigin } from "@/lib/env";
import { logger } from "@/lib/logger";

/*
 * The first sign-in after a start (issue 13: the cold first page) paid for what a running server has
 * already done: loading the sign-in route's code and running it once, opening the stores the mail
 * page reads (a fresh data dir creates them). Here the server does that itself, right after it
 * listens: it opens the stores, then asks itself for the sign-in page and posts an empty sign-in form,
 * which is refused before any password check (no mail server login, nothing counted by the throttle).
 * Nothing here waits on a person's request, and a failure only means the first person waits as before.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const REQUEST_TIMEOUT_MS = 10_000;
/** `next start` binds its socket before the request handlers are ready: the origin may take a moment to appear. */
const ORIGIN_WAIT_MS = 30_000;

async function openStores(): Promise<void> {
  const [{ folderSortStore }, { conversationPrefStore }, { revocationStore }] = await Promise.all([
    import("@/lib/settings/folder-sort-store"),
    import("@/lib/settings/conversation-pref-store"),
    import("@/lib/auth/revocations"),
  ]);
  // Reads of rows that cannot exist: they create the tables of a fresh data dir and prepare the queries.
  await Promise.all([folderSortStore().get("warm-up.invalid", "INBOX"), conversationPrefStore().get("warm-up.invalid"), revocationStore().isSessionRevoked("warm-up")]);
}

async function origin(): Promise<string | null> {
  for (let waited = 0; waited < ORIGIN_WAIT_MS; waited += 100) {
    const o = listeningOrigin();
    if (o) return o;
    await sleep(100);
  }
  return null;
}

/** What the first sign-in asks for: the sign-in page, then the form's POST (an empty one, refused as BAD_REQUEST). */
export async function selfRequests(base: string, fetchFn: typeof fetch = fetch): Promise<number[]> {
  const signal = () => AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const login = await fetchFn(`${base}/login`, { signal: signal(), redirect: "manual" });
  await login.arrayBuffer();
  const post = await fetchFn(`${base}/login/submit`, {
    method: "POST",
    body: "",
    redirect: "manual",
    signal: signal(),
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json", "sec-fetch-site": "same-origin" },
  });
  await post.arrayBuffer();
  return [login.status, post.status];
}

/** Started by instrumentation.ts; never throws, never blocks the start. */
export function warmUpInBackground(): void {
  if (!env().WARM_UP_ON_START) return;
  const t0 = performance.now();
  void (async () => {
    try {
      await openStores();
      const base = await origin();
      const statuses = base ? await selfRequests(base) : [];
      logger.info("warmed up", { ms: Math.round(performance.now() - t0), statuses });
    } catch (err) {
      logger.warn("warm-up at start did not finish", { error: err instanceof Error ? err.message : String(err) });
    }
  })();
}
