import "server-only";
import type { Hub } from "@/lib/realtime/hub";
import { collabHub, collabTopic, type CollabEvent } from "@/lib/realtime/collab-hub";
import { sharedState } from "@/lib/shared-state/state";
import type { PresenceActivity, PresencePerson } from "@/lib/shared/collab-types";

/*
 * Who is on which message, per presence scope (lib/presence/scope.ts): one scope is one real mailbox,
 * whatever each person's folder path for it ("Team" for its owner, "shared/owner/Team" for a
 * colleague), and UIDs are the mailbox's own, the same for everyone. Browsers repeat their
 * request every HEARTBEAT_MS; an entry not repeated for EXPIRE_MS is gone (a closed tab, a lost
 * network). Every change is announced on the collab hub as { type: "presence" }, and each
 * open event stream then sends its own filtered snapshot: the hub never carries names to sessions
 * of another scope. With REDIS_URL the table lives in Redis (lib/shared-state/redis/presence.ts)
 * behind the same methods, which callers therefore await.
 */

export const HEARTBEAT_MS = 10_000;
export const EXPIRE_MS = 30_000;
/**
 * Client ids (browser views) one session may hold at once. Ids come from the browser, so without a cap
 * one cookie could fill memory with made-up ones; past it the least recently seen id is dropped (that
 * view's next heartbeat comes back in, pushing out the next oldest).
 */
export const MAX_CLIENTS_PER_PERSON = 10;

/** One browser view on one message: what both tables (this one and the Redis one) hold per "person|client". */
export interface PresenceEntry {
  person: string;
  client: string;
  name: string;
  folder: string;
  uid: number;
  activity: PresenceActivity;
}

interface Entry extends PresenceEntry {
  lastSeen: number;
}

export interface Beat {
  scope: string;
  folder: string;
  uid: number;
  person: string;
  client: string;
  name: string;
  /** null leaves the message. */
  activity: PresenceActivity | null;
}

/** How often expiry is swept: a vanished tab drops off the others' screens at most a sixth of EXPIRE_MS late. */
export const sweepEveryMs = (expireMs: number) => Math.max(1_000, Math.floor(expireMs / 6));

/** Whether a heartbeat (not a leave) changes what others see of the entry it replaces. */
export function beatChanges(prev: PresenceEntry | null | undefined, b: Beat): boolean {
  return !(prev && prev.uid === b.uid && prev.activity === b.activity && prev.name === b.name);
}

/**
 * Everyone on messages of a mailbox, from its entries, except `exceptPerson` (the asking session). One
 * line per person and message: a person in two tabs on one message counts once, "replying" winning.
 */
