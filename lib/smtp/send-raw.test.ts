import { afterEach, describe, expect, it } from "vitest";
import { sendRaw, smtpOptions, type SmtpServer } from "@/lib/smtp/send-raw";
import { fakeSmtpServer, type FakeServer } from "@/test/fake-line-server";

const creds = { user: "t55@example.test", password: "secret-pass" };
const raw = Buffer.from("From: t55@example.test\r\nTo: t56@example.test\r\nSubject: hi\r\n\r\nhello\r\n");
const envelope = { from: "t55@example.test", to: ["t56@example.test"] };
const fakes: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function serverFor(extra: Partial<SmtpServer>) {
  const fake = await fakeSmtpServer();
  fakes.push(fake);
  return { fake, server: { host: "127.0.0.1", port: fake.port, tls: false, tlsInsecure: false, allowPlaintext: false, ...extra } };
}

describe("SMTP without TLS to a host that is not loopback", () => {
  it("requires STARTTLS and never sends AUTH when the server does not offer it", async () => {
    const { fake, server } = await serverFor({ isLoopback: () => false });
    await expect(sendRaw(creds, envelope, raw, server)).rejects.toMatchObject({ code: "SMTP_UNREACHABLE", message: expect.stringMatching(/encrypted/) });
    expect(fake.lines.some((l) => /^EHLO/i.test(l))).toBe(true);
    expect(fake.lines.some((l) => /^AUTH/i.test(l))).toBe(false);
  });

  it("ALLOW_PLAINTEXT_MAIL (or a loopback host) signs in over the plain connection", async () => {
    const { fake, server } = await serverFor({ isLoopback: () => false, allowPlaintext: true });
    await expect(sendRaw(creds, envelope, raw, server)).resolves.toEqual({ rejected: [] });
    expect(fake.lines.some((l) => /^AUTH/i.test(l))).toBe(true);
  });

  it("builds the options: requireTLS only for plain connections to other hosts", () => {
    const base: SmtpServer = { host: "smtp.example.com", port: 587, tls: false, tlsInsecure: false, allowPlaintext: false };
    expect(smtpOptions(creds, base).requireTLS).toBe(true);
    expect(smtpOptions(creds, { ...base, tls: true, port: 465 }).requireTLS).toBe(false);
    expect(smtpOptions(creds, { ...base, host: "localhost" }).requireTLS).toBe(false);
    expect(smtpOptions(creds, { ...base, allowPlaintext: true }).requireTLS).toBe(false);
  });
});
