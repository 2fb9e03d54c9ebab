import { afterEach, describe, expect, it } from "vitest";
import { redisEnv } from "@/lib/env";
import { KeyedMutex } from "@/lib/mail/keyed-mutex";
import { PresenceRegistry, presenceRegistry } from "@/lib/presence/registry";
import { collabHub } from "@/lib/realtime/collab-hub";
import { hub, MemoryHub } from "@/lib/realtime/hub";
import { closeSharedState, createBackend, setSharedState, sharedState } from "@/lib/shared-state/state";
import type { SharedStateBackend } from "@/lib/shared-state/backend";
import { RedisBackend } from "@/lib/shared-state/redis/backend";
import { RedisHub } from "@/lib/shared-state/redis/hub";
import { RedisLocks } from "@/lib/shared-state/redis/lock";
import { RedisRevocationStore } from "@/lib/shared-state/redis/revocations";
import { RedisSignInThrottle } from "@/lib/shared-state/redis/throttle";
import { revocationStore, setRevocationStore } from "@/lib/auth/revocations";

afterEach(() => setSharedState(null));

describe("shared-state backend choice", () => {
  it("without REDIS_URL everything stays in this process (today's implementations)", () => {
    expect(redisEnv({}).REDIS_URL).toBeUndefined();
    const saved = process.env.REDIS_URL;
    delete process.env.REDIS_URL;
    try {
      setSharedState(null);
      expect(sharedState().kind).toBe("memory");
      expect(hub()).toBeInstanceOf(MemoryHub);
      expect(collabHub()).toBeInstanceOf(MemoryHub);
      expect(hub()).not.toBe(collabHub());
      expect(presenceRegistry()).toBeInstanceOf(PresenceRegistry);
      expect(sharedState().mutex()).toBeInstanceOf(KeyedMutex);
      expect(sharedState().revocations()).toBeNull(); // SQLite in MAILROOM_DATA_DIR
      expect(sharedState().leaseLocks()).toBeNull(); // the POP3 cache database's lock
    } finally {
      if (saved !== undefined) process.env.REDIS_URL = saved;
    }
  });

  it("with REDIS_URL every getter goes through Redis (no connection is made until used)", async () => {
    const backend = createBackend({ REDIS_URL: "redis://127.0.0.1:1", REDIS_TIMEOUT_MS: 200 });
    expect(backend).toBeInstanceOf(RedisBackend);
    setSharedState(backend);
    expect(hub()).toBeInstanceOf(RedisHub);
    expect(collabHub()).toBeInstanceOf(RedisHub);
    expect(presenceRegistry()).not.toBeInstanceOf(PresenceRegistry);
    expect(sharedState().mutex()).toBeInstanceOf(RedisLocks);
    expect(sharedState().leaseLocks()).toBeInstanceOf(RedisLocks);
    expect(sharedState().throttle()).toBeInstanceOf(RedisSignInThrottle);
    setRevocationStore(null);
    expect(revocationStore()).toBeInstanceOf(RedisRevocationStore);
    setRevocationStore(null);
    await backend.close();
  });

  it("shutdown closes the backend's connections and forgets it", async () => {
    let closed = 0;
    const fake = { kind: "fake", close: async () => void closed++ } as unknown as SharedStateBackend;
    setSharedState(fake);
    await closeSharedState();
    expect(closed).toBe(1);
    await closeSharedState(); // nothing left to close
    expect(closed).toBe(1);
  });

  it("refuses to start on a malformed REDIS_URL, with a message that says what is wrong", () => {
    for (const bad of ["localhost:6379", "http://127.0.0.1:6379", "redis://", "redis://h:6379/x/y"]) {
      expect(() => redisEnv({ REDIS_URL: bad }), bad).toThrow(/REDIS_URL: must look like redis:\/\/host:6379/);
    }
    expect(redisEnv({ REDIS_URL: "redis://127.0.0.1:6379" }).REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(redisEnv({ REDIS_URL: "rediss://u:p@redis.internal:6380/2" }).REDIS_URL).toBe("rediss://u:p@redis.internal:6380/2");
    expect(redisEnv({ REDIS_URL: "" }).REDIS_URL).toBeUndefined();
  });
});
