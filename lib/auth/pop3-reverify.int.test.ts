import { chownSync, chmodSync, mkdtempSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { encode, type JWT } from "next-auth/jwt";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

// Before any module reads env(): a re-verification interval of 1.2 s instead of 15 minutes, and a data
// directory of this file's own.
vi.hoisted(() => {
  process.env.POP3_REVERIFY_MINUTES = "0.02";
  process.env.MAILROOM_DATA_DIR = require("node:fs").mkdtempSync(require("node:path").join(require("node:os").tmpdir(), "mailroom-reverify-"));
});

import { env } from "@/lib/env";
import { passwordFingerprint, seal } from "@/lib/auth/seal";
import { requireSession, resetSessionMemory, sessionEndReason } from "@/lib/auth/session";
import { resetPop3Reverify } from "@/lib/auth/pop3-reverify";
import { startSync, waitForSync } from "@/lib/pop3/sync-runner";
import { dropCache, freshCache } from "@/lib/pop3/testing/fixtures";

// t48 is this file's own user: its password is changed on the real Dovecot (passwd-file, read per login).
const EMAIL = "t48@example.test";
const OLD = "test-pass";
const NEW = `changed-${randomUUID().slice(0, 8)}`;
const passwd = path.join(process.env.MAILSTACK_DIR ?? path.resolve(__dirname, "../../.mailstack-test"), "dovecot", "users.passwd");
const original = readFileSync(passwd, "utf8");

/** Rewrites the stack's passwd-file for t48 only, atomically, keeping its owner and mode. */
function setServerPassword(password: string | null): void {
  const st = statSync(passwd);
  const lines = original.split("\n").map((l) => (password !== null && l.startsWith(`${EMAIL}:`) ? `${EMAIL}:{PLAIN}${password}::::::` : l));
  const tmp = `${passwd}.t48-${process.pid}`;
  writeFileSync(tmp, lines.join("\n"));
  chownSync(tmp, st.uid, st.gid);
  chmodSync(tmp, st.mode & 0o777);
  renameSync(tmp, passwd);
}

afterEach(() => {
  setServerPassword(null);
  resetSessionMemory();
  resetPop3Reverify();
});
afterAll(() => setServerPassword(null));

const secret = () => env().NEXTAUTH_SECRET;

function claims(password: string, signedInAt = Date.now()): JWT {
  return { email: EMAIL, name: "t48", sealed: seal(password, secret()), sid: randomUUID(), protocol: "pop3", signedInAt, pwf: passwordFingerprint(EMAIL, password, secret()) };
}

async function requestWith(token: JWT): Promise<NextRequest> {
  const jwe = await encode({ token, secret: secret(), maxAge: 3600 });
  return new NextRequest("http://127.0.0.1/api/messages", { headers: { cookie: `next-auth.session-token=${jwe}` } });
}

async function outcome(req: NextRequest): Promise<string> {
  try {
    await requireSession(req);
    return "accepted";
  } catch (err) {
    return (err as { code?: string }).code ?? "thrown";
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("POP3 sessions against the real Dovecot", () => {
  it("a password changed on the server ends the old sessions at the next re-verification", async () => {
    expect(env().POP3_REVERIFY_MINUTES).toBe(0.02);
    const old = await requestWith(claims(OLD));
    const sibling = await requestWith(claims(OLD));
    expect(await outcome(old)).toBe("accepted");

    setServerPassword(NEW);
    // Past the interval the session proves its password to the POP3 server again: refused.
    await sleep(1500);
    expect(await outcome(old)).toBe("UNAUTHENTICATED");
    // Every session holding that password has ended with it, and stays ended without another login.
    expect(await outcome(sibling)).toBe("UNAUTHENTICATED");
    resetSessionMemory();
    resetPop3Reverify();
    expect(await outcome(old)).toBe("UNAUTHENTICATED");

    // A session signed in with the new password works, including after its own re-verification.
    const fresh = await requestWith(claims(NEW));
    expect(await outcome(fresh)).toBe("accepted");
    await sleep(1500);
    expect(await outcome(fresh)).toBe("accepted");
  });

  it("a sync refused by the server ends every session that holds the password", async () => {
    const a = claims(OLD);
    const b = claims(OLD);
    const stamp = (t: JWT) => ({ sid: String(t.sid), email: EMAIL, signedInAt: Number(t.signedInAt), pwf: String(t.pwf) });
    expect(await sessionEndReason(stamp(a))).toBeNull();

    setServerPassword(NEW);
    const cache = freshCache();
    try {
      startSync({ user: EMAIL, password: OLD }, "manual", { cache });
      const status = await waitForSync(EMAIL);
      expect(status.error?.code).toBe("AUTH_FAILED");
    } finally {
      dropCache(cache);
    }
    await expect.poll(() => sessionEndReason(stamp(a))).toBe("password");
    expect(await sessionEndReason(stamp(b))).toBe("password");
  });
});
