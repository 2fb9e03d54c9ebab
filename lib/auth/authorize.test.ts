import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEER_HEADER } from "@/lib/auth/client-address";
import { fakeImapServer, fakePop3Server, type FakeServer } from "@/test/fake-line-server";

// authorizeMailUser against scriptable IMAP and POP3 servers: a server that says it is unavailable
// is not a wrong password, and such answers never count against the sign-in throttle.
let imap: FakeServer;
let pop3: FakeServer;
let imapReply = "NO [UNAVAILABLE] Temporary authentication failure";
let pop3Reply = "-ERR [SYS/TEMP] Try again later";
let authorize: typeof import("@/lib/auth/authorize").authorizeMailUser;

beforeAll(async () => {
  imap = await fakeImapServer(() => imapReply);
  pop3 = await fakePop3Server(() => pop3Reply);
  Object.assign(process.env, {
    IMAP_HOST: "127.0.0.1",
    IMAP_PORT: String(imap.port),
    IMAP_TLS: "false",
    POP3_HOST: "127.0.0.1",
    POP3_PORT: String(pop3.port),
    POP3_TLS: "false",
    MAIL_DOMAINS: "example.test",
    NEXTAUTH_SECRET: "unit-test-secret-0123456789-0123456789",
    TRUST_PROXY: "0",
  });
  ({ authorizeMailUser: authorize } = await import("@/lib/auth/authorize"));
});
afterAll(async () => {
  const { endSession } = await import("@/lib/imap/pool");
  await Promise.all(sessions.map((sid) => endSession({ user: "t55@example.test", password: "right" }, sid)));
  await Promise.all([imap.close(), pop3.close()]);
});
const sessions: string[] = [];

const from = { [PEER_HEADER]: "198.51.100.20" };
const attempt = (protocol: "imap" | "pop3", email: string) =>
  authorize({ email, password: "whatever", protocol }, from).then(
    () => "OK",
    (e: Error) => e.message,
  );

describe("sign-in when the mail server is unavailable", () => {
  for (const protocol of ["imap", "pop3"] as const) {
    it(`${protocol}: reads as 'server unavailable' and does not count against the throttle`, async () => {
      const email = protocol === "imap" ? "t56@example.test" : "t57@example.test";
      imapReply = "NO [UNAVAILABLE] Temporary authentication failure";
      pop3Reply = "-ERR [SYS/TEMP] Try again later";
      const started = Date.now();
      const results: string[] = [];
      // More than the (client, address) hard limit of 10: none may be refused or slowed.
      for (let i = 0; i < 15; i++) results.push(await attempt(protocol, email));
      expect(new Set(results)).toEqual(new Set(["MAIL_SERVER_UNREACHABLE"]));
      expect(Date.now() - started).toBeLessThan(3_000); // counted failures would wait 0.5 + 1 + 2 s by the 6th

      // Back to a wrong password: it is the first counted failure, so it is answered at once.
      imapReply = "NO [AUTHENTICATIONFAILED] Authentication failed.";
      pop3Reply = "-ERR [AUTH] Authentication failed.";
      const t = Date.now();
      expect(await attempt(protocol, email)).toBe("AUTH_FAILED");
      expect(Date.now() - t).toBeLessThan(400);
    });
  }
});

describe("many people behind one address signing in to one shared account at once", () => {
  it("share one check of the password: none is refused, and the server sees one LOGIN", async () => {
    imapReply = "OK LOGIN completed";
    const before = imap.lines.filter((l) => / LOGIN /i.test(l)).length;
    const office = { [PEER_HEADER]: "192.0.2.50" };
    const users = await Promise.all(Array.from({ length: 20 }, () => authorize({ email: "t55@example.test", password: "right", protocol: "imap" }, office)));
    sessions.push(...users.map((u) => u.sid));
    expect(new Set(users.map((u) => u.sid)).size).toBe(20);
    expect(imap.lines.filter((l) => / LOGIN /i.test(l)).length - before).toBe(1);
  });
});
