import "server-only";
import Pop3Command from "node-pop3";
import type { Socket } from "node:net";
import type { Readable } from "node:stream";
import { env } from "@/lib/env";
import { MailroomError } from "@/lib/errors";
import { mapPop3Error } from "@/lib/pop3/map-error";
import { Pop3Pipeline } from "@/lib/pop3/pop3-pipeline";
import { UnstuffReader } from "@/lib/pop3/unstuff-reader";

export interface Pop3Credentials {
  user: string;
  password: string;
}

export interface Pop3Server {
  host: string;
  port: number;
  tls: boolean;
}

function closedError(): Error {
  return Object.assign(new Error("close"), { eventName: "close" });
}

// POP3_IDLE_TIMEOUT_S's default, for a client made without the configuration (tests, tools).
const DEFAULT_IDLE_MS = 60_000;

export interface Pop3ClientOptions {
  /** Give up when the server sends nothing for this long (connectPop3: POP3_IDLE_TIMEOUT_S). */
  idleMs?: number;
}

/**
 * node-pop3 with a multi-line reader we can trust with a message's bytes. node-pop3 0.11 looks for the
 * terminating "CRLF.CRLF" only inside one socket chunk (a terminator split across chunks hangs; a chunk
 * that is just "." ends the message early), keeps dot-stuffing ("..") in the data, and never ends or
 * fails the stream — or a pending command — when the socket closes. This subclass fixes those four
 * things; connecting, commands and error events stay node-pop3's.
 */
export class Pop3Client extends Pop3Command {
  /** Undoes the dot-stuffing of the multi-line response being read. */
  private reader = new UnstuffReader();
  private readonly idleMs: number;
  /** Why this client was aborted (stalled server, sync deadline): what every pending read fails with. */
  private reason: MailroomError | null = null;
  /** node-pop3 drops its _socket reference on its own timeout; abort() must still reach the socket. */
  private socketAtConnect: Socket | null = null;

  constructor(creds: Pop3Credentials, server: Pop3Server, opts: Pop3ClientOptions = {}) {
    super({ user: creds.user, password: creds.password, host: server.host, port: server.port, tls: server.tls, timeout: 60_000, servername: server.host });
    // An 'error' event without a listener would crash the process; failures reach callers as rejections.
    this.on("error", () => {});
    this.idleMs = opts.idleMs ?? DEFAULT_IDLE_MS;
  }

  /** The cause when abort() ended this client, else null. */
  get failure(): MailroomError | null {
    return this.reason;
  }

  /** Ends the connection now (no QUIT: no DELE applied); every pending command and stream fails with `reason`. */
  abort(reason: MailroomError): void {
    this.reason ??= reason;
    this._socket?.destroy();
    this.socketAtConnect?.destroy();
  }

  override connect(): Promise<void> {
    const connecting = super.connect();
    const socket = this._socket;
    this.socketAtConnect = socket;
    // node-pop3's own timeout only end()s the socket, which a stalled server never answers: the sync
    // hung. A silent server is cut here (destroy), failing the command or stream that waits on it.
    const seconds = Math.round(this.idleMs / 1000);
    socket?.setTimeout(this.idleMs, () =>
      this.abort(new MailroomError("TIMEOUT", `The mail server stopped answering (nothing for ${seconds} s), so the connection was closed. Mail already downloaded is safe; the next sync goes on from there.`)),
    );
    socket?.once("close", () => {
      const err = this.reason ?? closedError();
      if (this._stream) {
        this._stream.destroy(err);
        this._stream = null;
      }
      this.emit("error", err); // rejects a command waiting for its reply
    });
    return connecting;
  }

  override _updateStream(): Readable {
    this.reader = new UnstuffReader();
    return super._updateStream();
  }

  override _pushStream(buffer: Buffer): void {
    const stream = this._stream;
    if (!stream) return;
    const { bytes, rest } = this.reader.feed(buffer);
    if (bytes.length) stream.push(bytes);
    if (rest) this._endStream();
  }

