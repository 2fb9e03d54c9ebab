import "server-only";
import type { SignInThrottle } from "@/lib/auth/rate-limit";
import type { RevocationStore } from "@/lib/auth/revocations";
import type { PresenceStore } from "@/lib/presence/registry";
import type { CollabEvent } from "@/lib/realtime/collab-hub";
import type { Hub } from "@/lib/realtime/hub";
import type { HubOptions, SharedStateBackend } from "@/lib/shared-state/backend";
import { RedisConnection, type RedisConnectionOptions } from "@/lib/shared-state/redis/connection";
import { RedisHub } from "@/lib/shared-state/redis/hub";
import { RedisLocks } from "@/lib/shared-state/redis/lock";
import { RedisPresence } from "@/lib/shared-state/redis/presence";
import { RedisRevocationStore } from "@/lib/shared-state/redis/revocations";
import { RedisSignInThrottle } from "@/lib/shared-state/redis/throttle";

/** Several instances: every piece of shared state in one Redis, over one pair of connections per process. */
export class RedisBackend implements SharedStateBackend {
  readonly kind = "redis";
  readonly conn: RedisConnection;
  private readonly hubs = new Map<string, RedisHub<unknown>>();
  private presenceStore: RedisPresence | null = null;
  private locks: RedisLocks | null = null;
  private revoked: RedisRevocationStore | null = null;
  private signIn: RedisSignInThrottle | null = null;

  constructor(opts: RedisConnectionOptions) {
    this.conn = new RedisConnection(opts);
  }

  hub<E>(name: string, opts?: HubOptions<E>): Hub<E> {
    let h = this.hubs.get(name);
    if (!h) this.hubs.set(name, (h = new RedisHub<unknown>(this.conn, name, opts as HubOptions<unknown>)));
    return h as RedisHub<E>;
  }
  presence(announce: Hub<CollabEvent>): PresenceStore {
    return (this.presenceStore ??= new RedisPresence(this.conn, announce));
  }
  mutex(): RedisLocks {
    return (this.locks ??= new RedisLocks(this.conn));
  }
  revocations(): RevocationStore {
    return (this.revoked ??= new RedisRevocationStore(this.conn));
  }
  throttle(): SignInThrottle {
    return (this.signIn ??= new RedisSignInThrottle(this.conn));
  }
  leaseLocks(): RedisLocks {
    return this.mutex();
  }
  async close(): Promise<void> {
    this.presenceStore?.close();
    await this.conn.close();
  }
}
