import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isLoopbackHost, loadEnv as load } from "@/lib/env";

const loadEnv = (e: Record<string, string | undefined>) => load(e as NodeJS.ProcessEnv);

const base = { IMAP_HOST: "127.0.0.1", NEXTAUTH_SECRET: "a-real-secret-generated-for-this-test-0123456789" };

/** Every value assigned in .env.example, commented-out examples included. */
function exampleValues(): string[] {
  const text = readFileSync(path.resolve(__dirname, "..", ".env.example"), "utf8");
  return [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=(\S*)/gm)].map((m) => m[2]!).filter(Boolean);
}

describe("configuration: secret", () => {
  it("refuses the placeholder secret shipped in .env.example", () => {
    const text = readFileSync(path.resolve(__dirname, "..", ".env.example"), "utf8");
    const shipped = /^NEXTAUTH_SECRET=(.*)$/m.exec(text)?.[1]?.trim();
    expect(shipped).toBeTruthy();
    expect(() => loadEnv({ ...base, NEXTAUTH_SECRET: shipped })).toThrow(/NEXTAUTH_SECRET: is the placeholder from \.env\.example/);
  });

  it("refuses any value .env.example contains, as the secret", () => {
    const values = exampleValues();
    expect(values.length).toBeGreaterThan(10);
    for (const v of values) expect(() => loadEnv({ ...base, NEXTAUTH_SECRET: v }), v).toThrow(/NEXTAUTH_SECRET/);
  });

  it("accepts a secret of its own", () => {
    expect(loadEnv(base).NEXTAUTH_SECRET).toBe(base.NEXTAUTH_SECRET);
  });
});

describe("configuration: NEXTAUTH_URL", () => {
  it.each(["https://mail.example.com", "https://mail.example.com:8443/", "http://localhost:3000", "http://127.0.0.1:5100", "http://127.10.0.3", "http://[::1]:3000", "http://app.localhost"])(
    "accepts %s",
    (url) => {
      expect(loadEnv({ ...base, NEXTAUTH_URL: url }).NEXTAUTH_URL).toBe(url);
    },
  );

  it.each(["http://mail.example.com", "http://192.168.1.10:3000", "http://[::2]", "http://localhost.example.com", "http://128.0.0.1", "ftp://localhost"])("refuses %s", (url) => {
    expect(() => loadEnv({ ...base, NEXTAUTH_URL: url })).toThrow(/NEXTAUTH_URL: must start with https:\/\//);
  });

  it("knows loopback hosts", () => {
    expect(["localhost", "LOCALHOST", "127.0.0.1", "127.255.255.254", "[::1]", "::1"].every(isLoopbackHost)).toBe(true);
    expect(["0.0.0.0", "10.0.0.1", "example.com", "localhost.evil.example", "::"].some(isLoopbackHost)).toBe(false);
  });

  it("the settings of the test and demo scripts still start", () => {
    expect(() => loadEnv({ ...base, NEXTAUTH_URL: "http://127.0.0.1:3100", NEXTAUTH_SECRET: "test-secret-for-mailroom-e2e-only-0123456789" })).not.toThrow();
    expect(() => loadEnv({ ...base, NEXTAUTH_URL: "http://127.0.0.1:3200", NEXTAUTH_SECRET: "mailroom-bench-only-secret-0123456789abcdef" })).not.toThrow();
    expect(() => loadEnv({ ...base, NEXTAUTH_URL: "http://localhost:3000" })).not.toThrow();
  });
});

describe("configuration: session settings", () => {
  it("defaults to 12 hours and re-verifies POP3 every 15 minutes", () => {
    const e = loadEnv(base);
    expect(e.SESSION_MAX_HOURS).toBe(12);
    expect(e.POP3_REVERIFY_MINUTES).toBe(15);
  });
  it("reads and checks them", () => {
    expect(loadEnv({ ...base, SESSION_MAX_HOURS: "2", POP3_REVERIFY_MINUTES: "0.5" })).toMatchObject({ SESSION_MAX_HOURS: 2, POP3_REVERIFY_MINUTES: 0.5 });
    expect(() => loadEnv({ ...base, SESSION_MAX_HOURS: "0" })).toThrow(/SESSION_MAX_HOURS/);
    expect(() => loadEnv({ ...base, POP3_REVERIFY_MINUTES: "soon" })).toThrow(/POP3_REVERIFY_MINUTES/);
  });
});

describe("configuration: DATABASE_URL", () => {
  it("accepts a PostgreSQL URL and leaves it unset by default (SQLite)", () => {
    expect(loadEnv(base).DATABASE_URL).toBeUndefined();
    expect(loadEnv({ ...base, DATABASE_URL: "postgres://mr:pw@db:5432/mailroom" }).DATABASE_URL).toBe("postgres://mr:pw@db:5432/mailroom");
    expect(loadEnv({ ...base, DATABASE_URL: "postgresql://db/mailroom" }).DATABASE_URL).toBe("postgresql://db/mailroom");
  });

  it.each(["mysql://db/mailroom", "postgres://db", "postgres:///mailroom", "db:5432/mailroom", "not a url"])("refuses start-up with %s", (url) => {
    expect(() => loadEnv({ ...base, DATABASE_URL: url })).toThrow(/DATABASE_URL: must be a PostgreSQL URL/);
  });
});
