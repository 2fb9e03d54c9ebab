import Database from "better-sqlite3";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { MailroomError } from "@/lib/errors";
import { resetPop3Reverify, reverifyPop3Session } from "@/lib/auth/pop3-reverify";
import { setRevocationStore, SqliteRevocationStore } from "@/lib/auth/revocations";
import { passwordFingerprint } from "@/lib/auth/seal";
import { sessionEndReason } from "@/lib/auth/session";

const SECRET = "reverify-unit-test-secret-0123456789abcdef";
const MIN = 60_000;

beforeAll(() => {
  Object.assign(process.env, { IMAP_HOST: "127.0.0.1", POP3_HOST: "127.0.0.1", NEXTAUTH_SECRET: SECRET });
});
afterEach(() => {
  resetPop3Reverify();
  setRevocationStore(null);
});

function session(signedInAt: number, password = "pw") {
  return { sid: `sid-${Math.random()}`, email: "t49@example.test", creds: { user: "t49@example.test", password }, signedInAt, pwf: passwordFingerprint("t49@example.test", password, SECRET) };
}

describe("POP3 re-verification", () => {
  it("asks the server only once the interval has passed, once for all concurrent requests", async () => {
    setRevocationStore(new SqliteRevocationStore(new Database(":memory:")));
    let calls = 0;
    const verify = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
    };
    const t0 = Date.now();
    const s = session(t0);
    expect(await reverifyPop3Session(s, { intervalMs: 15 * MIN, now: t0 + 14 * MIN, verify })).toBe(true);
    expect(calls).toBe(0);
    const results = await Promise.all(Array.from({ length: 10 }, () => reverifyPop3Session(s, { intervalMs: 15 * MIN, now: t0 + 16 * MIN, verify })));
    expect(results.every(Boolean)).toBe(true);
    expect(calls).toBe(1);
  });

  it("a refused password ends every session that holds it", async () => {
    setRevocationStore(new SqliteRevocationStore(new Database(":memory:")));
    const t0 = Date.now() - 20 * MIN;
    const a = session(t0);
    const b = session(t0 + 1000);
    const refuse = async () => {
      throw new MailroomError("AUTH_FAILED", "no");
    };
    expect(await reverifyPop3Session(a, { intervalMs: 15 * MIN, verify: refuse })).toBe(false);
    expect(await sessionEndReason(a)).toBe("password");
    expect(await sessionEndReason(b)).toBe("password");
    expect(await sessionEndReason(session(t0, "another"))).toBeNull();
  });

  it("a server that cannot be reached does not end the session, and is not asked on every request", async () => {
    setRevocationStore(new SqliteRevocationStore(new Database(":memory:")));
    let calls = 0;
    const down = async () => {
      calls++;
      throw new MailroomError("MAIL_SERVER_UNREACHABLE", "down");
    };
    const s = session(Date.now() - 20 * MIN);
    expect(await reverifyPop3Session(s, { intervalMs: 15 * MIN, verify: down })).toBe(true);
    expect(await reverifyPop3Session(s, { intervalMs: 15 * MIN, verify: down })).toBe(true);
    expect(calls).toBe(1);
    expect(await sessionEndReason(s)).toBeNull();
  });
});
