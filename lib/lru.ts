import "server-only";

/**
 * A Map with a size bound and a per-entry expiry: the least recently used entry goes first when full,
 * an expired one is gone on read. For in-memory state keyed by something a client controls (a cookie,
 * a session id), which must not grow without limit however many distinct keys arrive.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, { value: V; until: number }>();

  constructor(
    readonly max: number,
    private readonly ttlMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    if (!(max >= 1)) throw new Error("Lru needs max >= 1");
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.until <= this.now()) {
      this.map.delete(key);
      return undefined;
    }
    // Map keeps insertion order: re-inserting makes this the most recently used.
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /** `ttlMs` shortens (never lengthens) the default expiry for this entry. */
  set(key: K, value: V, ttlMs = this.ttlMs): void {
    this.map.delete(key);
    this.map.set(key, { value, until: this.now() + Math.min(ttlMs, this.ttlMs) });
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  deleteWhere(pred: (value: V, key: K) => boolean): void {
    for (const [k, e] of this.map) if (pred(e.value, k)) this.map.delete(k);
  }

  clear(): void {
    this.map.clear();
  }
}
