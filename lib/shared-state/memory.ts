import "server-only";
import { createSignInThrottle, type SignInThrottle } from "@/lib/auth/rate-limit";
import { KeyedMutex } from "@/lib/mail/keyed-mutex";
import { PresenceRegistry, type PresenceStore } from "@/lib/presence/registry";
import { MemoryHub, type Hub } from "@/lib/realtime/hub";
import type { CollabEvent } from "@/lib/realtime/collab-hub";
import type { SharedStateBackend } from "@/lib/shared-state/backend";

/** One instance: today's in-process implementations. Revocations and the POP3 sync lock use the data directory's SQLite. */
export class MemoryBackend implements SharedStateBackend {
  readonly kind = "memory";
  private readonly hubs = new Map<string, Hub<unknown>>();
  private registry: PresenceRegistry | null = null;
  private readonly moves = new KeyedMutex();
  private signIn: SignInThrottle | null = null;

  hub<E>(name: string): Hub<E> {
    let h = this.hubs.get(name);
    if (!h) this.hubs.set(name, (h = new MemoryHub<unknown>()));
    return h as Hub<E>;
  }
  presence(announce: Hub<CollabEvent>): PresenceStore {
    return (this.registry ??= new PresenceRegistry(announce));
  }
  mutex(): KeyedMutex {
    return this.moves;
  }
  revocations(): null {
    return null;
  }
  throttle(): SignInThrottle {
    return (this.signIn ??= createSignInThrottle());
  }
  leaseLocks(): null {
    return null;
  }
  async close(): Promise<void> {
    this.registry?.close();
  }
}
