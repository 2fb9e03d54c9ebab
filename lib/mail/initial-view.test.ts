import { beforeEach, describe, expect, it, vi } from "vitest";
import type { MailSession } from "@/lib/auth/session";
import type { Folder, MessagePage } from "@/lib/shared/types";

// The store and the settings stores are fakes: this checks the deadline and what is left to the browser.
const fake = vi.hoisted(() => ({
  listFolders: vi.fn(),
  listMessages: vi.fn(),
  signal: null as AbortSignal | null,
  sort: null as unknown,
  conversations: false as boolean | null,
  listConversations: vi.fn(),
}));

vi.mock("@/lib/mail/store-for", () => ({
  storeFor: (_s: unknown, signal: AbortSignal) => {
    fake.signal = signal;
    return { listFolders: fake.listFolders, listMessages: fake.listMessages };
  },
}));
vi.mock("@/lib/mail/account-info", () => ({ accountInfo: async (s: MailSession) => ({ email: s.email, protocol: s.protocol }) }));
vi.mock("@/lib/settings/folder-sort-store", () => ({ folderSortStore: () => ({ get: async () => fake.sort }) }));
vi.mock("@/lib/settings/conversation-pref-store", () => ({ conversationPrefStore: () => ({ get: async () => fake.conversations }) }));
vi.mock("@/lib/mail/conversations", () => ({ listConversations: fake.listConversations }));

const { loadInitialView, INITIAL_PAGE_SIZE, FOLDERS_WAIT_MS } = await import("@/lib/mail/initial-view");

const session = { email: "t351@example.test", name: "T", sid: "s1", protocol: "imap", creds: { user: "t351@example.test", password: "x" } } as MailSession;
const folders: Folder[] = [{ path: "INBOX", name: "INBOX", delimiter: "/", specialUse: "inbox", total: 1, unread: 0, selectable: true } as unknown as Folder];
const page: MessagePage = { folder: "INBOX", uidValidity: "7", token: "7:9", total: 1, messages: [], nextCursor: null };

beforeEach(() => {
  fake.listFolders.mockReset().mockResolvedValue(folders);
  fake.listMessages.mockReset().mockResolvedValue(page);
  fake.listConversations.mockReset();
  fake.sort = null;
  fake.conversations = false;
});

describe("loadInitialView", () => {
  it("loads account, folders and the first page in the folder's remembered order; the folder counts once the page's folder is open", async () => {
    fake.sort = { key: "subject", desc: false };
    const events: string[] = [];
    const slow = <T>(name: string, v: T) => async () => {
      events.push(`${name} start`);
      await new Promise((r) => setTimeout(r, 20));
      events.push(`${name} end`);
      return v;
    };
    fake.listFolders.mockImplementation(slow("folders", folders));
    fake.listMessages.mockImplementation(slow("page", page));
    const view = await loadInitialView(session, { folder: "INBOX", plain: true, deadlineMs: 1000 });
    expect(view).toMatchObject({ email: session.email, folder: "INBOX", account: { protocol: "imap" }, folders, page, conversations: false, threads: null });
    expect(fake.listMessages).toHaveBeenCalledWith("INBOX", { limit: INITIAL_PAGE_SIZE, sort: { key: "subject", desc: false } });
    // LIST-STATUS after the page: on the connection that has the folder selected, the server answers
    // its counts from the open view instead of reopening a big folder's index.
    expect(events).toEqual(["page start", "page end", "folders start", "folders end"]);
    expect(fake.listConversations).not.toHaveBeenCalled();
  });

  it("a page that takes long does not hold the folder tree back (FOLDERS_WAIT_MS, or half a short deadline)", async () => {
    fake.listMessages.mockImplementation(() => new Promise((r) => setTimeout(() => r(page), 400)));
    const short = await loadInitialView(session, { folder: "INBOX", plain: true, deadlineMs: 200 });
    expect(short.folders).toEqual(folders);
    expect(short.page).toBeNull();
    const events: string[] = [];
    fake.listMessages.mockImplementation(() => new Promise((r) => setTimeout(() => (events.push("page"), r(page)), FOLDERS_WAIT_MS + 200)));
    fake.listFolders.mockImplementation(async () => (events.push("folders"), folders));
    const long = await loadInitialView(session, { folder: "INBOX", plain: true, deadlineMs: 5000 });
    expect(long).toMatchObject({ folders, page });
    expect(events).toEqual(["folders", "page"]);
  });

  it("past the deadline, what was ready is kept and the rest is left to the browser; queued IMAP work is called off", async () => {
    fake.listMessages.mockImplementation(() => new Promise(() => {}));
    const started = Date.now();
    const view = await loadInitialView(session, { folder: "INBOX", plain: true, deadlineMs: 60 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(view.folders).toEqual(folders);
    expect(view.account).toMatchObject({ email: session.email });
    expect(view.page).toBeNull();
    expect(fake.signal?.aborted).toBe(true);
  });

  it("a part that fails is left out, never the whole page", async () => {
    fake.listFolders.mockRejectedValue(new Error("LIST failed"));
    const view = await loadInitialView(session, { folder: "INBOX", plain: true, deadlineMs: 1000 });
    expect(view.folders).toBeNull();
    expect(view.page).toEqual(page);
  });

  it("a search URL gets no preloaded page; deadline 0 loads nothing", async () => {
    const search = await loadInitialView(session, { folder: "INBOX", plain: false, deadlineMs: 1000 });
    expect(search.page).toBeNull();
    expect(search.folders).toEqual(folders);
    expect(fake.listMessages).not.toHaveBeenCalled();
    const off = await loadInitialView(session, { folder: "INBOX", plain: true, deadlineMs: 0 });
    expect(off).toMatchObject({ account: null, folders: null, page: null });
  });

  it("with conversations on, the first conversation window comes too", async () => {
    fake.conversations = true;
    const threads = { folder: "INBOX", uidValidity: "7", total: 1, threads: [], nextCursor: null, sentFolder: null, byReferences: true };
    fake.listConversations.mockResolvedValue(threads);
    const view = await loadInitialView(session, { folder: "INBOX", plain: true, deadlineMs: 1000 });
    expect(view.conversations).toBe(true);
    expect(view.threads).toEqual(threads);
  });
});

describe("loadInitialView, a store that throws at once", () => {
  it("leaves that part out instead of failing the page", async () => {
    fake.listFolders.mockImplementation(() => {
      throw new Error("not connected");
    });
    const view = await loadInitialView(session, { folder: "INBOX", plain: true, deadlineMs: 1000 });
    expect(view.folders).toBeNull();
    expect(view.page).toEqual(page);
  });
});
