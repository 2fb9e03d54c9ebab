import "server-only";
import type { Socket } from "node:net";
import { Readable } from "node:stream";
import { UnstuffReader } from "@/lib/pop3/unstuff-reader";

const CRLF = Buffer.from("\r\n");
const EMPTY = Buffer.alloc(0);
const MAX_STATUS_LINE = 64 * 1024;

export interface PipelineReply {
  /** The status line after "+OK ". */
  info: string;
  /** A multi-line reply's data, dot-unstuffed, without the terminator. */
  stream: Readable | null;
}

interface Pending {
  command: string;
  multi: boolean;
  resolve(reply: PipelineReply): void;
  reject(err: Error): void;
}

const protocolError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

/**
 * POP3 commands written without waiting for the replies before them (RFC 2449 PIPELINING) and matched
 * to their replies in order, on a socket node-pop3 has logged in. While it is open it owns the
 * socket's data events; close() hands them back once every reply is in. A multi-line reply arrives as
 * a stream that must be read to its end for the replies after it to arrive: when its reader lags, the
 * socket is paused, so at most about one stream's buffer plus the socket's is held in memory.
 * Errors look like node-pop3's (eventName, command), so mapPop3Error reads them the same way.
 */
export class Pop3Pipeline {
  private readonly queue: Pending[] = [];
  private carry: Buffer = EMPTY;
  /** The multi-line reply being read, if any. */
  private body: Readable | null = null;
  private reader = new UnstuffReader();
  private failed: Error | null = null;
  private readonly saved: ((...args: unknown[]) => void)[];
  private readonly onData = (buf: Buffer) => this.receive(buf);
  private readonly onClose = () => this.fail(this.reason?.() ?? Object.assign(new Error("close"), { eventName: "close" }));

  /** `reason`: why the socket was closed on purpose (a stalled server, a deadline), to fail with that. */
  constructor(private readonly socket: Socket, private readonly reason?: () => Error | null) {
    this.saved = socket.listeners("data") as ((...args: unknown[]) => void)[];
    socket.removeAllListeners("data");
    socket.on("data", this.onData);
    socket.once("close", this.onClose);
  }

  /** Writes one command now; the promise settles when its reply (status line) arrives. */
  send(command: string, multi: boolean): Promise<PipelineReply> {
    return this.sendAll([[command, multi]])[0]!;
  }

  /** Writes several commands in one socket write. */
  sendAll(commands: [command: string, multi: boolean][]): Promise<PipelineReply>[] {
    const out = commands.map(([command, multi]) => new Promise<PipelineReply>((resolve, reject) => {
      if (this.failed) return reject(this.failed);
      this.queue.push({ command, multi, resolve, reject });
    }));
    if (!this.failed) this.socket.write(commands.map(([c]) => `${c}\r\n`).join(""));
    return out;
  }

  /** Waits for every reply written so far (their streams must be read by someone), then gives the socket back to node-pop3. */
  async close(): Promise<void> {
    while (this.queue.length || this.body) {
      if (this.failed) throw this.failed;
      await new Promise((r) => setImmediate(r));
    }
    this.detach();
  }

  private detach(): void {
    this.socket.removeListener("data", this.onData);
    this.socket.removeListener("close", this.onClose);
    for (const l of this.saved) this.socket.on("data", l);
  }

  private fail(err: Error): void {
    if (this.failed) return;
    this.failed = err;
    this.body?.destroy(err);
    this.body = null;
    for (const p of this.queue.splice(0)) p.reject(err);
  }

  private receive(chunk: Buffer): void {
    let data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = EMPTY;
    while (data.length && !this.failed) {
      if (this.body) {
        const rest = this.readBody(data);
        if (!rest) return; // all of it consumed (or carried)
        data = rest;
        continue;
      }
      const eol = data.indexOf(CRLF);
      if (eol < 0) {
        // RFC 2449 caps a status line at 512 octets: a server that streams one without end is broken.
        if (data.length > MAX_STATUS_LINE) return this.fail(protocolError("Status line too long", { eventName: "bad-server-response" }));
        this.carry = Buffer.from(data);
        return;
      }
      const line = data.subarray(0, eol).toString("latin1");
      data = data.subarray(eol + 2);
      const p = this.queue.shift();
      if (!p) return this.fail(protocolError("Unexpected response", { eventName: "bad-server-response" }));
      if (line.startsWith("+OK")) {
        if (p.multi) {
          const socket = this.socket;
          this.reader = new UnstuffReader();
          this.body = new Readable({ read: () => void (socket.isPaused() && socket.resume()) });
          this.body.on("error", () => {}); // the reader sees it through its iterator
        }
        p.resolve({ info: line.slice(4), stream: this.body });
      } else if (line.startsWith("-ERR")) {
        p.reject(protocolError(line.slice(5), { eventName: "error", command: p.command }));
      } else {
        p.reject(protocolError("Unexpected response", { eventName: "bad-server-response" }));
        return this.fail(protocolError("Unexpected response", { eventName: "bad-server-response" }));
      }
    }
  }

  /**
   * Feeds multi-line data to the body stream, stuffed dots dropped (UnstuffReader: linear in the
   * line length). Returns what follows the terminator when it was found, null when all was taken.
   */
  private readBody(data: Buffer): Buffer | null {
    const body = this.body!;
    const { bytes, rest } = this.reader.feed(data);
    if (rest) {
      if (bytes.length) body.push(bytes);
      body.push(null);
      this.body = null;
      return rest;
    }
    if (bytes.length && !body.push(bytes)) this.socket.pause();
    return null;
  }
}

/**
 * RETR of `ns` in order, kept up to `depth` commands ahead of the reader, so the server sends the next
 * message while this one is being stored. DELEs queue behind the RETRs already sent; their replies are
 * checked in drain().
 */
export class RetrAhead {
  private issued = 0;
  private taken = 0;
  private readonly replies: (Promise<PipelineReply> | undefined)[] = [];
  private readonly deletes: Promise<PipelineReply>[] = [];

  constructor(private readonly pipe: Pop3Pipeline, private readonly ns: number[], private readonly depth: number) {}

  /** Message `n`'s data (the next in `ns`); the stream before it must have been read to its end. */
  async next(n: number): Promise<Readable> {
    if (this.ns[this.taken] !== n) throw new Error(`RETR ${n} asked out of order`);
    this.fill();
    const reply = this.replies[this.taken]!;
    this.replies[this.taken++] = undefined;
    return (await reply).stream!;
  }

  private fill(): void {
    // Refill in groups (one socket write each) once half the window has been read.
    if (this.issued > this.taken && this.issued - this.taken > this.depth / 2) return;
    const commands: [string, boolean][] = [];
    while (this.issued < this.ns.length && this.issued - this.taken < this.depth) commands.push([`RETR ${this.ns[this.issued++]}`, true]);
    for (const p of this.pipe.sendAll(commands)) {
      p.catch(() => {}); // settled by next(); this only keeps an early -ERR from being "unhandled"
      this.replies.push(p);
    }
  }

  dele(n: number): void {
    const p = this.pipe.send(`DELE ${n}`, false);
    p.catch(() => {});
    this.deletes.push(p);
  }

  /** Waits for every reply (a DELE's -ERR throws here) and hands the connection back. */
  async drain(): Promise<void> {
    await Promise.all(this.deletes);
    await this.pipe.close();
  }
}
