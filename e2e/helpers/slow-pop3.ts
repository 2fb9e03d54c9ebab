import net from "node:net";

/**
 * A POP3 line to the suite's Dovecot that passes about `bytesPerMs` KB per second (1,024 ≈ 1 MB/s), so a
 * sync is surely still running when a test looks at it or signals the server: on the bare loopback
 * server it would finish before the page had loaded.
 */
export async function slowPop3(port: number, bytesPerMs = 1024): Promise<net.Server> {
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(process.env.POP3_PORT ?? 2110), "127.0.0.1");
    upstream.on("data", (chunk: Buffer) => {
      upstream.pause();
      client.write(chunk);
      setTimeout(() => upstream.resume(), Math.ceil(chunk.length / bytesPerMs));
    });
    client.pipe(upstream);
    const end = () => (client.destroy(), upstream.destroy());
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return server;
}
