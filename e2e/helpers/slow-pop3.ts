import net from "node:net";

export interface SlowPop3 {
  /** Lets `n` RETR commands through in all (Infinity: no hold); those beyond wait, in order, until allowed. */
  allowRetr(n: number): void;
  close(): void;
}

/**
 * A POP3 line to the suite's Dovecot that passes about `bytesPerMs` KB per second (1,024 ≈ 1 MB/s), so a
 * sync is surely still running when a test looks at it or signals the server: on the bare loopback
 * server it would finish before the page had loaded. With `retr`, only that many RETR commands pass
 * until the test allows more: a sync then stands still, running, for as long as the test needs.
 */
export async function slowPop3(port: number, bytesPerMs = 1024, opts: { retr?: number } = {}): Promise<SlowPop3> {
  let allowed = opts.retr ?? Infinity;
  let retrPassed = 0;
  const flushers = new Set<() => void>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(process.env.POP3_PORT ?? 2110), "127.0.0.1");
    upstream.on("data", (chunk: Buffer) => {
      upstream.pause();
      client.write(chunk);
      setTimeout(() => upstream.resume(), Math.ceil(chunk.length / bytesPerMs));
    });
    // Client to server line by line, so a RETR past the allowance waits with everything after it.
    let partial = "";
    const held: string[] = [];
    const flush = () => {
      while (held.length > 0) {
        const retr = /^RETR /i.test(held[0]);
        if (retr && retrPassed >= allowed) return;
        if (retr) retrPassed += 1;
        upstream.write(held.shift()!, "latin1");
      }
    };
    flushers.add(flush);
    client.on("data", (chunk: Buffer) => {
      partial += chunk.toString("latin1");
      for (let end = partial.indexOf("\r\n"); end >= 0; end = partial.indexOf("\r\n")) {
        held.push(partial.slice(0, end + 2));
        partial = partial.slice(end + 2);
      }
      flush();
    });
    const end = () => (flushers.delete(flush), client.destroy(), upstream.destroy());
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    allowRetr: (n) => {
      allowed = n;
      for (const flush of flushers) flush();
    },
    close: () => server.close(),
  };
}
