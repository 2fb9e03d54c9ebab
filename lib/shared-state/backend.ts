import "server-only";
import type { SignInThrottle } from "@/lib/auth/rate-limit";
import type { RevocationStore } from "@/lib/auth/revocations";
import type { Hub } from "@/lib/realtime/hub";
import type { CollabEvent } from "@/lib/realtime/collab-hub";
import type { PresenceStore } from "@/lib/presence/registry";

/** How a hub's events cross instances; ignored by the in-process backend. */
export interface HubOptions<E> {
  /** Events that concern this instance only (e.g. its own watcher's state): never sent to others. */
  localOnly?: (event: E) => boolean;
  /**
   * Identifies an event that several instances report independently (each watches the same mailbox):
   * the same fingerprint within a few seconds is delivered once. null: always deliver.
   */
  fingerprint?: (event: E) => string | null;
}

/** Runs jobs with the same key one after another (across every instance that shares the backend). */
export interface Mutex {
  run<T>(key: string, job: () => Promise<T>): Promise<T>;
}

/** A lease on a named lock: held until released, renewed by its holder, lost if the holder stalls past its TTL. */
export interface Lease {
  /** Whether a renewal found the lock taken over. */
  readonly lost: boolean;
  release(): Promise<void>;
}

/** Named locks with a time to live, for work that must run once across instances (the POP3 sync). */
export interface LeaseLocks {
  /** Takes `name`, waiting up to waitMs; null when someone else still holds it then. */
  take(
    name: string,
    opts: {
      ttlMs: number;
      waitMs: number;
      heartbeatMs: number;
      /** The holder's identity (default: random). */
      token?: string;
      /** Whether a holder's token names a holder known to be dead: its lock is cleared at once. */
      isStale?: (holder: string) => boolean;
    },
  ): Promise<Lease | null>;
}

/**
 * Everything Mailroom instances must agree on, behind one interface per piece. `memory` serves one
 * instance from this process; `redis` lets several share it. A new backend implements this interface
 * and gets a line in lib/shared-state/state.ts.
 */
export interface SharedStateBackend {
  readonly kind: string;
  /** A pub/sub hub; the same name gives the same hub (options apply from its first use). */
  hub<E>(name: string, opts?: HubOptions<E>): Hub<E>;
  /** Who is on which message; announces changes on `announce`. */
  presence(announce: Hub<CollabEvent>): PresenceStore;
  /** The move/delete guard (lib/imap/imap-store.ts). */
  mutex(): Mutex;
  /** Ended sessions; null: the embedded default (SQLite in MAILROOM_DATA_DIR). */
  revocations(): RevocationStore | null;
  /** The sign-in throttle's counters. */
  throttle(): SignInThrottle;
  /** Locks for the POP3 sync; null: the cache database's own lock (one machine, pid-checked). */
  leaseLocks(): LeaseLocks | null;
  close(): Promise<void>;
}
