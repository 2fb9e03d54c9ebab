import { afterEach, describe, expect, it } from "vitest";
import { connectImap, imapOptions, type ImapServer } from "@/lib/imap/connect";
import { fakeImapServer, type FakeServer } from "@/test/fake-line-server";

const creds = { user: "t53@example.test", password: "secret-pass" };
const fakes: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function serverFor(loginReply: string, extra: Partial<ImapServer> = {}) {
  const fake = await fakeImapServer(loginReply);
  fakes.push(fake);
  const server: ImapServer = { host: "127.0.0.1", port: fake.port, tls: false, tlsInsecure: false, allowPlaintext: false, ...extra };
  return { fake, server };
}

const sentPassword = (fake: FakeServer) => fake.lines.some((l) => /\b(LOGIN|AUTHENTICATE)\b/i.test(l) || l.includes(creds.password));

describe("IMAP sign-in answers", () => {
  it("reads NO [UNAVAILABLE] and other non-authentication codes at LOGIN as 'server unavailable', not a wrong password", async () => {
    for (const reply of ["NO [UNAVAILABLE] Temporary failure", "NO [SERVERBUG] Internal error", "NO [INUSE] Mailbox locked"]) {
      const { server } = await serverFor(reply);
      await expect(connectImap(creds, server)).rejects.toMatchObject({ code: "MAIL_SERVER_UNREACHABLE" });
    }
  });

  it("still reads a refused password as AUTH_FAILED, with or without a response code", async () => {
    for (const reply of ["NO [AUTHENTICATIONFAILED] Invalid credentials", "NO Login failed", "NO [SOMETHINGNEW] refused"]) {
      const { server } = await serverFor(reply);
      await expect(connectImap(creds, server)).rejects.toMatchObject({ code: "AUTH_FAILED" });
    }
  });
});

describe("IMAP without TLS to a host that is not loopback", () => {
  it("requires STARTTLS and never sends LOGIN when the server does not offer it", async () => {
    const { fake, server } = await serverFor("OK logged in", { isLoopback: () => false });
    await expect(connectImap(creds, server)).rejects.toMatchObject({ code: "MAIL_SERVER_INSECURE" });
    // The same server with the escape hatch does receive LOGIN (next test): here nothing was sent.
    expect(sentPassword(fake)).toBe(false);
  });

  it("ALLOW_PLAINTEXT_MAIL is the explicit escape hatch", async () => {
    const { fake, server } = await serverFor("NO [AUTHENTICATIONFAILED] nope", { isLoopback: () => false, allowPlaintext: true });
    await expect(connectImap(creds, server)).rejects.toMatchObject({ code: "AUTH_FAILED" });
    expect(sentPassword(fake)).toBe(true);
  });

  it("builds the options: STARTTLS required only for plain connections to other hosts", () => {
    const base: ImapServer = { host: "mail.example.com", port: 143, tls: false, tlsInsecure: false, allowPlaintext: false };
    expect(imapOptions(creds, base).doSTARTTLS).toBe(true);
    expect(imapOptions(creds, { ...base, tls: true, port: 993 }).doSTARTTLS).toBeUndefined();
    expect(imapOptions(creds, { ...base, host: "127.0.0.1" }).doSTARTTLS).toBeUndefined();
    expect(imapOptions(creds, { ...base, host: "::1" }).doSTARTTLS).toBeUndefined();
    expect(imapOptions(creds, { ...base, allowPlaintext: true }).doSTARTTLS).toBeUndefined();
  });
});
