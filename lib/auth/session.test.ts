import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { NextRequest } from "next/server";
import { decode, encode, type JWT } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { passwordFingerprint, seal } from "@/lib/auth/seal";
import { DECODED_MAX, REVOKED_MAX, requireSession, resetSessionMemory, revokeSession, sessionMemorySizes, watchSessionEnd, type MailSession } from "@/lib/auth/session";
import { endSessionsWithPassword, setRevocationStore, SqliteRevocationStore } from "@/lib/auth/revocations";
import { authOptions } from "@/lib/auth/options";

const SECRET = "session-unit-test-secret-0123456789abcdef";
const HOUR = 3_600_000;
const EMAIL = "t48@example.test";
const dataDir = mkdtempSync(path.join(os.tmpdir(), "mailroom-session-test-"));

beforeAll(() => {
  // env() is read lazily, on first use: these win over whatever the shell exported.
  Object.assign(process.env, { IMAP_HOST: "127.0.0.1", NEXTAUTH_SECRET: SECRET, MAILROOM_DATA_DIR: dataDir, NEXTAUTH_URL: "http://127.0.0.1:5100" });
  delete process.env.SESSION_MAX_HOURS;
});

afterEach(() => {
  vi.useRealTimers();
  setRevocationStore(null);
  resetSessionMemory();
});

function claims(over: Partial<JWT> = {}, password = "test-pass"): JWT {
  return {
    email: EMAIL,
    name: "T",
    sealed: seal(password, SECRET),
    sid: randomUUID(),
    protocol: "imap",
    signedInAt: Date.now(),
    pwf: passwordFingerprint(EMAIL, password, SECRET),
    ...over,
  };
}

// A token that next-auth itself would not expire for 30 days: only the absolute lifetime can end it.
const cookieOf = async (token: JWT, maxAge = 30 * 24 * 3600) => `next-auth.session-token=${await encode({ token, secret: SECRET, maxAge })}`;
const request = (cookie: string) => new NextRequest("http://127.0.0.1:5100/api/folders", { headers: { cookie } });

async function refused(cookie: string): Promise<string> {
  try {
    await requireSession(request(cookie));
  } catch (err) {
    return (err as { code?: string }).code ?? "thrown";
  }
  return "accepted";
}

describe("absolute session lifetime (SESSION_MAX_HOURS, default 12)", () => {
  it("ends a session 12 hours after sign-in however active it is", async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const cookie = await cookieOf(claims({ signedInAt: start }));
    for (let h = 0; h < 12; h += 2) {
      vi.setSystemTime(start + h * HOUR);
      expect(await refused(cookie), `after ${h} h`).toBe("accepted");
    }
    vi.setSystemTime(start + 12 * HOUR - 1000);
    expect(await refused(cookie)).toBe("accepted");
    vi.setSystemTime(start + 12 * HOUR + 1000);
    expect(await refused(cookie)).toBe("UNAUTHENTICATED");
  });

  it("refuses a token without a sign-in time (it would have no bound)", async () => {
    expect(await refused(await cookieOf(claims({ signedInAt: undefined })))).toBe("UNAUTHENTICATED");
  });

  it("the /api/auth/session refresh (jwt callback + encode) cannot slide it past the deadline", async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const token = claims({ signedInAt: start });
    const jwt = authOptions.callbacks!.jwt!;
    const maxAge = authOptions.session!.maxAge!;
    expect(maxAge).toBe(12 * 3600);
    // An hour before the deadline, a refresh re-issues the token: it still expires at the deadline, not 12 h later.
    vi.setSystemTime(start + 11 * HOUR);
    const refreshed = await jwt({ token, user: undefined as never, account: null });
    const reissued = await authOptions.jwt!.encode!({ token: refreshed, secret: SECRET, maxAge });
    const decoded = await decode({ token: reissued, secret: SECRET });
    expect(decoded?.exp).toBeLessThanOrEqual(Math.ceil((start + 12 * HOUR) / 1000));
    // Past it, the jwt callback refuses, so next-auth clears the cookie and the session reads as signed out.
    vi.setSystemTime(start + 12 * HOUR + 1000);
    await expect(jwt({ token, user: undefined as never, account: null })).rejects.toThrow(/session ended: expired/);
  });

  it("a sign-in stamps the token with its time and password fingerprint", async () => {
    const jwt = authOptions.callbacks!.jwt!;
    const user = { id: EMAIL, email: EMAIL, name: "T", sealed: seal("test-pass", SECRET), sid: randomUUID(), protocol: "imap" };
    const before = Date.now();
    const token = await jwt({ token: { email: EMAIL }, user: user as never, account: null, trigger: "signIn" });
    expect(token.signedInAt).toBeGreaterThanOrEqual(before);
    expect(token.pwf).toBe(passwordFingerprint(EMAIL, "test-pass", SECRET));
    expect(JSON.stringify(token)).not.toContain("test-pass");
  });
});

