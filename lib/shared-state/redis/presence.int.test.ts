import { afterEach, describe, expect, it } from "vitest";
import { MAX_CLIENTS_PER_PERSON } from "@/lib/presence/registry";
import { collabTopic, type CollabEvent } from "@/lib/realtime/collab-hub";
import type { RedisHub } from "@/lib/shared-state/redis/hub";
import { RedisPresence } from "@/lib/shared-state/redis/presence";
import { eventually, twoInstances } from "@/lib/shared-state/redis/testing/two-instances";

let env: ReturnType<typeof twoInstances> | null = null;
const stores: RedisPresence[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) s.close();
  await env?.close();
  env = null;
});

const scope = "imap|team@example.test|INBOX";
const beat = (person: string, name: string, uid: number, activity: "viewing" | "replying" | null, client = "c1") => ({ scope, folder: "INBOX", uid, person, client, name, activity });

function setup(expireMs = 30_000) {
  env = twoInstances(process.env.TEST_REDIS_URL);
  const hubA = env.a.hub<CollabEvent>("collab") as RedisHub<CollabEvent>;
  const hubB = env.b.hub<CollabEvent>("collab") as RedisHub<CollabEvent>;
  const a = new RedisPresence(env.a.conn, hubA, Date.now, expireMs);
  const b = new RedisPresence(env.b.conn, hubB, Date.now, expireMs);
  stores.push(a, b);
  return { a, b, hubA, hubB };
}

describe("RedisPresence (real Redis, two instances)", () => {
  it("presence from instance A is visible in B, and B's subscribers are told of the change", async () => {
    const { a, b, hubB } = setup();
    const told: CollabEvent[] = [];
    hubB.subscribe(collabTopic(scope), (e) => told.push(e));
    await hubB.settled(collabTopic(scope));
    const v0 = await b.version();
    await a.beat(beat("p-ana", "Ana", 7, "viewing"));
    await b.beat(beat("p-ben", "Ben", 7, "replying"));
    expect(await b.snapshot(scope, "p-ben")).toEqual([{ id: "p-ana", uid: 7, name: "Ana", activity: "viewing" }]);
    expect(await a.snapshot(scope, "p-ana")).toEqual([{ id: "p-ben", uid: 7, name: "Ben", activity: "replying" }]);
    expect(await a.version()).toBeGreaterThanOrEqual(v0 + 2);
    await eventually(() => told.length >= 2); // A's change arrived over Redis, B's locally
    // Leaving on A is seen on B.
    await a.beat(beat("p-ana", "Ana", 7, null));
    expect(await b.snapshot(scope, "p-ben")).toEqual([]);
  });

  it("an entry not repeated expires, and the other instance is told without anyone beating", async () => {
    const { a, b, hubB } = setup(600);
    const told: CollabEvent[] = [];
    await a.beat(beat("p-ana", "Ana", 9, "viewing"));
    expect((await b.snapshot(scope)).map((p) => p.name)).toEqual(["Ana"]);
    hubB.subscribe(collabTopic(scope), (e) => told.push(e));
    await hubB.settled(collabTopic(scope));
    // Nobody beats again: a sweeper (A's or B's) removes the entry and announces it across instances.
    await eventually(() => told.length >= 1, 3_000);
    expect(await b.snapshot(scope)).toEqual([]);
    // Ana beating again comes back.
    await a.beat(beat("p-ana", "Ana", 9, "viewing"));
    expect((await b.snapshot(scope)).map((p) => p.name)).toEqual(["Ana"]);
  });

  it("keeps the per-person client cap across instances, and forget() on one clears the person everywhere", async () => {
    const { a, b } = setup();
    for (let i = 0; i < MAX_CLIENTS_PER_PERSON + 3; i++) await (i % 2 ? a : b).beat(beat("p-ana", "Ana", 100 + i, "viewing", `tab${i}`));
    expect(await a.clientCount("p-ana")).toBe(MAX_CLIENTS_PER_PERSON);
    const uids = (await b.snapshot(scope)).map((p) => p.uid);
    expect(uids).toHaveLength(MAX_CLIENTS_PER_PERSON);
    expect(uids).not.toContain(100); // the least recently seen went first
    await b.forget("p-ana");
    expect(await a.snapshot(scope)).toEqual([]);
    expect(await a.clientCount("p-ana")).toBe(0);
  });
});
