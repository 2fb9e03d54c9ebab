import { describe, expect, it } from "vitest";
import { isLoopbackHost, mustStartTls } from "@/lib/mail/transport-security";
import { loadEnv as loadEnvFrom } from "@/lib/env";

const base = { NEXTAUTH_SECRET: "x".repeat(40), IMAP_HOST: "127.0.0.1" };
const loadEnv = (vars: Record<string, string>) => loadEnvFrom(vars as NodeJS.ProcessEnv);

describe("plain-text mail connections", () => {
  it("knows loopback by the literal host", () => {
    for (const h of ["localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "::ffff:127.0.0.1"]) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["mail.example.com", "10.0.0.1", "::2", "localhost.example.com", "0.0.0.0"]) expect(isLoopbackHost(h), h).toBe(false);
  });

  it("requires STARTTLS only without implicit TLS, off loopback, without the escape hatch", () => {
    expect(mustStartTls({ host: "mail.example.com", tls: false, allowPlaintext: false })).toBe(true);
    expect(mustStartTls({ host: "mail.example.com", tls: true, allowPlaintext: false })).toBe(false);
    expect(mustStartTls({ host: "mail.example.com", tls: false, allowPlaintext: true })).toBe(false);
    expect(mustStartTls({ host: "127.0.0.1", tls: false, allowPlaintext: false })).toBe(false);
    expect(mustStartTls({ host: "127.0.0.1", tls: false, allowPlaintext: false, isLoopback: () => false })).toBe(true);
  });

  it("refuses to start with plain POP3 to another machine (node-pop3 cannot STLS) unless ALLOW_PLAINTEXT_MAIL=1", () => {
    expect(() => loadEnv({ ...base, POP3_HOST: "pop.example.com", POP3_TLS: "false" })).toThrow(/POP3_TLS.*ALLOW_PLAINTEXT_MAIL/s);
    expect(loadEnv({ ...base, POP3_HOST: "pop.example.com", POP3_TLS: "false", ALLOW_PLAINTEXT_MAIL: "1" }).ALLOW_PLAINTEXT_MAIL).toBe(true);
    expect(loadEnv({ ...base, POP3_HOST: "pop.example.com", POP3_TLS: "true" }).POP3_TLS).toBe(true);
    expect(loadEnv({ ...base, POP3_HOST: "localhost", POP3_TLS: "false" }).ALLOW_PLAINTEXT_MAIL).toBe(false);
  });

  it("reads TRUST_PROXY as a hop count, 0 by default", () => {
    expect(loadEnv(base).TRUST_PROXY).toBe(0);
    expect(loadEnv({ ...base, TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(() => loadEnv({ ...base, TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY/);
  });
});
