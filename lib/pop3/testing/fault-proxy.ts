import "server-only";
import net from "node:net";

/**
 * What the proxy does with one client command line (without CRLF). `reply` answers at once — ahead of
 * replies to commands still in flight, so only for commands the client does not pipeline (UIDL);
 * `forward` sends another line upstream instead, whose reply comes in order (e.g. "RETR 0" for a -ERR).
 */
export type CommandAction = "forward" | "sever" | { reply: string } | { forward: string };

export interface FaultProxyOptions {
  target: { host: string; port: number };
  onCommand?: (line: string) => CommandAction;
}

/**
 * A TCP proxy between a POP3 client and the real server, for tests: it can answer a command itself
 * (an injected -ERR or a forged UIDL list) and cut every connection, or cut one after N bytes of RETR
 * data have passed, mid-message; or play a hung server: accept and never answer (`silent`), or go
 * quiet mid-RETR with the connection left open (`stallRetrAfter`).
 */
export class FaultProxy {
  private server: net.Server;
  private conns = new Set<{ client: net.Socket; upstream: net.Socket }>();
  /** When set, the next connection that sees RETR data is cut after this many bytes of it. */
  severRetrAfter: number | null = null;
  severed = 0;
  /** When set, new connections are accepted and never answered (no greeting): a hung server. */
  silent = false;
  /** When set, the next connection that sees RETR data goes silent after this many bytes of it (socket kept open). */
  stallRetrAfter: number | null = null;
  stalled = 0;
  port = 0;

  constructor(private readonly opts: FaultProxyOptions) {
    this.server = net.createServer((client) => this.handle(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  private handle(client: net.Socket): void {
    if (this.silent) {
      // Reads and drops whatever the client sends; answers nothing, closes nothing.
      client.on("data", () => {});
      client.on("error", () => {});
      const conn = { client, upstream: new net.Socket() };
      this.conns.add(conn);
      client.on("close", () => this.conns.delete(conn));
      return;
    }
    let mute = false;
    const upstream = net.connect(this.opts.target.port, this.opts.target.host);
    const conn = { client, upstream };
    this.conns.add(conn);
    let inRetr = false;
    let retrBytes = 0;
    let pending = "";
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("data", (buf) => {
      pending += buf.toString("latin1");
      let i: number;
      while ((i = pending.indexOf("\r\n")) >= 0) {
        const line = pending.slice(0, i);
        pending = pending.slice(i + 2);
        if (/^RETR /i.test(line)) inRetr = true;
        const action = this.opts.onCommand?.(line) ?? "forward";
        if (action === "sever") return cut();
        if (action === "forward") upstream.write(`${line}\r\n`);
        else if ("forward" in action) upstream.write(`${action.forward}\r\n`);
        else client.write(action.reply);
      }
    });
    upstream.on("data", (buf) => {
      if (mute) return;
      if (inRetr && this.stallRetrAfter !== null) {
        retrBytes += buf.length;
        if (retrBytes > this.stallRetrAfter) {
          client.write(buf.subarray(0, Math.max(0, buf.length - (retrBytes - this.stallRetrAfter))));
          this.stallRetrAfter = null;
          this.stalled++;
          mute = true;
          return;
        }
      }
      if (inRetr && this.severRetrAfter !== null) {
        retrBytes += buf.length;
        if (retrBytes > this.severRetrAfter) {
          const keep = buf.length - (retrBytes - this.severRetrAfter);
          client.write(buf.subarray(0, Math.max(0, keep)));
          this.severRetrAfter = null;
          this.severed++;
          return cut();
        }
      }
      client.write(buf);
    });
    const close = () => {
      cut();
      this.conns.delete(conn);
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
  }

  /** Cuts every open connection now. */
  severAll(): void {
    for (const c of this.conns) {
      c.client.destroy();
      c.upstream.destroy();
    }
  }

  async close(): Promise<void> {
    this.severAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
