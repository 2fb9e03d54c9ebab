import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/env", () => ({
  env: () => ({ TRUST_PROXY: 0, MAIL_DOMAINS: [], NEXTAUTH_SECRET: "unit-test-secret-0123456789abcdef0123" }),
  redisEnv: () => ({ REDIS_TIMEOUT_MS: 2_000 }),
}));
const { checkPassword } = await import("@/lib/auth/check-password");
const { setSharedState } = await import("@/lib/shared-state/state");
const { RedisBackend } = await import("@/lib/shared-state/redis/backend");
const { SIGN_IN_MESSAGES } = await import("@/lib/shared/error-codes");

afterEach(() => setSharedState(null));

describe("sign-in when the shared throttle (Redis) is unreachable", () => {
  it("refuses with SHARED_STATE_UNAVAILABLE, which the sign-in page words, instead of letting guesses through unthrottled", async () => {
    // Nothing listens on port 1: every Redis call fails within the deadline.
    const backend = new RedisBackend({ url: "redis://127.0.0.1:1", timeoutMs: 200 });
    setSharedState(backend);
    const t0 = Date.now();
    await expect(checkPassword("imap", "t177@example.test", "test-pass", { "x-mailroom-peer": "10.0.0.1" })).rejects.toThrow("SHARED_STATE_UNAVAILABLE");
    expect(Date.now() - t0).toBeLessThan(1_500);
    expect(SIGN_IN_MESSAGES.SHARED_STATE_UNAVAILABLE).toMatch(/shared state \(Redis\)/);
    await backend.close();
  });
});
