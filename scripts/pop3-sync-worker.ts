/**
 * Runs one POP3 sync of one account in its own process, for the kill test and for operators:
 *
 *   MAILROOM_SYNC_PASSWORD=… node --conditions=react-server --import tsx scripts/pop3-sync-worker.ts t10@example.test [--ignore-uidl] [--progress] [--index]
 *
 * (`--conditions=react-server` makes `import "server-only"` resolve to its empty export.) The server,
 * data directory and so on come from the usual environment (lib/env.ts). The password is read from the
 * environment, never from the command line, where other users could see it. Prints one JSON line
 * (`ms`: the sync's own time, connect through QUIT).
 * The sync lists new mail from its headers; `--index` then also parses attachments and body text for
 * search here (the app's sync runner does that after each sync, and for rows any earlier run left).
 */
import { performance } from "node:perf_hooks";
import { syncPop3Account } from "@/lib/pop3/sync";
import { closeCache, openCache } from "@/lib/cache/open-cache";
import { indexPending } from "@/lib/pop3/index-pending";
import { accountKey } from "@/lib/pop3/settings";
import { closeSharedState } from "@/lib/shared-state/state";

async function main(): Promise<number> {
  const user = process.argv[2];
  const password = process.env.MAILROOM_SYNC_PASSWORD;
  if (!user || !password) {
    console.error("usage: MAILROOM_SYNC_PASSWORD=… pop3-sync-worker.ts <email> [--ignore-uidl] [--progress] [--index]");
    return 2;
  }
  try {
    const started = performance.now();
    const res = await syncPop3Account({ user, password }, {
      ignoreUidl: process.argv.includes("--ignore-uidl"),
      onProgress: process.argv.includes("--progress") ? (p) => console.log(JSON.stringify({ progress: p })) : undefined,
    });
    // The sync alone (connect … QUIT), without process start-up and module loading: the bench compares this.
    const ms = Math.round(performance.now() - started);
    const indexed = process.argv.includes("--index") ? await indexPending(openCache(), accountKey(user)) : undefined;
    console.log(JSON.stringify({ ok: true, ...res, ms, ...(indexed === undefined ? {} : { indexed }) }));
    return 0;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    console.log(JSON.stringify({ ok: false, code: e.code ?? "INTERNAL", message: e.message ?? String(err) }));
    return 1;
  } finally {
    closeCache();
    await closeSharedState(); // the Redis connections of the sync lock, with REDIS_URL
  }
}

main().then((code) => process.exit(code));
