import "server-only";
import type { SyncOptions, SyncProgress, SyncResult } from "@/lib/pop3/sync";
import type { Pop3Credentials } from "@/lib/pop3/pop3-client";

/** One call of the fake syncPop3Account, finished by the test when it wants. */
export interface FakeRun {
  creds: Pop3Credentials;
  progress(p: SyncProgress): void;
  finish(result?: Partial<SyncResult>): void;
  fail(err: unknown): void;
}

/**
 * A stand-in for syncPop3Account for the route and schedule tests (vi.mock of "@/lib/pop3/sync"):
 * records each call and leaves it running until the test finishes or fails it.
 */
export function createFakeSync() {
  const runs: FakeRun[] = [];
  const syncPop3Account = (creds: Pop3Credentials, opts: SyncOptions = {}): Promise<SyncResult> =>
    new Promise((resolve, reject) => {
      runs.push({
        creds,
        progress: (p) => opts.onProgress?.(p),
        finish: (r = {}) => resolve({ onServer: 0, fetched: 0, skipped: 0, deleted: 0, bytes: 0, ...r }),
        fail: reject,
      });
    });
  return { runs, syncPop3Account };
}
