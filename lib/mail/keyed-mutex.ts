import "server-only";

/**
 * Runs jobs with the same key one after another (in this process). Jobs with different keys run in
 * parallel. Keys are dropped when their queue empties.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const result = prev.then(job, job);
    const tail = result.catch(() => {});
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with queued or running jobs (tests). */
  size(): number {
    return this.tails.size;
  }
}
