import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { connectPop3, type Pop3Client } from "@/lib/pop3/pop3-client";

// A scriptable POP3 server: RETR answers are written in the given chunks, with pauses between them,
// so the client sees terminators and dot-stuffed lines split across reads.
function fakeServer(retrChunks: string[], opts: { closeAfterChunks?: number; uidl?: string } = {}) {
  const server = net.createServer((s) => {
    s.write("+OK ready\r\n");
    s.on("data", async (buf) => {
      for (const line of buf.toString().split("\r\n").filter(Boolean)) {
        const cmd = line.split(" ")[0]!.toUpperCase();
        if (cmd === "USER" || cmd === "DELE") s.write("+OK\r\n");
        else if (cmd === "PASS") s.write(line.endsWith("wrong") ? "-ERR [AUTH] Authentication failed.\r\n" : "+OK logged in\r\n");
        else if (cmd === "UIDL") s.write(opts.uidl ?? "+OK\r\n1 a\r\n.\r\n");
        else if (cmd === "QUIT") s.end("+OK bye\r\n");
        else if (cmd === "RETR") {
          for (let i = 0; i < retrChunks.length; i++) {
            if (opts.closeAfterChunks === i) return s.destroy();
            s.write(retrChunks[i]!);
            await new Promise((r) => setTimeout(r, 5));
          }
        } else s.write("-ERR unknown\r\n");
      }
    });
  });
  return new Promise<{ port: number; close: () => void }>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ port: (server.address() as net.AddressInfo).port, close: () => server.close() })),
  );
}

const clients: Pop3Client[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.destroy()));

async function retr(chunks: string[], opts = {}): Promise<string> {
  const srv = await fakeServer(chunks, opts);
  try {
    const c = await connectPop3({ user: "u", password: "p" }, { host: "127.0.0.1", port: srv.port, tls: false });
    clients.push(c);
    const parts: Buffer[] = [];
    for await (const b of await c.retrieve(1)) parts.push(b as Buffer);
    return Buffer.concat(parts).toString();
  } finally {
    srv.close();
  }
}

describe("Pop3Client multi-line reader", () => {
  it("handles a terminator split across chunks and removes dot-stuffing", async () => {
    expect(await retr(["+OK 20 octets\r\nSubject: x\r\n\r\n..dot\r\n", ".", ".two\r\nend\r\n", ".", "\r\n"])).toBe("Subject: x\r\n\r\n.dot\r\n.two\r\nend\r\n");
    expect(await retr(["+OK\r\n", "a\r", "\n.\r", "\n"])).toBe("a\r\n");
    expect(await retr(["+OK\r\na\r\n.", "\r\n"])).toBe("a\r\n");
  });

  it("a chunk that is just '.' in the middle of a line does not end the message", async () => {
    expect(await retr(["+OK\r\nab", ".", "cd\r\n.\r\n"])).toBe("ab.cd\r\n");
  });

  it("fails the stream when the connection drops mid-RETR", async () => {
    await expect(retr(["+OK\r\npart one\r\n", "part two\r\n", ".\r\n"], { closeAfterChunks: 2 })).rejects.toMatchObject({ eventName: "close" });
  });

  it("maps a rejected password to AUTH_FAILED", async () => {
    const srv = await fakeServer([]);
    await expect(connectPop3({ user: "u", password: "wrong" }, { host: "127.0.0.1", port: srv.port, tls: false })).rejects.toMatchObject({ code: "AUTH_FAILED" });
    srv.close();
  });
});
