import "server-only";
import type { Hub } from "@/lib/realtime/hub";
import { collabTopic, type CollabEvent } from "@/lib/realtime/collab-hub";
import { EXPIRE_MS, MAX_CLIENTS_PER_PERSON, beatChanges, presenceSnapshot, sweepEveryMs, type Beat, type PresenceEntry as Entry, type PresenceStore } from "@/lib/presence/registry";
import type { RedisConnection } from "@/lib/shared-state/redis/connection";
import type { PresencePerson } from "@/lib/shared/collab-types";


// Removes the entries of a scope not seen since ARGV[1], atomically (a beat racing the sweep either
// lands before, and survives, or after, and re-creates its entry): returns the removed fields.
const EXPIRE = `local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if #gone > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
  redis.call('HDEL', KEYS[2], unpack(gone))
end
return gone`;

/**
 * The presence table in Redis, for several instances (same behaviour as PresenceRegistry):
 *   presence:entries:<scope>  hash  "person|client" → entry (JSON)
 *   presence:seen:<scope>     zset  "person|client" → last heartbeat (ms)
 *   presence:clients:<person> zset  client → last heartbeat; presence:where:<person> hash client → scope
 *   presence:scopes           zset  scope → last change (what the sweepers look at)
 *   presence:version          counter of changes
 * Every key expires on its own when nobody writes it (2 × EXPIRE_MS), so a crashed instance leaves
 * nothing behind. Changes are announced on the collab hub, which crosses instances too.
 */
export class RedisPresence implements PresenceStore {
  private sweeper: NodeJS.Timeout | null = null;
  private readonly keyTtl: number;

  constructor(
    private readonly conn: RedisConnection,
    private readonly hub: Hub<CollabEvent>,
    private readonly now: () => number = Date.now,
    private readonly expireMs: number = EXPIRE_MS,
  ) {
    this.keyTtl = expireMs * 2;
  }

  private k = {
    entries: (scope: string) => this.conn.key("presence", "entries", scope),
    seen: (scope: string) => this.conn.key("presence", "seen", scope),
    clients: (person: string) => this.conn.key("presence", "clients", person),
    where: (person: string) => this.conn.key("presence", "where", person),
    scopes: () => this.conn.key("presence", "scopes"),
    version: () => this.conn.key("presence", "version"),
  };

  async beat(b: Beat): Promise<void> {
    this.ensureSweeper();
    await this.expire(b.scope);
    const field = `${b.person}|${b.client}`;
    if (b.activity !== null) await this.track(b.person, b.client, b.scope);
    const raw = await this.conn.run((c) => c.hGet(this.k.entries(b.scope), field));
    const prev = raw ? (JSON.parse(raw) as Entry) : null;
    let changed = false;
    if (b.activity === null) {
      if (prev && prev.uid === b.uid) {
        changed = await this.remove(b.scope, field);
        await this.untrack(b.person, b.client, b.scope);
      }
    } else {
      changed = beatChanges(prev, b);
      const entry: Entry = { person: b.person, client: b.client, name: b.name, folder: b.folder, uid: b.uid, activity: b.activity };
      const t = this.now();
      await this.conn.run((c) =>
        c
          .multi()
          .hSet(this.k.entries(b.scope), field, JSON.stringify(entry))
          .zAdd(this.k.seen(b.scope), { score: t, value: field })
          .zAdd(this.k.scopes(), { score: t, value: b.scope })
          .pExpire(this.k.entries(b.scope), this.keyTtl)
          .pExpire(this.k.seen(b.scope), this.keyTtl)
          .pExpire(this.k.scopes(), this.keyTtl)
          .exec(),
      );
    }
    if (changed) await this.announce(b.scope);
  }

  async snapshot(scope: string, exceptPerson?: string): Promise<PresencePerson[]> {
    this.ensureSweeper();
    await this.expire(scope);
    const values = await this.conn.run((c) => c.hVals(this.k.entries(scope)));
    return presenceSnapshot(values.map((raw) => JSON.parse(raw) as Entry), exceptPerson);
  }

  async version(): Promise<number> {
    return Number((await this.conn.run((c) => c.get(this.k.version()))) ?? 0);
  }