describe("durable revocation", () => {
  it("a signed-out cookie stays refused after the process forgets it (store in MAILROOM_DATA_DIR)", async () => {
    const token = claims();
    const cookie = await cookieOf(token);
    expect(await refused(cookie)).toBe("accepted");
    await revokeSession(String(token.sid));
    expect(await refused(cookie)).toBe("UNAUTHENTICATED");
    // As after a restart: no in-memory state, a new database handle on the same file.
    resetSessionMemory();
    setRevocationStore(new SqliteRevocationStore(new Database(path.join(dataDir, "app.sqlite"))));
    expect(await refused(cookie)).toBe("UNAUTHENTICATED");
    // Server-rendered pages read the session through next-auth's jwt callback: refused there too.
    await expect(authOptions.callbacks!.jwt!({ token, user: undefined as never, account: null })).rejects.toThrow(/session ended: revoked/);
    expect(await refused(await cookieOf(claims()))).toBe("accepted");
  });

  it("a refused password ends every session signed in with it before, not later ones nor other passwords", async () => {
    const t0 = Date.now() - 10_000;
    const a = await cookieOf(claims({ signedInAt: t0 }));
    const b = await cookieOf(claims({ signedInAt: t0 + 1000 }));
    const other = await cookieOf(claims({ signedInAt: t0 }, "another-password"));
    expect(await refused(a)).toBe("accepted");
    await endSessionsWithPassword({ user: EMAIL, password: "test-pass" }, t0 + 2000);
    expect(await refused(a)).toBe("UNAUTHENTICATED");
    expect(await refused(b)).toBe("UNAUTHENTICATED");
    expect(await refused(other)).toBe("accepted");
    expect(await refused(await cookieOf(claims({ signedInAt: t0 + 3000 })))).toBe("accepted");
  });

  it("the event-stream watcher fires once the session is signed out", async () => {
    const token = claims();
    const session = await requireSession(request(await cookieOf(token)));
    const ended = new Promise<string>((resolve) => watchSessionEnd(session as MailSession, resolve, 20));
    await revokeSession(String(token.sid));
    await expect(ended).resolves.toBe("revoked");
  });
});

describe("in-memory session maps are bounded", () => {
  it("decoded sessions: more distinct cookies than the bound leave at most the bound in memory", async () => {
    setRevocationStore(new SqliteRevocationStore(new Database(":memory:")));
    for (let i = 0; i < DECODED_MAX + 300; i++) await requireSession(request(await cookieOf(claims())));
    expect(sessionMemorySizes().decoded).toBe(DECODED_MAX);
  });

  it("revoked ids: more sign-outs than the bound leave at most the bound in memory, and all stay refused", async () => {
    setRevocationStore(new SqliteRevocationStore(new Database(":memory:")));
    const first = claims();
    const cookie = await cookieOf(first);
    await revokeSession(String(first.sid));
    for (let i = 0; i < REVOKED_MAX + 500; i++) await revokeSession(randomUUID());
    expect(sessionMemorySizes().revoked).toBe(REVOKED_MAX);
    // Pushed out of memory, still refused through the store.
    expect(await refused(cookie)).toBe("UNAUTHENTICATED");
  });
});
