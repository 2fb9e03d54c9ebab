import { afterEach, describe, expect, it } from "vitest";
import type { RedisHub } from "@/lib/shared-state/redis/hub";
import { eventually, twoInstances } from "@/lib/shared-state/redis/testing/two-instances";
import type { MailboxEvent } from "@/lib/realtime/hub";

let env: ReturnType<typeof twoInstances> | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});

describe("RedisHub (real Redis, two instances)", () => {
  it("a publish on instance A reaches subscribers on A once and on B once", async () => {
    env = twoInstances(process.env.TEST_REDIS_URL);
    const hubA = env.a.hub<MailboxEvent>("mail") as RedisHub<MailboxEvent>;
    const hubB = env.b.hub<MailboxEvent>("mail") as RedisHub<MailboxEvent>;
    const onA: MailboxEvent[] = [];
    const onB: MailboxEvent[] = [];
    hubA.subscribe("acct|INBOX", (e) => onA.push(e));
    hubB.subscribe("acct|INBOX", (e) => onB.push(e));
    await Promise.all([hubA.settled("acct|INBOX"), hubB.settled("acct|INBOX")]);
    hubA.publish("acct|INBOX", { type: "exists", folder: "INBOX", count: 7 });
    await eventually(() => onB.length === 1);
    // Give A's own copy time to come back from Redis: it must be dropped, not delivered twice.
    await new Promise((r) => setTimeout(r, 150));
    expect(onA).toEqual([{ type: "exists", folder: "INBOX", count: 7 }]);
    expect(onB).toEqual([{ type: "exists", folder: "INBOX", count: 7 }]);
  });

  it("topics stay apart, and an instance with no subscriber left stops receiving", async () => {
    env = twoInstances(process.env.TEST_REDIS_URL);
    const hubA = env.a.hub<MailboxEvent>("mail") as RedisHub<MailboxEvent>;
    const hubB = env.b.hub<MailboxEvent>("mail") as RedisHub<MailboxEvent>;
    const collabB = env.b.hub<MailboxEvent>("collab") as RedisHub<MailboxEvent>;
    const got: string[] = [];
    const off = hubB.subscribe("t1", () => got.push("t1"));
    hubB.subscribe("t2", () => got.push("t2"));
    collabB.subscribe("t1", () => got.push("collab-t1"));
    await Promise.all([hubB.settled("t1"), hubB.settled("t2"), collabB.settled("t1")]);
    hubA.publish("t1", { type: "synced", folder: "x" });
    await eventually(() => got.length === 1);
    off();
    await hubB.settled("t1");
    expect(hubB.subscriberCount("t1")).toBe(0);
    hubA.publish("t1", { type: "synced", folder: "x" });
    hubA.publish("t2", { type: "synced", folder: "x" });
    await eventually(() => got.length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual(["t1", "t2"]);
  });

  it("the mail hub: a change both instances' watchers report is delivered once; 'unwatched' stays on its instance", async () => {
    env = twoInstances(process.env.TEST_REDIS_URL);
    const { hub } = await import("@/lib/realtime/hub");
    const { setSharedState } = await import("@/lib/shared-state/state");
    // The options hub() gives the mail hub, on each instance.
    setSharedState(env.a);
    const hubA = hub() as RedisHub<MailboxEvent>;
    setSharedState(env.b);
    const hubB = hub() as RedisHub<MailboxEvent>;
    setSharedState(null);
    const onA: MailboxEvent[] = [];
    const onB: MailboxEvent[] = [];
    hubA.subscribe("acct|Team", (e) => onA.push(e));
    hubB.subscribe("acct|Team", (e) => onB.push(e));
    await Promise.all([hubA.settled("acct|Team"), hubB.settled("acct|Team")]);
    const change: MailboxEvent = { type: "flags", folder: "Team", uid: 4, flags: ["\\Seen"], token: "17:200" };
    hubA.publish("acct|Team", change);
    hubB.publish("acct|Team", { ...change });
    hubA.publish("acct|Team", { type: "unwatched", folder: "Team" });
    const next: MailboxEvent = { ...change, flags: [], token: "17:201" };
    hubB.publish("acct|Team", next);
    await eventually(() => onA.length === 3);
    await new Promise((r) => setTimeout(r, 150));
    expect(onA).toEqual([change, { type: "unwatched", folder: "Team" }, next]);
    expect(onB).toEqual([change, next]);
  });

  it("a SUBSCRIBE that Redis never answers gives up within the deadline instead of holding the topic for ever", async () => {
    const net = await import("node:net");
    const { RedisConnection } = await import("@/lib/shared-state/redis/connection");
    const { RedisHub } = await import("@/lib/shared-state/redis/hub");
    // A relay to the real Redis that can stop passing bytes both ways: a Redis paused or wedged while
    // the socket stays open (node-redis sees no error, nothing times out on its own).
    let wedged = false;
    const sockets: import("node:net").Socket[] = [];
    const redis = new URL(process.env.TEST_REDIS_URL!);
    const relay = net.createServer((client) => {
      const upstream = net.connect(Number(redis.port), redis.hostname);
      client.on("data", (d) => void (wedged || upstream.write(d)));
      upstream.on("data", (d) => void (wedged || client.write(d)));
      for (const [a, b] of [[client, upstream], [upstream, client]] as const) a.on("error", () => {}).on("close", () => b.destroy());
      sockets.push(client, upstream);
    });
    await new Promise<void>((r) => relay.listen(0, "127.0.0.1", r));
    const port = (relay.address() as import("node:net").AddressInfo).port;
    const conn = new RedisConnection({ url: `redis://127.0.0.1:${port}`, timeoutMs: 300 });
    const hub = new RedisHub<MailboxEvent>(conn, "mail");
    try {
      // Connected and subscribed while Redis answers...
      hub.subscribe("warm", () => {});
      await hub.settled("warm");
      // ...then it stops answering: the next topic's SUBSCRIBE gives up (logged, retried), it does not hang.
      wedged = true;
      const off = hub.subscribe("t", () => {});
      const t0 = Date.now();
      await hub.settled("t");
      expect(Date.now() - t0).toBeLessThan(2_000);
      off();
    } finally {
      for (const s of sockets) s.destroy();
      await conn.close();
      relay.close();
    }
  });

  it("fails with SHARED_STATE_UNAVAILABLE within the deadline when Redis does not answer", async () => {
    const { RedisConnection } = await import("@/lib/shared-state/redis/connection");
    // A port nobody listens on: connecting never succeeds.
    const conn = new RedisConnection({ url: "redis://127.0.0.1:9", timeoutMs: 300 });
    const t0 = Date.now();
    await expect(conn.run((c) => c.ping())).rejects.toMatchObject({ code: "SHARED_STATE_UNAVAILABLE" });
    expect(Date.now() - t0).toBeLessThan(1_500);
    await conn.close();
  });
});
