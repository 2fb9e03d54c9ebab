import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { altStack, appendAt, connectAt, createShared, ensurePublicFolder, resetAt, type AltStack } from "@/e2e/helpers/alt-dovecot";
import type { MailSession } from "@/lib/auth/session";
import { AccountPool } from "@/lib/imap/pool";
import { ImapStore } from "@/lib/imap/imap-store";
import { forgetNamespaces } from "@/lib/imap/namespaces";
import { Pop3Store } from "@/lib/pop3/pop3-store";
import { closeCache, openCache } from "@/lib/cache/open-cache";
import { SqliteActivityStore } from "@/lib/activity/sqlite-activity-store";
import { messageKey } from "@/lib/activity/activity-store";
import { readTrail, recordActivity } from "@/lib/activity/trail";
import { scopeFor } from "@/lib/presence/access";
import { PresenceRegistry } from "@/lib/presence/registry";
import { personId } from "@/lib/presence/scope";
import { MemoryHub } from "@/lib/realtime/hub";
import type { CollabEvent } from "@/lib/realtime/collab-hub";
import type { MailStore } from "@/lib/mail/store";
import { plainMessage, SEED_EPOCH } from "@/scripts/seed-lib";

/*
 * Presence scopes and the activity trail against real Dovecots laid out three ways: the suite's own
 * (other users under "shared/<user@domain>/"), a second instance with the stock "shared/%%n/"
 * (owners without domain) and a third, Cyrus-style, with "." as separator, "Other Users.%%n." and a
 * public namespace "Public.".
 * The two extra instances are started and stopped here (scripts/mail-stack.sh with
 * MAILSTACK_DOVECOT_EXTRA), on ports 300 and 310 above the suite's IMAP port, each in its own data dir.
 * Users t43–t47 are this file's own.
 */

const SUITE_PORT = Number(process.env.IMAP_PORT ?? 2143);
const PASSWORD = "test-pass";

interface Layout {
  name: string;
  port: number;
  sep: string;
  /** How a colleague sees the owner's folder "Team". */
  sharedTeam: (owner: string) => string;
  /** A personal folder path that spells another layout's shared path. */
  decoy: string[];
  extra?: AltStack;
  /** A folder in a public namespace (RFC 2342 "shared"), where the server has one. */
  publicFolder?: string;
}

const local = (email: string) => email.split("@")[0]!;
const LAYOUTS: Layout[] = [
  { name: "suite stack, shared/%%u/", port: SUITE_PORT, sep: "/", sharedTeam: (o) => `shared/${o}/Team`, decoy: ["Other Users", "t43", "Team"] },
  {
    name: "stock Dovecot, shared/%%n/",
    port: SUITE_PORT + 300,
    sep: "/",
    sharedTeam: (o) => `shared/${local(o)}/Team`,
    decoy: ["Other Users", "t43", "Team"],
    extra: { conf: "layout-shared-n.conf", dir: "alt-shared-n", port: SUITE_PORT + 300 },
  },
  {
    name: "Cyrus-style, Other Users.%%n. with '.'",
    port: SUITE_PORT + 310,
    sep: ".",
    sharedTeam: (o) => `Other Users.${local(o)}.Team`,
    decoy: ["shared", "t43", "Team"],
    extra: { conf: "layout-other-users.conf", dir: "alt-other-users", port: SUITE_PORT + 310 },
    publicFolder: "Support",
  },
];

const user = (n: number) => ({ email: `t${n}@example.test`, password: PASSWORD });
const OWNER = user(43);
const COLLEAGUE = user(44);
const SECOND = user(45);
const OUTSIDER = user(46);
const POP3_USER = user(47);

const session = (u: { email: string }, name: string, protocol: "imap" | "pop3" = "imap"): MailSession => ({
  email: u.email,
  name,
  sid: `sid-${name}-${u.email}`,
  protocol,
  creds: { user: u.email, password: PASSWORD },
});

const message = (to: string, subject: string, messageId: string) =>
  plainMessage({ from: { name: "Customer", address: "customer@example.test" }, to, subject, date: SEED_EPOCH, text: `Body of ${subject}`, messageId });

const started: Layout[] = [];
const pools: AccountPool[] = [];
const dirs: string[] = [];
const activity: SqliteActivityStore[] = [];
const runId = Date.now().toString(36);

beforeAll(async () => {
  await Promise.all(
    LAYOUTS.filter((l) => l.extra).map(async (l) => {
      await altStack(l.extra!, "start");
      started.push(l);
    }),
  );
}, 180_000);

