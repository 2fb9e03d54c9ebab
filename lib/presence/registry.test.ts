import { afterEach, describe, expect, it } from "vitest";
import { MemoryHub } from "@/lib/realtime/hub";
import type { CollabEvent } from "@/lib/realtime/collab-hub";
import { collabTopic } from "@/lib/realtime/collab-hub";
import { PresenceRegistry } from "@/lib/presence/registry";
import { personId, presenceScope } from "@/lib/presence/scope";
import { personalPlace } from "@/lib/mail/mailbox-identity";

const own = (login: string, folder: string) => presenceScope(login, "imap", personalPlace(folder));

function setup() {
  let now = 1_000_000;
  const hub = new MemoryHub<CollabEvent>();
  const registry = new PresenceRegistry(hub, () => now, 30_000);
  return { hub, registry, advance: (ms: number) => (now += ms) };
}

const scope = own("team@example.test", "INBOX").key;
const beat = (person: string, name: string, uid: number, activity: "viewing" | "replying" | null, client = "c1", folder = "INBOX") => ({ scope, folder, uid, person, client, name, activity });

let open: PresenceRegistry[] = [];
afterEach(() => {
  for (const r of open) r.close();
  open = [];
});

describe("PresenceRegistry", () => {
  it("shows others on a message and leaves the asking person out", () => {
    const { registry } = setup();
    open.push(registry);
    registry.beat(beat("p-dana", "Dana", 7, "viewing"));
    registry.beat(beat("p-sam", "Sam", 7, "replying"));
    expect(registry.snapshot(scope, "p-dana")).toEqual([{ id: "p-sam", uid: 7, name: "Sam", activity: "replying" }]);
    expect(registry.snapshot(scope, "p-sam").map((p) => p.name)).toEqual(["Dana"]);
    expect(registry.snapshot(scope)).toHaveLength(2);
  });

  it("expires an entry not repeated within 30 s, and keeps one that is", () => {
    const { registry, advance } = setup();
    open.push(registry);
    registry.beat(beat("p-dana", "Dana", 7, "viewing"));
    registry.beat(beat("p-sam", "Sam", 7, "viewing"));
    advance(20_000);
    registry.beat(beat("p-sam", "Sam", 7, "viewing"));
    advance(15_000);
    expect(registry.snapshot(scope).map((p) => p.name)).toEqual(["Sam"]);
    advance(31_000);
    expect(registry.snapshot(scope)).toEqual([]);
    expect(registry.size()).toBe(0);
  });

  it("scopes presence to one mailbox: another account or folder sees nothing", () => {
    const { registry } = setup();
    open.push(registry);
    registry.beat(beat("p-dana", "Dana", 7, "viewing"));
    const other = own("someone@example.test", "INBOX").key;
    expect(registry.snapshot(other)).toEqual([]);
    expect(registry.snapshot(own("team@example.test", "Archive").key)).toEqual([]);
  });

  it("leaving removes only the message left; a stale leave after moving on is ignored", () => {
    const { registry } = setup();
    open.push(registry);
    registry.beat(beat("p-dana", "Dana", 7, "viewing"));
    registry.beat(beat("p-dana", "Dana", 8, "viewing")); // moved on to 8 in the same tab
    registry.beat(beat("p-dana", "Dana", 7, null)); // the late leave of 7
    expect(registry.snapshot(scope).map((p) => p.uid)).toEqual([8]);
    registry.beat(beat("p-dana", "Dana", 8, null));
    expect(registry.snapshot(scope)).toEqual([]);
  });

  it("counts a person once per message, replying winning over viewing (reading pane + composer)", () => {
    const { registry } = setup();
    open.push(registry);
    registry.beat(beat("p-dana", "Dana", 7, "viewing", "pane"));
    registry.beat(beat("p-dana", "Dana", 7, "replying", "composer"));
    expect(registry.snapshot(scope)).toEqual([{ id: "p-dana", uid: 7, name: "Dana", activity: "replying" }]);
    registry.beat(beat("p-dana", "Dana", 7, null, "composer"));
    expect(registry.snapshot(scope)).toEqual([{ id: "p-dana", uid: 7, name: "Dana", activity: "viewing" }]);
  });

  it("announces changes on the scope's topic, not repeated heartbeats", () => {
    const { hub, registry, advance } = setup();
    open.push(registry);
    const seen: CollabEvent[] = [];
    hub.subscribe(collabTopic(scope), (e) => seen.push(e));
    const v0 = registry.version();
    registry.beat(beat("p-dana", "Dana", 7, "viewing"));
    registry.beat(beat("p-dana", "Dana", 7, "viewing"));
    expect(seen).toEqual([{ type: "presence" }]);
    expect(registry.version()).toBe(v0 + 1);
    registry.beat(beat("p-dana", "Dana", 7, "replying"));
    expect(seen).toHaveLength(2);
    advance(40_000);
    registry.expire();
    expect(seen).toHaveLength(3);
  });

  it("meets people on the same mailbox under another path (ACL-shared folder)", () => {
    const { registry } = setup();
    open.push(registry);
    const team = own("owner@example.test", "Team").key;
    registry.beat({ scope: team, folder: "Team", uid: 3, person: "p-owner", client: "c", name: "Olga", activity: "viewing" });
    registry.beat({ scope: presenceScope("carl@example.test", "imap", { namespace: "other", owner: "owner@example.test", path: ["Team"] }).key, folder: "shared/owner@example.test/Team", uid: 3, person: "p-carl", client: "c", name: "Carl", activity: "viewing" });
    expect(registry.snapshot(team, "p-owner").map((p) => p.name)).toEqual(["Carl"]);
    expect(registry.snapshot(team, "p-carl").map((p) => p.name)).toEqual(["Olga"]);
  });

  it("forget() drops a signed-out session everywhere", () => {
    const { registry } = setup();
    open.push(registry);
    registry.beat(beat("p-dana", "Dana", 7, "viewing"));
    registry.beat(beat("p-dana", "Dana", 9, "viewing", "c2", "Archive"));
    registry.forget("p-dana");
    expect(registry.size()).toBe(0);
  });
});

