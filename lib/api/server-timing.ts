import "server-only";

/**
 * `Server-Timing` for one response (issue 13: where a warm open's milliseconds go). Names are fixed by
 * the route; durations in ms with one decimal; the header says nothing about the mail itself.
 */
export class ServerTimings {
  private readonly parts: { name: string; ms: number }[] = [];

  add(name: string, ms: number): void {
    this.parts.push({ name, ms });
  }

  async time<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      this.add(name, performance.now() - t);
    }
  }

  timeSync<T>(name: string, fn: () => T): T {
    const t = performance.now();
    try {
      return fn();
    } finally {
      this.add(name, performance.now() - t);
    }
  }

  header(): string {
    return this.parts.map((p) => `${p.name};dur=${p.ms.toFixed(1)}`).join(", ");
  }
}
