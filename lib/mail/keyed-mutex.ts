import "server-only";
import { MailroomError } from "@/lib/errors";

/** The same answer as the Redis lock's (lib/shared-state/redis/lock.ts) when the wait runs out. */
const busy = () => new MailroomError("MAILBOX_BUSY", "Someone else is moving or deleting messages in this mailbox. Try again in a moment.");

/**
 * Runs jobs with the same key one after another (in this process). Jobs with different keys run in
 * parallel. Keys are dropped when their queue empties. A job that has waited `waitMs` for its turn is
 * given up (MAILBOX_BUSY, as the Redis lock's 60 s wait) and never runs; one already running is not cut.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly waitMs = 60_000) {}

  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    let started = false;
    let gaveUp = false;
    let timer: NodeJS.Timeout | undefined;
    const result = new Promise<T>((resolve, reject) => {
      timer = setTimeout(() => {
        if (started) return;
        gaveUp = true;
        reject(busy());
      }, this.waitMs);
      timer.unref();
      const turn = async () => {
        clearTimeout(timer);
        if (gaveUp) return;
        started = true;
        await Promise.resolve().then(job).then(resolve, reject);
      };
      const tail = prev.then(turn, turn);
      this.tails.set(key, tail);
      void tail.then(() => {
        if (this.tails.get(key) === tail) this.tails.delete(key);
      });
    });
    return result;
  }

  /** Keys with queued or running jobs (tests). */
  size(): number {
    return this.tails.size;
  }
}