export function presenceSnapshot(entries: Iterable<PresenceEntry>, exceptPerson?: string): PresencePerson[] {
  const byKey = new Map<string, PresencePerson>();
  for (const e of entries) {
    if (e.person === exceptPerson) continue;
    const k = `${e.person}|${e.uid}`;
    const prev = byKey.get(k);
    if (!prev || (prev.activity === "viewing" && e.activity === "replying")) byKey.set(k, { id: e.person, uid: e.uid, name: e.name, activity: e.activity });
  }
  return [...byKey.values()].sort((a, b) => a.uid - b.uid || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** The registry's contract, kept by the in-process table below and by the Redis one. */
export interface PresenceStore {
  beat(b: Beat): void | Promise<void>;
  snapshot(scope: string, exceptPerson?: string): PresencePerson[] | Promise<PresencePerson[]>;
  /** The change counter now (see PresenceRegistry.version). */
  version(): number | Promise<number>;
  forget(person: string): void | Promise<void>;
  close(): void;
}

export class PresenceRegistry implements PresenceStore {
  /** scope → "person|client" → entry. A tab is on one message at a time. */
  private readonly scopes = new Map<string, Map<string, Entry>>();
  /**
   * person → client → the scope its entry is in, least recently seen first. A client (one browser
   * view) has one entry in all: a heartbeat from another mailbox moves it there.
   */
  private readonly clients = new Map<string, Map<string, string>>();
  private sweeper: NodeJS.Timeout | null = null;
  /** Counts changes: a browser applies a snapshot only if it is not older than the one it shows. */
  private changes = 0;

  constructor(
    private readonly hub: Hub<CollabEvent>,
    private readonly now: () => number = Date.now,
    private readonly expireMs: number = EXPIRE_MS,
  ) {}

  /** Records a heartbeat (or a leave); announces a change of the scope's presence. */
  beat(b: Beat): void {
    this.expire(b.scope);
    const key = `${b.person}|${b.client}`;
    if (b.activity !== null) this.track(b.person, b.client, b.scope);
    let table = this.scopes.get(b.scope);
    const prev = table?.get(key);
    let changed = false;
    if (b.activity === null) {
      if (prev && prev.uid === b.uid) {
        table!.delete(key);
        this.untrack(b.person, b.client, b.scope);
        changed = true;
      }
    } else {
      if (!table) this.scopes.set(b.scope, (table = new Map()));
      changed = beatChanges(prev, b);
      table.set(key, { person: b.person, client: b.client, name: b.name, folder: b.folder, uid: b.uid, activity: b.activity, lastSeen: this.now() });
    }
    if (table && table.size === 0) this.scopes.delete(b.scope);
    if (changed) this.announce(b.scope);
    this.ensureSweeper();
  }

  /** Everyone on messages of the mailbox but `exceptPerson` (see presenceSnapshot). */
  snapshot(scope: string, exceptPerson?: string): PresencePerson[] {
    this.expire(scope);
    return presenceSnapshot(this.scopes.get(scope)?.values() ?? [], exceptPerson);
  }

  /** Counts `client` as the person's most recent one in `scope`: drops its entry elsewhere and the oldest past the cap. */
  private track(person: string, client: string, scope: string): void {
    let mine = this.clients.get(person);
    if (!mine) this.clients.set(person, (mine = new Map()));
    const was = mine.get(client);
    mine.delete(client);
    mine.set(client, scope);
    if (was !== undefined && was !== scope) this.drop(was, `${person}|${client}`);
    for (const [oldest, where] of mine) {
      if (mine.size <= MAX_CLIENTS_PER_PERSON) break;
      mine.delete(oldest);
      this.drop(where, `${person}|${oldest}`);
    }
  }

  private untrack(person: string, client: string, scope: string): void {
    const mine = this.clients.get(person);
    if (mine?.get(client) !== scope) return;
    mine.delete(client);
    if (mine.size === 0) this.clients.delete(person);
  }

  private drop(scope: string, key: string): void {
    const table = this.scopes.get(scope);
    if (!table?.delete(key)) return;
    if (table.size === 0) this.scopes.delete(scope);
    this.announce(scope);
  }

  /** Client ids held for a person (tests). */
  clientCount(person: string): number {
    return this.clients.get(person)?.size ?? 0;
  }

  /** Drops everything of a session (it signed out). */
  forget(person: string): void {
    this.clients.delete(person);
    for (const [scope, table] of this.scopes) {
      let changed = false;
      for (const [k, e] of table) if (e.person === person) (table.delete(k), (changed = true));
      if (table.size === 0) this.scopes.delete(scope);
      if (changed) this.announce(scope);
    }
  }

  /** Removes expired entries of one scope (or all), announcing the scopes that changed. */
  expire(scope?: string): void {
    const cutoff = this.now() - this.expireMs;
    const scopes = scope === undefined ? [...this.scopes.keys()] : [scope];
    for (const s of scopes) {
      const table = this.scopes.get(s);
      if (!table) continue;
      let changed = false;
      for (const [k, e] of table) {
        if (e.lastSeen >= cutoff) continue;
        table.delete(k);
        this.untrack(e.person, e.client, s);
        changed = true;
      }
      if (table.size === 0) this.scopes.delete(s);
      if (changed) this.announce(s);
    }
  }

  /** Entries held (tests, stats). */
  size(): number {
    let n = 0;
    for (const t of this.scopes.values()) n += t.size;
    return n;
  }

  /** The change counter now: send it with a snapshot taken now (answers can overtake stream events). */
  version(): number {
    return this.changes;
  }

  private announce(scope: string): void {
    this.changes++;
    this.hub.publish(collabTopic(scope), { type: "presence" });
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  // Expiry must be announced even when nobody beats: a tab that vanished must drop off the others' screens.
  private ensureSweeper(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      this.expire();
      if (this.scopes.size === 0) this.close();
    }, sweepEveryMs(this.expireMs));
    this.sweeper.unref?.();
  }
}

/** The process's presence table, from the shared-state backend (memory, or Redis with REDIS_URL). */
export function presenceRegistry(): PresenceStore {
  return sharedState().presence(collabHub());
}
