import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { NextRequest } from "next/server";
import { encode, type JWT } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

// Count next-auth's cookie decodes (JWE decrypt + key derivation): the per-request cost the cache removes.
const decodes = vi.hoisted(() => ({ n: 0 }));
vi.mock("next-auth/jwt", async (importOriginal) => {
  const real = await importOriginal<typeof import("next-auth/jwt")>();
  return {
    ...real,
    getToken: (async (params: Parameters<typeof real.getToken>[0]) => {
      decodes.n++;
      return real.getToken(params);
    }) as typeof real.getToken,
  };
});
const { passwordFingerprint, seal } = await import("@/lib/auth/seal");
const { requireSession, resetSessionMemory } = await import("@/lib/auth/session");
const { setRevocationStore, SqliteRevocationStore } = await import("@/lib/auth/revocations");

const SECRET = "session-cache-unit-test-secret-0123456789ab";
const EMAIL = "t48@example.test";

beforeAll(() => {
  Object.assign(process.env, { IMAP_HOST: "127.0.0.1", NEXTAUTH_SECRET: SECRET, MAILROOM_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "mailroom-session-cache-")), NEXTAUTH_URL: "http://127.0.0.1:5100" });
  delete process.env.SESSION_MAX_HOURS;
});
afterEach(() => {
  vi.useRealTimers();
  setRevocationStore(null);
  resetSessionMemory();
  decodes.n = 0;
});

const claims = (): JWT => ({ email: EMAIL, name: "T", sealed: seal("test-pass", SECRET), sid: randomUUID(), protocol: "imap", signedInAt: Date.now(), pwf: passwordFingerprint(EMAIL, "test-pass", SECRET) });
const cookieOf = async (token: JWT, maxAge = 3600) => `next-auth.session-token=${await encode({ token, secret: SECRET, maxAge })}`;
const request = (cookie: string) => new NextRequest("http://127.0.0.1:5100/api/messages", { headers: { cookie } });
const outcome = (cookie: string) => requireSession(request(cookie)).then(() => "accepted", (e: { code?: string }) => e.code ?? "thrown");

describe("decoded-session cache", () => {
  it("requests with the same session cookie decode the JWT once", async () => {
    setRevocationStore(new SqliteRevocationStore(new Database(":memory:")));
    const cookie = await cookieOf(claims());
    for (let i = 0; i < 20; i++) expect(await outcome(cookie)).toBe("accepted");
    expect(decodes.n).toBe(1);
    // Another cookie is another decode: the cache is keyed by the whole cookie value.
    expect(await outcome(await cookieOf(claims()))).toBe("accepted");
    expect(decodes.n).toBe(2);
  });

  it("a session signed out on another instance (only the shared store knows) is refused even when cached", async () => {
    const db = new Database(":memory:");
    setRevocationStore(new SqliteRevocationStore(db));
    const token = claims();
    const cookie = await cookieOf(token);
    expect(await outcome(cookie)).toBe("accepted");
    // Written by another process: this one's memory was not told.
    await new SqliteRevocationStore(db).revokeSession(String(token.sid), Date.now() + 3_600_000);
    expect(await outcome(cookie)).toBe("UNAUTHENTICATED");
  });

  it("never serves a cached session past its token's expiry", async () => {
    vi.useFakeTimers({ now: Date.now(), toFake: ["Date"] });
    setRevocationStore(new SqliteRevocationStore(new Database(":memory:")));
    const cookie = await cookieOf(claims(), 30);
    expect(await outcome(cookie)).toBe("accepted");
    // Past exp the cache no longer answers: the cookie is decoded again (next-auth allows 15 s of clock skew).
    vi.setSystemTime(Date.now() + 31_000);
    await outcome(cookie);
    expect(decodes.n).toBe(2);
    vi.setSystemTime(Date.now() + 16_000);
    expect(await outcome(cookie)).toBe("UNAUTHENTICATED");
  });
});
