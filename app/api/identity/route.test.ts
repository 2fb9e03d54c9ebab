import net from "node:net";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { MailSession } from "@/lib/auth/session";
import { PgDb } from "@/lib/db/pg";
import { PgIdentityStore, setIdentityStore } from "@/lib/settings/identity-store";
import { TEST_PG_URL, dropTestSchemas, freshPg } from "@/test/pg";

// The real route, wrapper and PostgreSQL store; only the session is a fake.
vi.mock("@/lib/auth/session", () => ({
  requireSession: async (): Promise<MailSession> => ({ email: "t193@example.test", name: "t193", sid: "sid", protocol: "imap", creds: { user: "t193@example.test", password: "pw" } }),
}));
vi.mock("@/lib/mail/store-for", () => ({ storeFor: () => ({}) }));
vi.mock("@/lib/env", () => ({ env: () => ({ NEXTAUTH_URL: "https://mail.example.test" }) }));

const { GET, PUT } = await import("@/app/api/identity/route");
const ctx = { params: Promise.resolve({}) };
const get = async () => {
  const res = await GET(new NextRequest("https://mail.example.test/api/identity"), ctx);
  return { status: res.status, body: await res.json() };
};
const put = async (fromName: string) => {
  const res = await PUT(
    new NextRequest("https://mail.example.test/api/identity", { method: "PUT", headers: { origin: "https://mail.example.test", "content-type": "application/json" }, body: JSON.stringify({ fromName }) }),
    ctx,
  );
  return { status: res.status, body: await res.json() };
};

afterEach(async () => {
  setIdentityStore(null);
  await dropTestSchemas();
});

describe("/api/identity on PostgreSQL", () => {
  it("a database that is down answers JSON 503 DATABASE_UNAVAILABLE, not a crash or a 500", async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const down = new PgDb({ url: `postgres://mailroom:x@127.0.0.1:${port}/mailroom`, timeoutMs: 500 });
    setIdentityStore(new PgIdentityStore(down));
    try {
      for (const res of [await get(), await put("Tess")]) {
        expect(res).toEqual({ status: 503, body: { code: "DATABASE_UNAVAILABLE", message: expect.stringContaining("Nothing was changed") } });
      }
    } finally {
      await down.close();
    }
  });

  it.runIf(!!TEST_PG_URL)("saves and reads the From name through the route", async () => {
    setIdentityStore(new PgIdentityStore(freshPg()));
    expect(await put("Tess Support")).toEqual({ status: 200, body: { fromName: "Tess Support", email: "t193@example.test" } });
    expect(await get()).toEqual({ status: 200, body: { fromName: "Tess Support", email: "t193@example.test" } });
  });
});
