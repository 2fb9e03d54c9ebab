import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { MailSession } from "@/lib/auth/session";

// The real wrapper and guard; the session and the store are fakes that count their calls.
const fake = vi.hoisted(() => ({ sessions: 0, handled: 0 }));
vi.mock("@/lib/auth/session", () => ({
  requireSession: async (): Promise<MailSession> => {
    fake.sessions++;
    return { email: "t58@example.test", name: "t58", sid: "sid", protocol: "imap", creds: { user: "t58@example.test", password: "pw" } };
  },
}));
vi.mock("@/lib/mail/store-for", () => ({ storeFor: () => ({}) }));
vi.mock("@/lib/env", () => ({ env: () => ({ NEXTAUTH_URL: "https://mail.example.test" }) }));

const { withStore } = await import("@/lib/api/with-store");
const route = withStore(async () => {
  fake.handled++;
  return new Response("{}", { status: 200 });
});
const noBody = withStore(async () => {
  fake.handled++;
  return new Response("{}", { status: 200 });
}, { body: "none" });

const call = async (handler: typeof route, method: string, headers: Record<string, string>, body?: string) => {
  const res = await handler(new NextRequest("https://mail.example.test/api/x", { method, headers, body }), { params: Promise.resolve({}) });
  return { status: res.status, body: await res.json() };
};

beforeEach(() => {
  fake.sessions = 0;
  fake.handled = 0;
});

describe("withStore's request guard", () => {
  it("refuses a cross-site state change before the session is read or the handler runs", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = await call(route, method, { origin: "https://evil.example", "content-type": "application/json" }, "{}");
      expect(res).toEqual({ status: 403, body: { code: "CROSS_SITE_REQUEST", message: expect.stringContaining("another site") } });
    }
    expect(await call(route, "POST", { "sec-fetch-site": "cross-site", "content-type": "application/json" }, "{}")).toMatchObject({ status: 403 });
    expect(fake.sessions).toBe(0);
    expect(fake.handled).toBe(0);
  });

  it("refuses a JSON route's non-JSON body with 415, and a body on a route that takes none", async () => {
    expect(await call(route, "POST", { "content-type": "text/plain" }, "{}")).toMatchObject({ status: 415, body: { code: "UNSUPPORTED_MEDIA_TYPE" } });
    expect(await call(noBody, "POST", { "content-type": "application/x-www-form-urlencoded" }, "a=1")).toMatchObject({ status: 415 });
    expect(fake.handled).toBe(0);
  });

  it("lets the app's own requests through, and GETs from anywhere (they change nothing)", async () => {
    expect((await call(route, "POST", { origin: "https://mail.example.test", "sec-fetch-site": "same-origin", "content-type": "application/json" }, "{}")).status).toBe(200);
    expect((await call(noBody, "DELETE", { origin: "https://mail.example.test" })).status).toBe(200);
    expect((await call(route, "GET", { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(200);
    expect(fake.handled).toBe(3);
  });
});