  async forget(person: string): Promise<void> {
    const where = await this.conn.run((c) => c.hGetAll(this.k.where(person)));
    for (const [client, scope] of Object.entries(where)) if (await this.remove(scope, `${person}|${client}`)) await this.announce(scope);
    await this.conn.run((c) => c.del([this.k.clients(person), this.k.where(person)]));
  }

  /** Client ids held for a person (tests). */
  clientCount(person: string): Promise<number> {
    return this.conn.run((c) => c.zCard(this.k.clients(person)));
  }

  /** Removes expired entries of one scope (or of every scope with recent presence), announcing the scopes that changed. */
  async expire(scope?: string): Promise<void> {
    const cutoff = this.now() - this.expireMs;
    const scopes = scope !== undefined ? [scope] : await this.conn.run((c) => c.zRangeByScore(this.k.scopes(), cutoff - this.expireMs, "+inf"));
    for (const s of scopes) {
      const gone = (await this.conn.run((c) => c.eval(EXPIRE, { keys: [this.k.seen(s), this.k.entries(s)], arguments: [String(cutoff)] }))) as string[];
      for (const field of gone) {
        const [person, client] = splitField(field);
        await this.untrack(person, client, s);
      }
      if (gone.length) await this.announce(s);
    }
    if (scope === undefined) await this.conn.run((c) => c.zRemRangeByScore(this.k.scopes(), "-inf", cutoff - this.expireMs));
  }

  /** Counts `client` as the person's most recent one in `scope`: drops its entry elsewhere and the oldest past the cap. */
  private async track(person: string, client: string, scope: string): Promise<void> {
    const was = await this.conn.run((c) => c.hGet(this.k.where(person), client));
    await this.conn.run((c) =>
      c
        .multi()
        .zAdd(this.k.clients(person), { score: this.now(), value: client })
        .hSet(this.k.where(person), client, scope)
        .pExpire(this.k.clients(person), this.keyTtl)
        .pExpire(this.k.where(person), this.keyTtl)
        .exec(),
    );
    if (was && was !== scope && (await this.remove(was, `${person}|${client}`))) await this.announce(was);
    const count = await this.conn.run((c) => c.zCard(this.k.clients(person)));
    if (count <= MAX_CLIENTS_PER_PERSON) return;
    const oldest = await this.conn.run((c) => c.zRange(this.k.clients(person), 0, count - MAX_CLIENTS_PER_PERSON - 1));
    for (const old of oldest) {
      const where = await this.conn.run((c) => c.hGet(this.k.where(person), old));
      await this.conn.run((c) => c.multi().zRem(this.k.clients(person), old).hDel(this.k.where(person), old).exec());
      if (where && (await this.remove(where, `${person}|${old}`))) await this.announce(where);
    }
  }

  private async untrack(person: string, client: string, scope: string): Promise<void> {
    const where = await this.conn.run((c) => c.hGet(this.k.where(person), client));
    if (where !== scope) return;
    await this.conn.run((c) => c.multi().zRem(this.k.clients(person), client).hDel(this.k.where(person), client).exec());
  }

  /** Removes one entry; true if it was there. */
  private async remove(scope: string, field: string): Promise<boolean> {
    const [n] = await this.conn.run((c) => c.multi().hDel(this.k.entries(scope), field).zRem(this.k.seen(scope), field).exec());
    return Number(n) > 0;
  }

  private async announce(scope: string): Promise<void> {
    await this.conn.run((c) => c.incr(this.k.version()));
    this.hub.publish(collabTopic(scope), { type: "presence" });
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  // Expiry must be announced even when nobody beats: a tab (or a whole instance) that vanished must
  // drop off the others' screens. Every instance that serves presence sweeps; the atomic EXPIRE
  // script makes sure only one of them announces each removal.
  private ensureSweeper(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      this.expire().catch(() => {}); // Redis away: the next sweep catches up
    }, sweepEveryMs(this.expireMs));
    this.sweeper.unref?.();
  }
}

function splitField(field: string): [string, string] {
  const i = field.lastIndexOf("|");
  return [field.slice(0, i), field.slice(i + 1)];
}
