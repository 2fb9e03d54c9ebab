import { describe, expect, it } from "vitest";
import type { MailStore } from "@/lib/mail/store";
import type { Folder, MessagePage } from "@/lib/shared/types";
import { searchAllFolders } from "@/lib/mail/search-all";

const folder = (path: string, specialUse: Folder["specialUse"] = null): Folder => ({
  path, name: path, delimiter: "/", parentPath: null, depth: 0, specialUse, shared: false, selectable: true, total: 0, unread: 0,
});

/** A store whose folders answer after `delay` ms with `hits` matches each (only listFolders/listMessages are used). */
function fakeStore(folders: Folder[], hits: Record<string, number>, delay = 0): MailStore {
  return {
    listFolders: async () => folders,
    listMessages: async (path: string, opts: { limit: number }): Promise<MessagePage> => {
      await new Promise((r) => setTimeout(r, delay));
      const n = hits[path] ?? 0;
      const messages = Array.from({ length: Math.min(n, opts.limit) }, (_, i) => ({ uid: n - i, subject: `${path} ${i}` }) as MessagePage["messages"][number]);
      return { folder: path, uidValidity: "1", total: n, messages, nextCursor: null };
    },
  } as unknown as MailStore;
}

describe("searchAllFolders", () => {
  it("groups matches by folder, Inbox first and Trash last, with each folder's total", async () => {
    const store = fakeStore([folder("Trash", "trash"), folder("Projects"), folder("INBOX"), folder("Empty")], { INBOX: 3, Projects: 30, Trash: 1 });
    const r = await searchAllFolders(store, "budget", "all", { deadlineMs: 5000, maxFolders: 10, perFolder: 20 });
    expect(r.groups.map((g) => [g.folder, g.total, g.messages.length])).toEqual([["INBOX", 3, 3], ["Projects", 30, 20], ["Trash", 1, 1]]);
    expect(r).toMatchObject({ searchedFolders: 4, totalFolders: 4, stoppedBy: null, notSearched: [] });
  });

  it("stops at the folder cap and at the deadline, and says which folders it left out", async () => {
    const folders = ["INBOX", "A", "B", "C"].map((p) => folder(p));
    const capped = await searchAllFolders(fakeStore(folders, { C: 1 }), "x", "all", { deadlineMs: 5000, maxFolders: 2, perFolder: 5 });
    expect(capped).toMatchObject({ stoppedBy: "cap", searchedFolders: 2, notSearched: ["B", "C"], groups: [] });
    const slow = await searchAllFolders(fakeStore(folders, { INBOX: 1, A: 1 }, 300), "x", "all", { deadlineMs: 500, maxFolders: 10, perFolder: 5 });
    expect(slow.stoppedBy).toBe("deadline");
    expect(slow.groups.map((g) => g.folder)).toEqual(["INBOX"]);
    expect(slow.notSearched).toEqual(["A", "B", "C"]);
  });

  it("lets go of the folder still searching at the deadline, so queued work never runs for nobody", async () => {
    const signals: AbortSignal[] = [];
    const store = {
      listFolders: async () => ["INBOX", "A"].map((p) => folder(p)),
      listMessages: (_path: string, opts: { signal?: AbortSignal }) => {
        if (opts.signal) signals.push(opts.signal);
        return new Promise<MessagePage>(() => {}); // stuck waiting for a connection
      },
    } as unknown as MailStore;
    const r = await searchAllFolders(store, "x", "all", { deadlineMs: 500, maxFolders: 10, perFolder: 5 });
    expect(r.stoppedBy).toBe("deadline");
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
  });

  it("goes on without the folders' states when they are slow to come, and lets go of that request", async () => {
    let statesSignal: AbortSignal | undefined;
    const known: (string | undefined)[] = [];
    const store = {
      listFolders: async () => ["INBOX", "A"].map((p) => folder(p)),
      folderStates: (opts: { signal?: AbortSignal }) => {
        statesSignal = opts.signal;
        return new Promise<Map<string, string>>(() => {}); // stuck behind opens on the account's connections
      },
      listMessages: async (path: string, opts: { knownState?: string }): Promise<MessagePage> => {
        known.push(opts.knownState);
        return { folder: path, uidValidity: "1", total: 0, messages: [], nextCursor: null };
      },
    } as unknown as MailStore;
    const r = await searchAllFolders(store, "x", "all", { deadlineMs: 800, maxFolders: 10, perFolder: 5 });
    expect(r).toMatchObject({ stoppedBy: null, searchedFolders: 2 });
    expect(known).toEqual([undefined, undefined]);
    expect(statesSignal?.aborted).toBe(true);
  });
});

