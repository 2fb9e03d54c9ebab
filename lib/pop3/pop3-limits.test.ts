import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { connectPop3, type Pop3Client } from "@/lib/pop3/pop3-client";

/** A POP3 server that logs in, then answers CAPA with `capa` (or nothing when null). */
function server(opts: { greet?: boolean; capa: string | null; retr?: string | null }) {
  const srv = net.createServer((s) => {
    s.on("error", () => {});
    if (opts.greet !== false) s.write("+OK ready\r\n");
    s.on("data", (buf) => {
      for (const line of buf.toString().split("\r\n").filter(Boolean)) {
        const cmd = line.split(" ")[0]!.toUpperCase();
        if (cmd === "USER" || cmd === "PASS") s.write("+OK\r\n");
        else if (cmd === "CAPA" && opts.capa !== null) s.write(opts.capa);
        else if (cmd === "RETR" && opts.retr) s.write(opts.retr);
      }
    });
  });
  return new Promise<{ port: number; close: () => void }>((resolve) => srv.listen(0, "127.0.0.1", () => resolve({ port: (srv.address() as net.AddressInfo).port, close: () => srv.close() })));
}

const open: { close: () => void }[] = [];
const clients: Pop3Client[] = [];
afterEach(() => {
  clients.splice(0).forEach((c) => c.destroy());
  open.splice(0).forEach((s) => s.close());
});

describe("POP3 client limits", () => {
  it("a server that accepts and never greets fails the login with TIMEOUT after the idle timeout", async () => {
    const s = await server({ greet: false, capa: null });
    open.push(s);
    const started = Date.now();
    const err = await connectPop3({ user: "u", password: "p" }, { host: "127.0.0.1", port: s.port, tls: false }, { idleMs: 300 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "TIMEOUT", message: expect.stringMatching(/stopped answering/) });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("a stream that stalls mid-message fails its reader with TIMEOUT instead of waiting forever", async () => {
    const s = await server({ capa: "+OK\r\nPIPELINING\r\n.\r\n", retr: "+OK\r\nSubject: x\r\n\r\npartial" });
    open.push(s);
    const c = await connectPop3({ user: "u", password: "p" }, { host: "127.0.0.1", port: s.port, tls: false }, { idleMs: 300 });
    clients.push(c);
    const { pipe } = await c.pipeline(4);
    const reply = await pipe.send("RETR 1", true);
    const err = await (async () => {
      for await (const _ of reply.stream!) void _;
    })().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "TIMEOUT" });
  });

  it("a status line without end (over 64 kB, no CRLF) fails the pipeline as a protocol error", async () => {
    const s = await server({ capa: `+OK ${"x".repeat(200 * 1024)}` });
    open.push(s);
    const c = await connectPop3({ user: "u", password: "p" }, { host: "127.0.0.1", port: s.port, tls: false }, { idleMs: 5_000 });
    clients.push(c);
    // CAPA's reply is the endless line: pipeline() (which sends CAPA) fails at once, it does not buffer on.
    await expect(c.pipeline(4)).rejects.toMatchObject({ eventName: "bad-server-response", message: "Status line too long" });
  });
});
