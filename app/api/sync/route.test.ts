import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { MailroomError } from "@/lib/errors";
import type { MailSession } from "@/lib/auth/session";
import type { SyncStatus } from "@/lib/shared/types";

// The route with the real wrapper (session → store → JSON errors) and the real sync runner; only the
// session cookie, the POP3 sync itself, the cache and the IMAP pool are fakes.
const fake = vi.hoisted(() => ({ session: null as MailSession | null, sync: null as unknown as ReturnType<typeof import("@/lib/pop3/testing/fake-sync").createFakeSync> }));

vi.mock("@/lib/auth/session", () => ({
  requireSession: async () => {
    if (!fake.session) throw new MailroomError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
    return fake.session;
  },
}));
vi.mock("@/lib/pop3/sync", () => ({ syncPop3Account: (...args: Parameters<typeof fake.sync.syncPop3Account>) => fake.sync.syncPop3Account(...args) }));
vi.mock("@/lib/pop3/index-pending", () => ({ indexPending: async () => 0 }));
vi.mock("@/lib/imap/pool", () => ({ poolFor: () => ({ sessions: new Set() }) }));
vi.mock("@/lib/cache/open-cache", () => ({ openCache: () => ({ store: { getSettings: async () => null } }) }));

const { GET, POST } = await import("@/app/api/sync/route");
const { createFakeSync } = await import("@/lib/pop3/testing/fake-sync");
const { stopSyncing } = await import("@/lib/pop3/sync-runner");

const req = (method: "GET" | "POST") => new NextRequest("http://127.0.0.1/api/sync", { method });
const call = async (method: "GET" | "POST") => {
  const res = await (method === "GET" ? GET : POST)(req(method), { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as SyncStatus & { code?: string; message?: string } };
};
const pop3 = (email: string): MailSession => ({ email, name: email, sid: `sid-${email}`, protocol: "pop3", creds: { user: email, password: "pw" } });

beforeEach(() => {
  fake.sync = createFakeSync();
  fake.session = null;
});

describe("/api/sync", () => {
  it("without a session: 401 with the JSON error contract, and no sync", async () => {
    for (const m of ["GET", "POST"] as const) {
      expect(await call(m)).toEqual({ status: 401, body: { code: "UNAUTHENTICATED", message: expect.any(String) } });
    }
    expect(fake.sync.runs).toHaveLength(0);
  });

  it("POST starts one sync and returns its status; GET follows its progress; a second POST joins the running one", async () => {
    fake.session = pop3("t39@example.test");
    expect(await call("GET")).toMatchObject({ status: 200, body: { state: "idle", startedAt: null } });
    const started = await call("POST");
    expect(started).toMatchObject({ status: 200, body: { state: "running", done: 0, error: null } });
    expect(Date.parse(started.body.startedAt!)).not.toBeNaN();
    expect(fake.sync.runs).toHaveLength(1);
    expect(fake.sync.runs[0]!.creds).toEqual({ user: "t39@example.test", password: "pw" });

    fake.sync.runs[0]!.progress({ done: 3, total: 10, bytes: 4096 });
    expect((await call("GET")).body).toMatchObject({ state: "running", done: 3, total: 10, bytes: 4096 });
    expect((await call("POST")).body).toMatchObject({ state: "running", done: 3 }); // whoever asks: the same run
    expect(fake.sync.runs).toHaveLength(1);

    fake.sync.runs[0]!.progress({ done: 10, total: 10, bytes: 9000 });
    fake.sync.runs[0]!.finish({ fetched: 10 });
    await vi.waitFor(async () => expect((await call("GET")).body.state).toBe("idle"));
    const done = (await call("GET")).body;
    expect(done).toMatchObject({ done: 10, total: 10, error: null });
    expect(Date.parse(done.finishedAt!)).not.toBeNaN();
    stopSyncing("t39@example.test");
  });

  it("a failed sync shows in the status as { code, message }; an unexpected failure as INTERNAL, never its text", async () => {
    fake.session = pop3("t40@example.test");
    await call("POST");
    fake.sync.runs[0]!.fail(new MailroomError("SYNC_ALREADY_RUNNING", "This account is already being synced."));
    await vi.waitFor(async () => expect((await call("GET")).body.state).toBe("error"));
    expect((await call("GET")).body.error).toEqual({ code: "SYNC_ALREADY_RUNNING", message: "This account is already being synced." });

    await call("POST"); // a new run clears the old error
    expect((await call("GET")).body).toMatchObject({ state: "running", error: null });
    fake.sync.runs[1]!.fail(new Error("ENOSPC: secret /internal/path"));
    await vi.waitFor(async () => expect((await call("GET")).body.state).toBe("error"));
    const body = (await call("GET")).body;
    expect(body.error?.code).toBe("INTERNAL");
    expect(JSON.stringify(body)).not.toContain("/internal/path");
    stopSyncing("t40@example.test");
  });

  it("an IMAP session has nothing to sync: idle, and no POP3 sync starts", async () => {
    fake.session = { ...pop3("t38@example.test"), protocol: "imap" };
    expect(await call("POST")).toMatchObject({ status: 200, body: { state: "idle", startedAt: null } });
    expect(fake.sync.runs).toHaveLength(0);
  });
});
