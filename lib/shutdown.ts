import "server-only";
import { closeAppDb } from "@/lib/app-db";
import { closeAllCaches } from "@/lib/cache/open-cache";
import { closeSharedPg } from "@/lib/db/backend";
import { env } from "@/lib/env";
import { closeAllPools } from "@/lib/imap/pool";
import { logger } from "@/lib/logger";
import { stopAllSyncs } from "@/lib/pop3/sync-runner";
import { closeSharedState } from "@/lib/shared-state/state";

/*
 * SIGTERM (docker stop, systemd, a deploy): stop accepting, let in-flight requests and a running POP3
 * sync finish (bounded by SHUTDOWN_GRACE_S; an open live-event stream holds it that long), log IMAP
 * sessions out, checkpoint SQLite, end the PostgreSQL pool (DATABASE_URL), exit 0.
 *
 * `next start` has its own handler: it closes the HTTP server (no new connections, waits for open
 * requests), closes Next, then calls process.exit(143). We keep that part — it owns the server we
 * cannot reach from here — run our drain beside it, and turn its exit into ours once both are done.
 */
const state = ((globalThis as Record<string, unknown>).__mailroomShutdown ??= { installed: false, started: false }) as { installed: boolean; started: boolean };

export function installGracefulShutdown(): void {
  if (state.installed) return;
  state.installed = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const nextHandlers = process.listeners(signal);
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal, nextHandlers));
  }
}

const within = (ms: number, work: Promise<unknown>) =>
  Promise.race([work.then(() => true, () => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);

async function shutdown(signal: NodeJS.Signals, nextHandlers: NodeJS.SignalsListener[]): Promise<void> {
  if (state.started) return;
  state.started = true;
  const graceMs = env().SHUTDOWN_GRACE_S * 1000;
  logger.info("shutting down", { signal, graceMs });
  const exit = process.exit.bind(process);
  let serverClosed!: () => void;
  const closed = new Promise<void>((r) => (serverClosed = r));
  process.exit = (() => serverClosed()) as typeof process.exit;
  const syncs = stopAllSyncs();
  for (const h of nextHandlers) h(signal);
  if (!nextHandlers.length) serverClosed(); // NEXT_MANUAL_SIG_HANDLE or a custom server: nothing to wait for
  const drained = await within(graceMs, Promise.all([closed, syncs]));
  if (!drained) logger.warn("shutdown grace over, exiting with work still open", { graceMs });
  // LOGOUT, so the server frees the connections at once: the pools, then the IDLE watchers (if any ran).
  // Bounded: a server that is down does not answer LOGOUT.
  ((globalThis as Record<string, unknown>).__mailroomWatchers as { closeAll?: () => void } | undefined)?.closeAll?.();
  await within(1_500, Promise.all([closeAllPools(), new Promise((r) => setTimeout(r, 250))]));
  // Redis (with REDIS_URL): QUIT both connections, bounded like the rest.
  await within(1_500, closeSharedState());
  try {
    closeAllCaches();
    closeAppDb();
    const activity = (globalThis as Record<string, unknown>).__mailroomActivity as { close?: () => Promise<void> } | undefined;
    await activity?.close?.();
    // Last: the stores above may still have written through it. Bounded: a dead server never answers.
    await within(2_000, closeSharedPg());
  } catch (err) {
    logger.error("closing the databases failed", { error: err instanceof Error ? err.message : String(err) });
    exit(1);
  }
  logger.info("shut down cleanly");
  exit(0);
}
