import { describe, expect, it, vi } from "vitest";
import { scopeFor } from "@/lib/presence/access";
import type { MailSession } from "@/lib/auth/session";
import type { MailStore } from "@/lib/mail/store";
import type { Folder } from "@/lib/shared/types";

const session = (email: string): MailSession => ({ email, name: "x", sid: "s", protocol: "imap", creds: { user: email, password: "p" } });
const folder = (path: string, selectable = true): Folder => ({ path, name: path, delimiter: "/", parentPath: null, depth: 0, specialUse: null, shared: true, selectable, total: 0, unread: 0 });
const storeWith = (paths: Folder[]) => ({ listFolders: vi.fn(async () => paths) }) as unknown as MailStore & { listFolders: ReturnType<typeof vi.fn> };

describe("scopeFor", () => {
  it("needs no check for the session's own folders", async () => {
    const store = storeWith([]);
    expect((await scopeFor(session("a@x.test"), store, "INBOX")).key).toBe("mbox:a@x.test:INBOX");
    expect(store.listFolders).not.toHaveBeenCalled();
  });

  it("lets a colleague into the owner's scope only when the shared folder is in their own list", async () => {
    const ok = storeWith([folder("shared/o@x.test/Team")]);
    expect((await scopeFor(session("c1@x.test"), ok, "shared/o@x.test/Team")).key).toBe("mbox:o@x.test:Team");
    const no = storeWith([folder("shared/o@x.test/Other"), folder("shared/o@x.test/Team", false)]);
    await expect(scopeFor(session("c2@x.test"), no, "shared/o@x.test/Team")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("trusts a successful check for a while (one LIST, not one per heartbeat)", async () => {
    const store = storeWith([folder("shared/o@x.test/Team")]);
    await scopeFor(session("c3@x.test"), store, "shared/o@x.test/Team");
    await scopeFor(session("c3@x.test"), store, "shared/o@x.test/Team");
    expect(store.listFolders).toHaveBeenCalledTimes(1);
  });
});
