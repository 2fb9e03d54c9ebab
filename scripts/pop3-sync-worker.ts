/**
 * Runs one POP3 sync of one account in its own process, for the kill test and for operators:
 *
 *   MAILROOM_SYNC_PASSWORD=… node --conditions=react-server --import tsx scripts/pop3-sync-worker.ts t10@example.test [--ignore-uidl] [--progress]
 *
 * (`--conditions=react-server` makes `import "server-only"` resolve to its empty export.) The server,
 * data directory and so on come from the usual environment (lib/env.ts). The password is read from the
 * environment, never from the command line, where other users could see it. Prints one JSON line.
 */
import { syncPop3Account } from "@/lib/pop3/sync";
import { closeCache } from "@/lib/cache/open-cache";

async function main(): Promise<number> {
  const user = process.argv[2];
  const password = process.env.MAILROOM_SYNC_PASSWORD;
  if (!user || !password) {
    console.error("usage: MAILROOM_SYNC_PASSWORD=… pop3-sync-worker.ts <email> [--ignore-uidl]");
    return 2;
  }
  try {
    const res = await syncPop3Account({ user, password }, {
      ignoreUidl: process.argv.includes("--ignore-uidl"),
      onProgress: process.argv.includes("--progress") ? (p) => console.log(JSON.stringify({ progress: p })) : undefined,
    });
    console.log(JSON.stringify({ ok: true, ...res }));
    return 0;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    console.log(JSON.stringify({ ok: false, code: e.code ?? "INTERNAL", message: e.message ?? String(err) }));
    return 1;
  } finally {
    closeCache();
  }
}

main().then((code) => process.exit(code));