  private async send(...args: (string | number)[]): Promise<[string, Readable | null]> {
    // node-pop3's own command methods reconnect silently when the socket is gone; a sync must not.
    if (!this._socket) throw closedError();
    const [info, stream] = await this.command(...args);
    // The socket may drop before the caller starts reading; the error then waits for the reader
    // (a destroyed stream fails its iterator) instead of escaping as an unhandled 'error' event.
    stream?.on("error", () => {});
    return [info, stream ?? null];
  }

  private async lines(...args: (string | number)[]): Promise<string[][]> {
    const [, stream] = await this.send(...args);
    if (!stream) return [];
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("latin1").split("\r\n").filter(Boolean).map((l) => l.trim().split(/\s+/));
  }

  /** Connects and logs in (USER/PASS). */
  async login(creds: Pop3Credentials): Promise<void> {
    await this.connect();
    await this.send("USER", creds.user);
    await this.send("PASS", creds.password);
  }

  /** UIDL: [message number, unique id] per line, unvalidated. */
  uidl(): Promise<string[][]> {
    return this.lines("UIDL");
  }

  /** STAT: message count and total size of the maildrop. */
  async stat(): Promise<{ count: number; bytes: number }> {
    const [info] = await this.send("STAT");
    const [count, bytes] = info.trim().split(/\s+/).map(Number);
    return { count: count ?? 0, bytes: bytes ?? 0 };
  }

  /** LIST: [message number, size] per line. */
  list(): Promise<string[][]> {
    return this.lines("LIST");
  }

  /** RETR as a stream of the message's exact bytes. */
  async retrieve(n: number): Promise<Readable> {
    const [, stream] = await this.send("RETR", n);
    if (!stream) throw Object.assign(new Error("no data"), { eventName: "bad-server-response" });
    return stream;
  }

  /**
   * Pipelined mode on this connection (see Pop3Pipeline) with how many commands may be in flight:
   * several when CAPA lists PIPELINING (RFC 2449), else one at a time. Close it before using the
   * other commands here again.
   */
  async pipeline(maxDepth: number): Promise<{ pipe: Pop3Pipeline; depth: number }> {
    if (!this._socket) throw closedError();
    const pipe = new Pop3Pipeline(this._socket, () => this.reason);
    let depth = 1;
    try {
      const { stream } = await pipe.send("CAPA", true);
      const chunks: Buffer[] = [];
      for await (const c of stream!) chunks.push(c as Buffer);
      if (/^PIPELINING$/im.test(Buffer.concat(chunks).toString("latin1"))) depth = maxDepth;
    } catch (err) {
      if ((err as { eventName?: string }).eventName !== "error") throw err; // -ERR: no CAPA, no pipelining
    }
    return { pipe, depth };
  }

  async dele(n: number): Promise<void> {
    await this.send("DELE", n);
  }

  /** QUIT: the server applies the DELEs of this session now. */
  async quit(): Promise<void> {
    await this.send("QUIT");
    this.destroy();
  }

  /** Closes without QUIT: nothing marked for deletion is deleted. */
  destroy(): void {
    this._socket?.destroy();
    this.socketAtConnect?.destroy();
  }
}

export function defaultPop3Server(): Pop3Server {
  const e = env();
  if (!e.POP3_HOST) throw mapPop3Error(Object.assign(new Error("no POP3_HOST"), { code: "ENOTCONFIGURED" }));
  return { host: e.POP3_HOST, port: e.POP3_PORT, tls: e.POP3_TLS };
}

/** Connects and logs in; errors come back as MailroomError. */
export async function connectPop3(creds: Pop3Credentials, server?: Pop3Server, opts: Pop3ClientOptions = {}): Promise<Pop3Client> {
  // The configured server comes with the configured idle timeout; an explicit one (tests) may bring its own.
  const idleMs = opts.idleMs ?? (server ? undefined : env().POP3_IDLE_TIMEOUT_S * 1000);
  const client = new Pop3Client(creds, server ?? defaultPop3Server(), { ...opts, idleMs });
  try {
    await client.login(creds);
  } catch (err) {
    client.destroy();
    throw client.failure ?? mapPop3Error(err, { phase: "login" });
  }
  return client;
}
