import { describe, expect, it, vi } from "vitest";
import { MAX_TRUSTED, scopeFor, trustedCount } from "@/lib/presence/access";
import type { MailSession } from "@/lib/auth/session";
import type { FolderPlace, MailStore } from "@/lib/mail/store";
import type { Folder } from "@/lib/shared/types";
import { placeFolder, type ServerNamespaces } from "@/lib/imap/namespaces";

const session = (email: string, protocol: "imap" | "pop3" = "imap"): MailSession => ({ email, name: "x", sid: "s", protocol, creds: { user: email, password: "p" } });
const folder = (path: string, selectable = true): Folder => ({ path, name: path, delimiter: "/", parentPath: null, depth: 0, specialUse: null, shared: true, selectable, total: 0, unread: 0 });
const dovecot: ServerNamespaces = { personal: [{ prefix: "", delimiter: "/" }], other: [{ prefix: "shared/", delimiter: "/" }], shared: [] };
type Fake = MailStore & { listFolders: ReturnType<typeof vi.fn> };
// An IMAP-like store (it can place folders) and a POP3-like one (it can't).
const imapWith = (paths: Folder[]) =>
  ({ listFolders: vi.fn(async () => paths), placeFolder: async (f: string): Promise<FolderPlace> => placeFolder(dovecot, f)! }) as unknown as Fake;
const pop3With = (paths: Folder[]) => ({ listFolders: vi.fn(async () => paths) }) as unknown as Fake;

describe("scopeFor", () => {
  it("needs no check for the session's own folders", async () => {
    const store = imapWith([]);
    expect((await scopeFor(session("a@x.test"), store, "INBOX")).shared).toBe(false);
    expect(store.listFolders).not.toHaveBeenCalled();
  });

  it("lets a colleague into the owner's scope only when the shared folder is in their own list", async () => {
    const ok = imapWith([folder("shared/o@x.test/Team")]);
    const scope = await scopeFor(session("c1@x.test"), ok, "shared/o@x.test/Team");
    expect(scope.key).toBe((await scopeFor(session("o@x.test"), ok, "Team")).key);
    const no = imapWith([folder("shared/o@x.test/Other"), folder("shared/o@x.test/Team", false)]);
    await expect(scopeFor(session("c2@x.test"), no, "shared/o@x.test/Team")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("never gives a store without namespaces (POP3) a shared scope, whatever the folder is called", async () => {
    const store = pop3With([folder("shared/o@x.test/Team")]);
    const scope = await scopeFor(session("m@x.test", "pop3"), store, "shared/o@x.test/Team");
    expect(scope).toMatchObject({ shared: false, owner: "m@x.test" });
    expect(scope.key).not.toBe((await scopeFor(session("o@x.test"), imapWith([]), "Team")).key);
  });

  it("trusts a successful check for a while (one LIST, not one per heartbeat)", async () => {
    const store = imapWith([folder("shared/o@x.test/Team")]);
    await scopeFor(session("c3@x.test"), store, "shared/o@x.test/Team");
    await scopeFor(session("c3@x.test"), store, "shared/o@x.test/Team");
    expect(store.listFolders).toHaveBeenCalledTimes(1);
  });

  it("keeps the trusted checks bounded however many folder names a client sends", async () => {
    const names = Array.from({ length: MAX_TRUSTED + 20 }, (_, i) => `shared/o@x.test/F${i}`);
    const store = imapWith(names.map((n) => folder(n)));
    for (const n of names) await scopeFor(session("c4@x.test"), store, n);
    expect(trustedCount()).toBeLessThanOrEqual(MAX_TRUSTED);
  });
});