describe("presence scope", () => {
  it("never exposes the session id", () => {
    const sid = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";
    const id = personId(sid);
    expect(id).not.toContain(sid.slice(0, 8));
    expect(id).toBe(personId(sid));
    expect(id).not.toBe(personId("another"));
  });
});

describe("PresenceRegistry bounds", () => {
  it("holds at most MAX_CLIENTS_PER_PERSON client ids per session: the least recently seen goes first", async () => {
    const { MAX_CLIENTS_PER_PERSON } = await import("@/lib/presence/registry");
    const { registry, advance } = setup();
    open.push(registry);
    for (let i = 0; i < MAX_CLIENTS_PER_PERSON + 50; i++) {
      registry.beat(beat("p-dana", "Dana", 1 + (i % 5), "viewing", `c${i}`));
      advance(10);
    }
    expect(registry.clientCount("p-dana")).toBe(MAX_CLIENTS_PER_PERSON);
    expect(registry.size()).toBe(MAX_CLIENTS_PER_PERSON);
    // Another person's views are untouched by Dana's churn.
    registry.beat(beat("p-sam", "Sam", 7, "viewing", "s1"));
    for (let i = 0; i < 30; i++) registry.beat(beat("p-dana", "Dana", 3, "viewing", `d${i}`));
    expect(registry.snapshot(scope, "p-dana")).toEqual([{ id: "p-sam", uid: 7, name: "Sam", activity: "viewing" }]);
  });

  it("one entry per client: a heartbeat from another mailbox moves it, and expiry forgets the client", () => {
    const { registry, advance } = setup();
    open.push(registry);
    const archive = own("team@example.test", "Archive").key;
    registry.beat(beat("p-dana", "Dana", 7, "viewing", "c1"));
    registry.beat({ ...beat("p-dana", "Dana", 9, "viewing", "c1", "Archive"), scope: archive });
    expect(registry.snapshot(scope)).toEqual([]);
    expect(registry.snapshot(archive).map((p) => p.uid)).toEqual([9]);
    expect(registry.size()).toBe(1);
    advance(31_000);
    registry.expire();
    expect(registry.size()).toBe(0);
    expect(registry.clientCount("p-dana")).toBe(0);
  });
});
