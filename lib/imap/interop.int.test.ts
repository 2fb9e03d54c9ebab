import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { altStack, appendAt, connectAt, createShared, resetAt, type AltStack } from "@/e2e/helpers/alt-dovecot";
import type { MailSession } from "@/lib/auth/session";
import { imapOptions } from "@/lib/imap/connect";
import { AccountPool, accountKey } from "@/lib/imap/pool";
import { ImapStore } from "@/lib/imap/imap-store";
import { forgetNamespaces } from "@/lib/imap/namespaces";
import { scopeFor } from "@/lib/presence/access";
import { MemoryHub, mailboxTopic, type MailboxEvent } from "@/lib/realtime/hub";
import { WATCH_IDLE_DELAY_MS, WatcherRegistry } from "@/lib/realtime/mailbox-watcher";
import { plainMessage, SEED_EPOCH } from "@/scripts/seed-lib";

/*
 * Mailroom's IMAP layer on three real servers, the same flows on each: Cyrus IMAP 3.6
 * (scripts/cyrus-stack.sh, started by scripts/test.sh on CYRUS_PORT: "/" with altnamespace, other
 * people's folders under "Other Users/<owner>/", bare NO refusals, IDLE through idled), the suite's
 * Dovecot (other users under "shared/<user@domain>/", i.e. shared/%%u/) and a second Dovecot with the
 * stock "shared/%%n/" (owner without domain; config/dovecot/layout-shared-n.conf, started here 300
 * ports above the suite's IMAP port, as lib/presence/namespaces.int.test.ts does).
 * Users t151–t155 are this file's own, on each server.
 */

interface Server {
  name: string;
  port: number;
  /** How a colleague sees t151's folder `name`. */
  shared: (name: string) => string;
  extra?: AltStack;
}
const SUITE_PORT = Number(process.env.IMAP_PORT ?? 2143);
const SERVERS: Server[] = [
  { name: "Cyrus IMAP 3.6 (Other Users/%n/)", port: Number(process.env.CYRUS_PORT ?? 2243), shared: (n) => `Other Users/t151/${n}` },
  { name: "Dovecot, shared/%%u/", port: SUITE_PORT, shared: (n) => `shared/t151@example.test/${n}` },
  { name: "Dovecot, shared/%%n/", port: SUITE_PORT + 300, shared: (n) => `shared/t151/${n}`, extra: { conf: "layout-shared-n.conf", dir: "alt-shared-n", port: SUITE_PORT + 300 } },
];
const user = (n: number) => ({ email: `t${n}@example.test`, password: "test-pass" });
const OWNER = user(151);
const COLLEAGUE = user(152);
const OUTSIDER = user(153);
const runId = Date.now().toString(36);

let PORT = 0;
const pools: AccountPool[] = [];
function store(u: { email: string; password: string }): ImapStore {
  const pool = new AccountPool(`${u.email}#${PORT}`, { user: u.email, password: u.password }, 2, (c) => connectAt(PORT, { email: c.user, password: c.password }));
  pools.push(pool);
  return new ImapStore(pool, u.email);
}
const session = (u: { email: string; password: string }, name: string): MailSession => ({ email: u.email, name, sid: `sid-${name}`, protocol: "imap", creds: { user: u.email, password: u.password } });
const message = (subject: string, i: number, text = `Body of ${subject}`) =>
  plainMessage({ from: { name: "Customer", address: "customer@example.test" }, to: OWNER.email, subject, date: new Date(SEED_EPOCH.getTime() + i * 60_000), text, messageId: `<${runId}.${i}@cyrus.test>` });

const started: Server[] = [];
afterAll(async () => {
  await Promise.all(started.splice(0).map((s) => altStack(s.extra!, "stop").catch(() => {})));
}, 60_000);

