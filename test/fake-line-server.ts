import net from "node:net";

/*
 * A scriptable line-based mail server for unit tests (IMAP, POP3, SMTP): it writes a greeting, records
 * every line the client sends and answers each through `answer`. Enough to drive the real imapflow,
 * node-pop3 and nodemailer clients through a sign-in and see exactly what they sent.
 */
export interface FakeServer {
  port: number;
  /** Every line received, in order, across all connections. */
  lines: string[];
  close(): Promise<void>;
}

export type Answer = (line: string, write: (text: string) => void, socket: net.Socket) => void;

export async function startFakeServer(greeting: string, answer: Answer): Promise<FakeServer> {
  const lines: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let carry = "";
    const write = (text: string) => {
      if (!socket.destroyed) socket.write(text);
    };
    socket.on("data", (buf) => {
      carry += buf.toString("latin1");
      let i: number;
      while ((i = carry.indexOf("\r\n")) >= 0) {
        const line = carry.slice(0, i);
        carry = carry.slice(i + 2);
        lines.push(line);
        answer(line, write, socket);
      }
    });
    write(greeting);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as net.AddressInfo).port,
    lines,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** An IMAP server without STARTTLS that answers LOGIN with `loginReply` (e.g. "NO [UNAVAILABLE] Try later"). */
export function fakeImapServer(loginReply: string | (() => string), capabilities = "IMAP4rev1"): Promise<FakeServer> {
  return startFakeServer(`* OK [CAPABILITY ${capabilities}] fake ready\r\n`, (line, write, socket) => {
    const [tag, cmd] = line.split(" ");
    switch (cmd?.toUpperCase()) {
      case "CAPABILITY":
        return write(`* CAPABILITY ${capabilities}\r\n${tag} OK done\r\n`);
      case "LOGIN":
        return write(`${tag} ${typeof loginReply === "string" ? loginReply : loginReply()}\r\n`);
      case "LOGOUT":
        write(`* BYE\r\n${tag} OK bye\r\n`);
        return void socket.end();
      default:
        return write(`${tag} OK done\r\n`);
    }
  });
}

/** A POP3 server without STLS that answers PASS with `passReply` (e.g. "-ERR [SYS/TEMP] Try later"). */
export function fakePop3Server(passReply: string | (() => string)): Promise<FakeServer> {
  return startFakeServer("+OK fake ready\r\n", (line, write, socket) => {
    const cmd = line.split(" ")[0]!.toUpperCase();
    if (cmd === "USER") write("+OK\r\n");
    else if (cmd === "PASS") write(`${typeof passReply === "string" ? passReply : passReply()}\r\n`);
    else if (cmd === "QUIT") {
      write("+OK bye\r\n");
      socket.end();
    } else write("-ERR unknown\r\n");
  });
}

/** An SMTP submission server that offers AUTH but not STARTTLS (and refuses STARTTLS when asked). */
export function fakeSmtpServer(): Promise<FakeServer> {
  let inData = false;
  return startFakeServer("220 fake ESMTP\r\n", (line, write, socket) => {
    if (inData) {
      if (line === ".") {
        inData = false;
        write("250 queued\r\n");
      }
      return;
    }
    const cmd = line.split(" ")[0]!.toUpperCase();
    if (cmd === "EHLO") write("250-fake\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n");
    else if (cmd === "STARTTLS") write("502 5.5.1 not offered\r\n");
    else if (cmd === "AUTH") write("235 2.7.0 ok\r\n");
    else if (cmd === "DATA") {
      inData = true;
      write("354 go\r\n");
    } else if (cmd === "QUIT") {
      write("221 bye\r\n");
      socket.end();
    } else write("250 ok\r\n");
  });
}
