import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { errorResponse } from "@/lib/api/respond";
import { RedisBackend } from "@/lib/shared-state/redis/backend";
import type { RedisHub } from "@/lib/shared-state/redis/hub";
import { eventually } from "@/lib/shared-state/redis/testing/two-instances";

// Its own redis-server (not the suite's), because this test stops it.
const port = Number(process.env.TEST_REDIS_FAULT_PORT ?? 2380);
const dir = mkdtempSync(path.join(tmpdir(), "mailroom-redis-fault-"));
let server: ChildProcess | null = null;

async function startRedis(): Promise<void> {
  server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
  const probe = new RedisBackend({ url: `redis://127.0.0.1:${port}`, timeoutMs: 200 });
  try {
    await eventually(async () => (await probe.conn.run((c) => c.ping()).catch(() => "")) === "PONG", 5_000);
  } finally {
    await probe.close();
  }
}

async function stopRedis(): Promise<void> {
  const s = server;
  server = null;
  if (!s || s.exitCode !== null) return;
  await new Promise<void>((r) => {
    s.once("exit", () => r());
    s.kill("SIGKILL");
  });
}

afterAll(async () => {
  await stopRedis();
  rmSync(dir, { recursive: true, force: true });
});

describe("Redis going away and coming back", () => {
  it("calls fail fast with SHARED_STATE_UNAVAILABLE (JSON 503), then the instance heals, subscriptions included", async () => {
    await startRedis();
    const url = `redis://127.0.0.1:${port}`;
    const a = new RedisBackend({ url, timeoutMs: 300, prefix: "t:" });
    const b = new RedisBackend({ url, timeoutMs: 300, prefix: "t:" });
    try {
      const hubA = a.hub<{ n: number }>("mail") as RedisHub<{ n: number }>;
      const hubB = b.hub<{ n: number }>("mail") as RedisHub<{ n: number }>;
      const got: number[] = [];
      hubB.subscribe("topic", (e) => got.push(e.n));
      await hubB.settled("topic");
      hubA.publish("topic", { n: 1 });
      await eventually(() => got.length === 1);

      await stopRedis();
      const t0 = Date.now();
      const err = await a.revocations().isSessionRevoked("sid").then(
        () => null,
        (e: unknown) => e,
      );
      expect(Date.now() - t0).toBeLessThan(1_000);
      expect(err).toMatchObject({ code: "SHARED_STATE_UNAVAILABLE" });
      const res = errorResponse(err);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ code: "SHARED_STATE_UNAVAILABLE", message: expect.stringMatching(/shared state \(Redis\)/) });
      // A publish while Redis is away does not throw at the caller (the browsers' catch-up covers it).
      expect(() => hubA.publish("topic", { n: 2 })).not.toThrow();

      await startRedis();
      await eventually(async () => (await a.revocations().isSessionRevoked("sid").catch(() => null)) === false, 5_000);
      // node-redis re-subscribed B's connection: a new publish from A reaches B again.
      await eventually(async () => {
        hubA.publish("topic", { n: 3 });
        await new Promise((r) => setTimeout(r, 100));
        return got.includes(3);
      }, 5_000);
      expect(got).not.toContain(2);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
