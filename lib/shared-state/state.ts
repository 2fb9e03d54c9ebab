import "server-only";
import { redisEnv } from "@/lib/env";
import type { SharedStateBackend } from "@/lib/shared-state/backend";
import { MemoryBackend } from "@/lib/shared-state/memory";
import { RedisBackend } from "@/lib/shared-state/redis/backend";

const slot = ((globalThis as Record<string, unknown>).__mailroomSharedState ??= { backend: null }) as { backend: SharedStateBackend | null };

/** Picks the backend from the environment: Redis when REDIS_URL is set, else this process's memory. */
export function createBackend(e: { REDIS_URL?: string; REDIS_TIMEOUT_MS: number }): SharedStateBackend {
  if (e.REDIS_URL) return new RedisBackend({ url: e.REDIS_URL, timeoutMs: e.REDIS_TIMEOUT_MS });
  return new MemoryBackend();
}

/**
 * The process's shared state; on globalThis so that dev hot-reload keeps one (and one set of Redis
 * connections). Every getter of shared state (hub(), collabHub(), presenceRegistry()…) goes through it.
 */
export function sharedState(): SharedStateBackend {
  return (slot.backend ??= createBackend(redisEnv()));
}

/** Tests: install a backend (null: back to the environment's choice on next use). */
export function setSharedState(backend: SharedStateBackend | null): void {
  slot.backend = backend;
}

/** Shutdown: closes the backend's connections, if one was ever made. */
export async function closeSharedState(): Promise<void> {
  const b = slot.backend;
  slot.backend = null;
  await b?.close();
}