afterAll(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close().catch(() => {})));
  for (const a of activity.splice(0)) await a.close().catch(() => {});
  for (const d of dirs.splice(0)) {
    closeCache(d);
    rmSync(d, { recursive: true, force: true });
  }
  await Promise.all(started.splice(0).map((l) => altStack(l.extra!, "stop").catch(() => {})));
}, 60_000);

function imapStore(l: Layout, u: { email: string; password: string }): MailStore {
  const pool = new AccountPool(`${u.email}#${l.port}`, { user: u.email, password: u.password }, 2, (creds) => connectAt(l.port, { email: creds.user, password: creds.password }));
  pools.push(pool);
  return new ImapStore(pool, u.email);
}

function pop3Store(u: { email: string }): Pop3Store {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mailroom-scope-pop3-"));
  dirs.push(dir);
  return new Pop3Store(openCache(dir), u.email);
}

function trailStore(): SqliteActivityStore {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mailroom-scope-trail-"));
  dirs.push(dir);
  const s = new SqliteActivityStore(path.join(dir, "activity.sqlite"));
  activity.push(s);
  return s;
}

describe.each(LAYOUTS)("presence scopes on a server laid out as $name", (l) => {
  const teamPath = l.sharedTeam(OWNER.email);
  let owner: MailStore;
  let colleague: MailStore;
  let teamUid: number;

  beforeAll(async () => {
    // The same logins on three servers: their namespace answers differ, so none may be reused.
    forgetNamespaces();
    for (const u of [OWNER, COLLEAGUE, SECOND, OUTSIDER]) await resetAt(l.port, u);
    await createShared(l.port, OWNER, "Team", { [COLLEAGUE.email]: "lrsi", [SECOND.email]: "lrs" });
    teamUid = await appendAt(l.port, OWNER, "Team", message(OWNER.email, "Team question", `<${runId}.team@scope.test>`));
    owner = imapStore(l, OWNER);
    colleague = imapStore(l, COLLEAGUE);
  }, 60_000);

  it("puts the owner and two colleagues of the shared folder in one scope", async () => {
    expect((await colleague.listFolders()).find((f) => f.path === teamPath)).toMatchObject({ selectable: true, shared: true });
    const ownerScope = await scopeFor(session(OWNER, "Olga"), owner, "Team");
    const colleagueScope = await scopeFor(session(COLLEAGUE, "Carl"), colleague, teamPath);
    const secondScope = await scopeFor(session(SECOND, "Sam"), imapStore(l, SECOND), teamPath);
    expect(ownerScope).toMatchObject({ shared: false, owner: OWNER.email });
    expect(colleagueScope).toEqual({ ...ownerScope, shared: true });
    expect(secondScope).toEqual(colleagueScope);

    // And so they see each other.
    const registry = new PresenceRegistry(new MemoryHub<CollabEvent>());
    try {
      registry.beat({ scope: ownerScope.key, folder: "Team", uid: teamUid, person: "p-olga", client: "c", name: "Olga", activity: "viewing" });
      registry.beat({ scope: colleagueScope.key, folder: teamPath, uid: teamUid, person: "p-carl", client: "c", name: "Carl", activity: "replying" });
      expect(registry.snapshot(secondScope.key, "p-sam").map((p) => `${p.name} ${p.activity}`)).toEqual(["Carl replying", "Olga viewing"]);
    } finally {
      registry.close();
    }
  });

  it("keeps a folder outside the server's other-users namespace personal, and refuses a shared folder not shared with the session", async () => {
    const outsider = imapStore(l, OUTSIDER);
    let parent: string | null = null;
    for (const name of l.decoy) parent = await outsider.createFolder(parent, name);
    expect(parent).toBe(l.decoy.join(l.sep));
    const decoy = await scopeFor(session(OUTSIDER, "Eve"), outsider, parent!);
    expect(decoy).toMatchObject({ shared: false, owner: OUTSIDER.email });
    expect(decoy.key).not.toBe((await scopeFor(session(OWNER, "Olga"), owner, "Team")).key);
    await expect(scopeFor(session(OUTSIDER, "Eve"), outsider, teamPath)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("gives a POP3 cache's local shared › <owner> › Team the POP3 account's own scope: it neither sees nor writes the owner's presence or trail", async () => {
    const pop = pop3Store(POP3_USER);
    const popSession = session(POP3_USER, "Mallory", "pop3");
    const ownerSession = session(OWNER, "Olga");
    const paths: string[] = [];
    for (const ownerName of [OWNER.email, local(OWNER.email)]) {
      const shared = (await pop.listFolders()).some((f) => f.path === "shared") ? "shared" : await pop.createFolder(null, "shared");
      paths.push(await pop.createFolder(await pop.createFolder(shared, ownerName), "Team"));
    }
    // On the "/" layouts one of them is, letter for letter, the path a colleague sees over IMAP.
    if (l.sep === "/") expect(paths).toContain(teamPath);

    const ownerScope = await scopeFor(ownerSession, owner, "Team");
    const trail = trailStore();
    const msg = { uid: teamUid, messageId: `<${runId}.team@scope.test>` };
    await recordActivity(ownerSession, ownerScope, "Team", [msg], "read", undefined, trail);
    const registry = new PresenceRegistry(new MemoryHub<CollabEvent>());
    try {
      registry.beat({ scope: ownerScope.key, folder: "Team", uid: teamUid, person: personId(ownerSession.sid), client: "c", name: "Olga", activity: "viewing" });
      for (const p of paths) {
        const popScope = await scopeFor(popSession, pop, p);
        expect(popScope).toMatchObject({ shared: false, owner: POP3_USER.email });
        expect(popScope.key).not.toBe(ownerScope.key);
        // Cannot see Olga, nor read her trail …
        expect(registry.snapshot(popScope.key, personId(popSession.sid))).toEqual([]);
        expect(await readTrail(popSession, popScope, p, msg, trail)).toEqual([]);
        // … nor plant "is replying" or "replied" where Olga's team would see it.
        registry.beat({ scope: popScope.key, folder: p, uid: teamUid, person: personId(popSession.sid), client: "c", name: "Mallory", activity: "replying" });
        await recordActivity(popSession, popScope, p, [msg], "replied", undefined, trail);
      }
      expect(registry.snapshot(ownerScope.key, personId(ownerSession.sid))).toEqual([]);
      expect((await readTrail(ownerSession, ownerScope, "Team", msg, trail)).map((e) => `${e.action} ${e.actor}`)).toEqual(["read Olga"]);
      expect(await trail.latest(ownerScope, messageKey(msg.messageId, "Team", null, teamUid), "replied")).toBeNull();
    } finally {
      registry.close();
    }
  });

  it("keeps the trail per mailbox: a colleague who can append to the shared folder reads nothing of the owner's INBOX by reusing a Message-ID", async () => {
    const mid = `<${runId}.${l.port}.private@scope.test>`;
    const ownerSession = session(OWNER, "Olga");
    const carl = session(COLLEAGUE, "Carl");
    const trail = trailStore();
    const inboxUid = await appendAt(l.port, OWNER, "INBOX", message(OWNER.email, "Private matter", mid));
    const inbox = await scopeFor(ownerSession, owner, "INBOX");
    await recordActivity(ownerSession, inbox, "INBOX", [{ uid: inboxUid, messageId: mid }], "replied", undefined, trail);

    // Carl has "i" on Team: he appends a message with the same Message-ID there.
    const planted = await appendAt(l.port, COLLEAGUE, teamPath, message(OWNER.email, "Bait", mid));
    const team = await scopeFor(carl, colleague, teamPath);
    const [meta] = await colleague.describe(teamPath, [planted]);
    expect(meta?.messageId).toBe(mid);
    expect(await readTrail(carl, team, teamPath, meta!, trail)).toEqual([]);
    // What the reply check reads for him: nothing either.
    expect(await trail.list(team, messageKey(meta!.messageId, teamPath, meta!.uidValidity, planted))).toEqual([]);
    // His own "replied" on the bait stays in Team: Olga's INBOX trail is hers alone.
    await recordActivity(carl, team, teamPath, [meta!], "replied", undefined, trail);
    expect((await readTrail(ownerSession, inbox, "INBOX", { uid: inboxUid, messageId: mid }, trail)).map((e) => e.actor)).toEqual(["Olga"]);
    // While Olga, in her own view of Team, does see Carl's line: one mailbox, one trail.
    expect((await readTrail(ownerSession, await scopeFor(ownerSession, owner, "Team"), "Team", { uid: planted, messageId: mid }, trail)).map((e) => e.actor)).toEqual(["Carl"]);
  });

  it.runIf(l.publicFolder)("scopes a public folder to itself: everyone in it meets, and it is nobody's personal folder", async () => {
    ensurePublicFolder(l.extra!, l.publicFolder!);
    const folder = `Public.${l.publicFolder}`;
    const carl = await scopeFor(session(COLLEAGUE, "Carl"), colleague, folder);
    const sam = await scopeFor(session(SECOND, "Sam"), imapStore(l, SECOND), folder);
    expect(carl).toMatchObject({ shared: true, owner: "public:Public." });
    expect(sam).toEqual(carl);
    // A personal folder of the same name is another mailbox.
    expect((await scopeFor(session(COLLEAGUE, "Carl"), colleague, l.publicFolder!)).key).not.toBe(carl.key);
  });
});
