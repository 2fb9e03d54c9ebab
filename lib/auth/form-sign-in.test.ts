import Database from "better-sqlite3";
import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { seal } from "@/lib/auth/seal";

const SECRET = "form-sign-in-unit-test-secret-0123456789ab";
const calls: { raw: unknown; headers: Record<string, unknown> | undefined }[] = [];

// The same authorize path as next-auth's provider, without a mail server: what it is given is recorded.
vi.mock("@/lib/auth/authorize", () => ({
  authorizeMailUser: async (raw: { email?: string; password?: string }, headers?: Record<string, unknown>) => {
    calls.push({ raw, headers });
    if (!raw.email || !raw.password) throw new Error("BAD_REQUEST");
    if (raw.password !== "right-password") throw new Error("AUTH_FAILED");
    return { id: raw.email, email: raw.email, name: "Tee", sealed: seal(raw.password, SECRET), sid: "sid-form-1", protocol: "imap" };
  },
}));

// The first screen the POST starts is lib/mail/initial-view-handoff.test.ts's subject: no mail server here.
vi.mock("@/lib/mail/initial-view-handoff", () => ({ landingFolder: () => null, startInitialView: () => undefined }));

import { signInWithForm } from "@/lib/auth/form-sign-in";
import { requireSession, resetSessionMemory } from "@/lib/auth/session";
import { setRevocationStore, SqliteRevocationStore } from "@/lib/auth/revocations";

const ORIGIN = "http://127.0.0.1:5100";
beforeAll(() => {
  Object.assign(process.env, { IMAP_HOST: "127.0.0.1", NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: ORIGIN });
  setRevocationStore(new SqliteRevocationStore(new Database(":memory:")));
});
afterEach(() => {
  calls.length = 0;
  resetSessionMemory();
});

function post(body: string, headers: Record<string, string> = {}) {
  return new NextRequest(`${ORIGIN}/login/submit`, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, "sec-fetch-site": "same-origin", "x-forwarded-for": "198.51.100.7", ...headers },
  });
}
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe("sign-in form without JavaScript (POST /login/submit)", () => {
  it("signs in with the session next-auth would create, and redirects to the mail", async () => {
    const res = await signInWithForm(post(form({ email: "t50@example.test", password: "right-password", callbackUrl: "/mail/Sent" })));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/mail/Sent");
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^next-auth\.session-token=[^;]+;/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=lax/i);
    expect(setCookie).not.toContain("right-password");
    // The request headers reached authorize (the sign-in throttle keys on them).
    expect(calls[0]?.headers?.["x-forwarded-for"]).toBe("198.51.100.7");
    const cookie = setCookie.split(";")[0]!;
    const session = await requireSession(new NextRequest(`${ORIGIN}/api/folders`, { headers: { cookie } }));
    expect(session).toMatchObject({ email: "t50@example.test", sid: "sid-form-1", protocol: "imap", creds: { password: "right-password" } });
    expect(session.signedInAt).toBeGreaterThan(Date.now() - 10_000);
  });

  it("a refused sign-in goes back to /login with the code only: never the address or password in the URL", async () => {
    const res = await signInWithForm(post(form({ email: "t50@example.test", password: "wrong-password" })));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?error=AUTH_FAILED");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("an empty or oversized form is a bad request; an unsafe callbackUrl is dropped", async () => {
    expect((await signInWithForm(post(form({ email: "", password: "" })))).headers.get("location")).toBe("/login?error=BAD_REQUEST");
    expect((await signInWithForm(post(form({ email: "a@example.test", password: "x".repeat(20_000) })))).headers.get("location")).toBe("/login?error=BAD_REQUEST");
    const res = await signInWithForm(post(form({ email: "t50@example.test", password: "right-password", callbackUrl: "https://evil.example/" })));
    expect(res.headers.get("location")).toBe("/mail/INBOX");
  });

  it("refuses a post from another site before reading it", async () => {
    const cases: Record<string, string>[] = [{ "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }, { origin: "https://evil.example" }, { origin: "null", "sec-fetch-site": "" }, { origin: "https://evil.example", "sec-fetch-site": "same-origin" }, { origin: "null", "sec-fetch-site": "same-origin" }];
    for (const headers of cases) {
      const res = await signInWithForm(post(form({ email: "t50@example.test", password: "right-password" }), headers));
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: "CROSS_SITE_REQUEST" });
    }
    expect(calls).toHaveLength(0);
  });
  it("answers the form's script in JSON: the mail page's address with the session cookie, or the code and words in place", async () => {
    const json = { accept: "application/json" };
    const ok = await signInWithForm(post(form({ email: "t50@example.test", password: "right-password", callbackUrl: "/mail/Sent" }), json));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ url: "/mail/Sent" });
    const cookie = (ok.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect(cookie).toMatch(/^next-auth\.session-token=/);
    expect(await requireSession(new NextRequest(`${ORIGIN}/api/folders`, { headers: { cookie } }))).toMatchObject({ email: "t50@example.test" });

    const wrong = await signInWithForm(post(form({ email: "t50@example.test", password: "wrong" }), json));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ code: "AUTH_FAILED", message: "That password is not right for this email address." });
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const empty = await signInWithForm(post(form({ email: "t50@example.test" }), json));
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ code: "BAD_REQUEST" });
  });
});
