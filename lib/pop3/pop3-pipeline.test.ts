import net from "node:net";
import type { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { connectPop3, type Pop3Client } from "@/lib/pop3/pop3-client";
import { RetrAhead } from "@/lib/pop3/pop3-pipeline";

// Messages with the lines that trip multi-line readers: leading dots, a lone ".", empty lines.
const message = (i: number) => `Subject: m${i}\r\n\r\n.leading dot ${i}\r\n..two\r\n\r\n.\r\n${"x".repeat(i * 37)}\r\nend ${i}\r\n`;
const stuff = (m: string) => m.split("\r\n").map((l) => (l.startsWith(".") ? `.${l}` : l)).join("\r\n");

/**
 * A POP3 server that answers pipelined commands in order and writes its replies in pieces of 1–40
 * bytes, so terminators, status lines and stuffed dots land split across the client's reads.
 */
function fakeServer(opts: { pipelining: boolean; closeInRetr?: number }) {
  const seen = { maxLinesPerRead: 0, commands: [] as string[] };
  const server = net.createServer((s) => {
    s.write("+OK ready\r\n");
    let input = "";
    let out = Promise.resolve();
    let seed = 7;
    const piece = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 40 + 1;
    s.on("error", () => {});
    let split = false; // node-pop3 itself (login, QUIT) reads one reply per socket read: split only in between
    const send = (text: string, closeAfter = false) => {
      out = out.then(async () => {
        if (!split) return void s.write(text);
        for (let i = 0; i < text.length; ) {
          const n = piece();
          s.write(text.slice(i, i + n));
          i += n;
          if (closeAfter && i > text.length / 2) return void s.destroy();
          if (n % 3 === 0) await new Promise((r) => setImmediate(r));
        }
      });
    };
    s.on("data", (buf) => {
      input += buf.toString("latin1");
      const lines = input.split("\r\n");
      input = lines.pop()!;
      seen.maxLinesPerRead = Math.max(seen.maxLinesPerRead, lines.length);
      for (const line of lines) {
        seen.commands.push(line);
        const [cmd, arg] = line.split(" ");
        const n = Number(arg);
        if (cmd === "USER" || cmd === "PASS") send("+OK\r\n");
        else if (cmd === "QUIT") {
          split = false;
          send("+OK bye\r\n");
        } else if (cmd === "CAPA" && (split = true)) send(opts.pipelining ? "+OK\r\nTOP\r\nUIDL\r\nPIPELINING\r\n.\r\n" : "+OK\r\nUIDL\r\n.\r\n");
        else if (cmd === "RETR" && n >= 1 && n <= 40) send(`+OK ${n} octets\r\n${stuff(message(n))}.\r\n`, n === opts.closeInRetr);
        else if (cmd === "DELE" && n >= 1) send("+OK marked\r\n");
        else send(`-ERR no such message ${arg ?? ""}\r\n`);
      }
    });
  });
  return new Promise<{ port: number; seen: typeof seen; close: () => void }>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ port: (server.address() as net.AddressInfo).port, seen, close: () => server.close() })),
  );
}

const read = async (r: Readable) => {
  const parts: Buffer[] = [];
  for await (const b of r) parts.push(b as Buffer);
  return Buffer.concat(parts).toString("latin1");
};

const clients: Pop3Client[] = [];
const servers: { close: () => void }[] = [];
afterEach(() => {
  clients.splice(0).forEach((c) => c.destroy());
  servers.splice(0).forEach((s) => s.close());
});

async function session(opts: { pipelining: boolean; closeInRetr?: number }) {
  const srv = await fakeServer(opts);
  servers.push(srv);
  const client = await connectPop3({ user: "u", password: "p" }, { host: "127.0.0.1", port: srv.port, tls: false });
  clients.push(client);
  return { srv, client };
}

describe("pipelined RETR (RetrAhead over Pop3Pipeline)", () => {
  it("with PIPELINING: many RETRs in flight, every message byte-exact, DELEs in between, then node-pop3 commands again", async () => {
    const { srv, client } = await session({ pipelining: true });
    const { pipe, depth } = await client.pipeline(8);
    expect(depth).toBe(8);
    const ns = Array.from({ length: 30 }, (_, i) => i + 1);
    const retr = new RetrAhead(pipe, ns, depth);
    for (const n of ns) {
      expect(await read(await retr.next(n))).toBe(message(n));
      if (n % 10 === 0) retr.dele(n);
    }
    await retr.drain();
    expect(srv.seen.maxLinesPerRead).toBeGreaterThan(1); // really pipelined
    expect(srv.seen.commands.filter((c) => c.startsWith("DELE"))).toEqual(["DELE 10", "DELE 20", "DELE 30"]);
    await client.quit(); // the socket is node-pop3's again
    expect(srv.seen.commands.at(-1)).toBe("QUIT");
  });

  it("without PIPELINING in CAPA: one command at a time, same bytes", async () => {
    const { srv, client } = await session({ pipelining: false });
    const { pipe, depth } = await client.pipeline(8);
    expect(depth).toBe(1);
    const retr = new RetrAhead(pipe, [3, 1, 2], depth);
    for (const n of [3, 1, 2]) expect(await read(await retr.next(n))).toBe(message(n));
    await retr.drain();
    expect(srv.seen.maxLinesPerRead).toBe(1);
  });

  it("an -ERR to one RETR fails that message (as node-pop3 would: eventName, command); those before it arrived whole", async () => {
    const { client } = await session({ pipelining: true });
    const { pipe, depth } = await client.pipeline(8);
    const retr = new RetrAhead(pipe, [1, 2, 99, 3], depth);
    expect(await read(await retr.next(1))).toBe(message(1));
    expect(await read(await retr.next(2))).toBe(message(2));
    await expect(retr.next(99)).rejects.toMatchObject({ eventName: "error", command: "RETR 99" });
  });

  it("a connection cut mid-message fails that message's stream and everything after it", async () => {
    const { client } = await session({ pipelining: true, closeInRetr: 3 });
    const { pipe, depth } = await client.pipeline(8);
    const retr = new RetrAhead(pipe, [1, 2, 3, 4], depth);
    expect(await read(await retr.next(1))).toBe(message(1));
    expect(await read(await retr.next(2))).toBe(message(2));
    await expect(retr.next(3).then(read)).rejects.toMatchObject({ eventName: "close" });
    await expect(retr.next(4)).rejects.toMatchObject({ eventName: "close" });
  });
});
