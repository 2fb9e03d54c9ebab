import "server-only";

/**
 * At most `perKey` jobs at once per key (a session), and at most `maxKeys` keys with jobs running: a job
 * past either bound is refused at once (the caller's error), never queued. Keys are dropped when their
 * last job ends, so the map holds only what is running. In-process, like the work it bounds.
 */
export class PerKeyLimit {
  private readonly running = new Map<string, number>();

  constructor(
    private readonly perKey: number,
    private readonly maxKeys: number,
  ) {}

  async run<T>(key: string, job: () => Promise<T>, refuse: (why: "key" | "keys") => Error): Promise<T> {
    const n = this.running.get(key) ?? 0;
    if (n >= this.perKey) throw refuse("key");
    if (n === 0 && this.running.size >= this.maxKeys) throw refuse("keys");
    this.running.set(key, n + 1);
    try {
      return await job();
    } finally {
      const left = (this.running.get(key) ?? 1) - 1;
      if (left <= 0) this.running.delete(key);
      else this.running.set(key, left);
    }
  }

  /** Keys with jobs running (tests). */
  size(): number {
    return this.running.size;
  }
}