describe.each(SERVERS)("Mailroom on $name", (server) => {
  beforeAll(async () => {
    if (server.extra) {
      await altStack(server.extra, "start");
      started.push(server);
    }
    PORT = server.port;
    // The same logins on several servers: their namespace answers differ, so none may be reused.
    forgetNamespaces();
    for (const u of [OWNER, COLLEAGUE, OUTSIDER]) await resetAt(PORT, u);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close().catch(() => {})));
  });

  it("refuses a wrong password", async () => {
    await expect(connectAt(PORT, { email: OWNER.email, password: "wrong-password" })).rejects.toMatchObject({ authenticationFailed: true });
  });

  it("lists the folder tree with '/' nesting and the special-use folders Cyrus flags", async () => {
    const s = store(OWNER);
    const parent = await s.createFolder(null, `Clients ${runId}`);
    const child = await s.createFolder(parent, "Acme");
    expect(child).toBe(`Clients ${runId}/Acme`);
    const folders = await s.listFolders();
    const use = Object.fromEntries(folders.filter((f) => f.specialUse).map((f) => [f.specialUse, f.path]));
    expect(use).toEqual({ inbox: "INBOX", drafts: "Drafts", sent: "Sent", archive: "Archive", junk: "Junk", trash: "Trash" });
    expect(folders.find((f) => f.path === child)).toMatchObject({ name: "Acme", parentPath: parent, depth: 1, delimiter: "/", shared: false });
    // Special folders first, in the usual order, then the rest.
    expect(folders.slice(0, 6).map((f) => f.specialUse)).toEqual(["inbox", "drafts", "sent", "archive", "junk", "trash"]);
  });

  it("pages, reads, flags, searches, moves and deletes", async () => {
    for (let i = 0; i < 7; i++) await appendAt(PORT, OWNER, "INBOX", message(`Cyrus page ${i}${i === 5 ? " needle" : ""}`, i, i === 3 ? "The body says haystack-unique." : undefined));
    const s = store(OWNER);
    const first = await s.listMessages("INBOX", { limit: 3 });
    expect(first.total).toBe(7);
    expect(first.messages.map((m) => m.subject)).toEqual(["Cyrus page 6", "Cyrus page 5 needle", "Cyrus page 4"]);
    const second = await s.listMessages("INBOX", { limit: 3, before: first.nextCursor! });
    expect(second.messages.map((m) => m.subject)).toEqual(["Cyrus page 3", "Cyrus page 2", "Cyrus page 1"]);
    const third = await s.listMessages("INBOX", { limit: 3, before: second.nextCursor! });
    expect(third.messages.map((m) => m.subject)).toEqual(["Cyrus page 0"]);
    expect(third.nextCursor).toBeNull();

    const uid = first.messages[0]!.uid;
    const detail = await s.getMessage("INBOX", uid);
    expect(detail.subject).toBe("Cyrus page 6");
    await s.setFlags("INBOX", [uid], "flag");
    await s.setFlags("INBOX", [uid], "unread");
    const flagged = (await s.listMessages("INBOX", { limit: 1 })).messages[0]!;
    expect(flagged).toMatchObject({ uid, flagged: true, seen: false });

    const bySubject = await s.listMessages("INBOX", { limit: 10, search: { text: "needle", field: "subject" } });
    expect(bySubject.messages.map((m) => m.subject)).toEqual(["Cyrus page 5 needle"]);
    const byBody = await s.listMessages("INBOX", { limit: 10, search: { text: "haystack-unique", field: "body" } });
    expect(byBody.messages.map((m) => m.subject)).toEqual(["Cyrus page 3"]);

    await s.move("INBOX", [uid], "Archive");
    expect((await s.listMessages("Archive", { limit: 10 })).messages.map((m) => m.subject)).toEqual(["Cyrus page 6"]);
    const outcome = await s.remove("INBOX", [first.messages[1]!.uid]);
    expect(typeof outcome === "string" ? outcome : outcome.destination).toBe("Trash");
    expect((await s.listMessages("Trash", { limit: 10 })).messages.map((m) => m.subject)).toEqual(["Cyrus page 5 needle"]);
    expect((await s.listMessages("INBOX", { limit: 10 })).total).toBe(5);
  });

  it("shows a folder shared by SETACL under the server's other-users namespace and puts owner and colleague in one presence scope", async () => {
    await createShared(PORT, OWNER, `Desk ${runId}`, { [COLLEAGUE.email]: "lrswite" });
    await appendAt(PORT, OWNER, `Desk ${runId}`, message("On the desk", 100));
    const sharedPath = server.shared(`Desk ${runId}`);
    const colleague = store(COLLEAGUE);
    const folder = (await colleague.listFolders()).find((f) => f.path === sharedPath);
    expect(folder).toMatchObject({ shared: true, selectable: true, name: `Desk ${runId}` });
    expect(folder!.rights).toMatchObject({ read: true, write: true });
    expect((await colleague.listMessages(sharedPath, { limit: 5 })).messages.map((m) => m.subject)).toEqual(["On the desk"]);

    const ownerScope = await scopeFor(session(OWNER, "Olga"), store(OWNER), `Desk ${runId}`);
    const colleagueScope = await scopeFor(session(COLLEAGUE, "Carl"), colleague, sharedPath);
    expect(ownerScope).toMatchObject({ shared: false, owner: OWNER.email });
    expect(colleagueScope).toEqual({ ...ownerScope, shared: true });
    // Someone it is not shared with cannot claim that scope.
    await expect(scopeFor(session(OUTSIDER, "Eve"), store(OUTSIDER), sharedPath)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("says in words what a read-only colleague may not do (Cyrus refuses with a bare NO, no [NOPERM])", async () => {
    await createShared(PORT, OWNER, `Read ${runId}`, { [COLLEAGUE.email]: "lrs" });
    const uid = await appendAt(PORT, OWNER, `Read ${runId}`, message("Look, don't touch", 300));
    const path = server.shared(`Read ${runId}`);
    const colleague = store(COLLEAGUE);
    await expect(colleague.setFlags(path, [uid], "flag")).rejects.toMatchObject({ code: "PERMISSION_DENIED", message: expect.stringMatching(/flag or unflag messages in this shared folder/) });
    await expect(colleague.move(path, [uid], "INBOX")).rejects.toMatchObject({ code: "PERMISSION_DENIED", message: expect.stringMatching(/move messages out of this shared folder/) });
    await expect(colleague.remove(path, [uid])).rejects.toMatchObject({ code: "PERMISSION_DENIED", message: expect.stringMatching(/delete messages in this shared folder/) });
    // Into it: no "i" right.
    const mine = await appendAt(PORT, COLLEAGUE, "INBOX", message("Mine to file", 301));
    await expect(colleague.move("INBOX", [mine], path)).rejects.toMatchObject({ code: "PERMISSION_DENIED", message: expect.stringMatching(/put messages into this shared folder/) });
    // Nothing moved anywhere.
    expect((await store(OWNER).listMessages(`Read ${runId}`, { limit: 5 })).messages.map((m) => m.subject)).toEqual(["Look, don't touch"]);
  });

  it("tells an existing folder name and a missing folder apart (Cyrus names neither with a response code)", async () => {
    const s = store(OWNER);
    await expect(s.createFolder(null, "Sent")).rejects.toMatchObject({ code: "FOLDER_EXISTS" });
    await expect(s.listMessages(`Nowhere ${runId}`, { limit: 5 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.renameFolder(`Nowhere ${runId}`, "Elsewhere")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("delivers another session's new mail, flag change and delete to a watcher within a second (IDLE)", async () => {
    const hub = new MemoryHub<MailboxEvent>();
    const events: MailboxEvent[] = [];
    // The app's own connection settings (QRESYNC on: Cyrus then names the UID in every FETCH) and
    // its watcher tuning, on Cyrus's port instead of the configured server.
    const registry = new WatcherRegistry(hub, async (creds) => {
      const c = new ImapFlow(imapOptions(creds, { host: "127.0.0.1", port: PORT, tls: false, tlsInsecure: false, allowPlaintext: true }));
      c.on("error", () => {});
      await c.connect();
      Object.assign(c, { autoIdleDelay: WATCH_IDLE_DELAY_MS, maxIdleTime: 60_000 });
      return c;
    });
    const creds = { user: COLLEAGUE.email, password: COLLEAGUE.password };
    hub.subscribe(mailboxTopic(accountKey(creds), "INBOX"), (e) => events.push(e));
    const release = registry.retain(creds, "INBOX");
    try {
      await expect.poll(() => events.some((e) => e.type === "synced"), { timeout: 10_000 }).toBe(true);
      // Let the watcher settle into IDLE.
      await new Promise((r) => setTimeout(r, 500));
      const t0 = Date.now();
      const uid = await appendAt(PORT, COLLEAGUE, "INBOX", message("Live on Cyrus", 200));
      await expect.poll(() => events.some((e) => e.type === "exists"), { timeout: 3_000, interval: 20 }).toBe(true);
      expect(Date.now() - t0).toBeLessThan(1_000);

      const s = store(COLLEAGUE);
      await s.setFlags("INBOX", [uid], "flag");
      await expect.poll(() => events.some((e) => e.type === "flags" && e.uid === uid), { timeout: 3_000, interval: 20 }).toBe(true);
      await s.remove("INBOX", [uid]);
      await expect.poll(() => events.some((e) => (e.type === "expunge" && e.uid === uid) || (e.type === "vanished" && e.uids?.includes(uid))), { timeout: 3_000, interval: 20 }).toBe(true);
    } finally {
      release();
      registry.closeAll();
    }
  });
});
