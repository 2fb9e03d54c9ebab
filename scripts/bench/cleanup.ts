/** What a bench run must undo however it ends (app, stack, data dir, connections): newest first. */
import { log } from "./stack";

type Cleanup = { what: string; fn: () => Promise<void> };
export const cleanups: Cleanup[] = [];
let cleaning: Promise<void> | null = null;

/** Runs every registered clean-up once, newest first; one failing never skips the others. */
export function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const c of cleanups.splice(0).reverse()) {
      try {
        await c.fn();
      } catch (err) {
        log(`clean-up "${c.what}" failed: ${(err as Error).message}`);
      }
    }
  })();
  return cleaning;
}
