import Database from "better-sqlite3";
import { NextRequest } from "next/server";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { seal } from "@/lib/auth/seal";
import type { Folder, MessagePage } from "@/lib/shared/types";

/*
 * Issue 13 point 5: the sign-in POST starts the landing folder's first screen, and the mail page's GET
 * that follows uses it instead of asking the mail server again. The mail store is a fake that records
 * every call (each one is an IMAP round trip in the real store); authorize is the form test's fake.
 */
const SECRET = "handoff-unit-test-secret-0123456789abcdef";
const fake = vi.hoisted(() => ({ calls: [] as string[], sids: [] as string[] }));

vi.mock("@/lib/auth/authorize", () => ({
  authorizeMailUser: async (raw: { email?: string; password?: string; protocol?: string }) => {
    if (raw.password !== "right-password") throw new Error("AUTH_FAILED");
    const sid = `sid-${fake.sids.length + 1}`;
    fake.sids.push(sid);
    return { id: raw.email, email: raw.email, name: "Tee", sealed: seal(raw.password, SECRET), sid, protocol: raw.protocol ?? "imap" };
  },
}));
vi.mock("@/lib/mail/store-for", () => ({
  storeFor: () => ({
    listFolders: async () => {
      fake.calls.push("LIST");
      return [{ path: "INBOX", name: "INBOX", delimiter: "/", total: 1, unread: 0 } as unknown as Folder];
    },
    listMessages: async (folder: string) => {
      fake.calls.push(`PAGE ${folder}`);
      return { folder, uidValidity: "7", token: "7:9", total: 1, messages: [], nextCursor: null } satisfies MessagePage;
    },
  }),
}));
vi.mock("@/lib/mail/account-info", () => ({ accountInfo: async (s: { email: string; protocol: string }) => ({ email: s.email, protocol: s.protocol }) }));
vi.mock("@/lib/settings/folder-sort-store", () => ({ folderSortStore: () => ({ get: async () => null }) }));
vi.mock("@/lib/settings/conversation-pref-store", () => ({ conversationPrefStore: () => ({ get: async () => false }) }));

const { signInWithForm } = await import("@/lib/auth/form-sign-in");
const { requireSession, resetSessionMemory } = await import("@/lib/auth/session");
const { setRevocationStore, SqliteRevocationStore } = await import("@/lib/auth/revocations");
const { firstScreen, landingFolder, pendingHandoffs, HANDOFF_TTL_MS } = await import("@/lib/mail/initial-view-handoff");

const ORIGIN = "http://127.0.0.1:5100";
beforeAll(() => {
  Object.assign(process.env, { IMAP_HOST: "127.0.0.1", POP3_HOST: "127.0.0.1", NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: ORIGIN });
  setRevocationStore(new SqliteRevocationStore(new Database(":memory:")));
});
beforeEach(() => {
  fake.calls.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
  resetSessionMemory();
});

/** Signs in through the form's route as its script does; returns the session the page would see. */
async function signIn(fields: Record<string, string> = {}) {
  const body = new URLSearchParams({ email: "t470@example.test", password: "right-password", ...fields }).toString();
  const res = await signInWithForm(
    new NextRequest(`${ORIGIN}/login/submit`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, "sec-fetch-site": "same-origin", accept: "application/json" } }),
  );
  expect(res.status).toBe(200);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  return requireSession(new NextRequest(`${ORIGIN}/mail/INBOX`, { headers: { cookie } }));
}
const page = (folder = "INBOX", plain = true) => ({ folder, plain, deadlineMs: 1000 });
const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the first screen started by the sign-in POST", () => {
  it("the page after sign-in makes no mail-server request that the POST already made", async () => {
    const session = await signIn();
    await settle();
    // Started while the browser was still reading the POST's answer.
    expect(fake.calls.sort()).toEqual(["LIST", "PAGE INBOX"]);
    const view = await firstScreen(session, page());
    expect(view).toMatchObject({ folder: "INBOX", folders: [{ path: "INBOX" }], page: { folder: "INBOX" }, account: { email: "t470@example.test" } });
    expect(fake.calls.sort()).toEqual(["LIST", "PAGE INBOX"]);
  });

  it("is used once: a reload, another folder or a search loads afresh", async () => {
    const session = await signIn();
    await firstScreen(session, page());
    fake.calls.length = 0;
    await firstScreen(session, page());
    expect(fake.calls.sort()).toEqual(["LIST", "PAGE INBOX"]);

    const other = await signIn();
    fake.calls.length = 0;
    const view = await firstScreen(other, page("Archive"));
    expect(view.page).toMatchObject({ folder: "Archive" });
    expect(fake.calls.sort()).toEqual(["LIST", "PAGE Archive"]);

    const searching = await signIn();
    fake.calls.length = 0;
    expect((await firstScreen(searching, page("INBOX", false))).page).toBeNull();
    expect(fake.calls).toEqual(["LIST"]);
  });

  it("starts the folder the sign-in lands on, only for IMAP, and is dropped unused after a few seconds", async () => {
    const sent = await signIn({ callbackUrl: "/mail/Sent?m=4" });
    await settle();
    expect(fake.calls.sort()).toEqual(["LIST", "PAGE Sent"]);
    expect((await firstScreen(sent, page("Sent"))).page).toMatchObject({ folder: "Sent" });

    fake.calls.length = 0;
    await signIn({ protocol: "pop3" });
    await settle();
    expect(fake.calls).toEqual([]);

    vi.useFakeTimers({ toFake: ["Date"] });
    const late = await signIn();
    expect(pendingHandoffs()).toBeGreaterThan(0);
    vi.setSystemTime(Date.now() + HANDOFF_TTL_MS + 1);
    fake.calls.length = 0;
    await firstScreen(late, page());
    expect(fake.calls.sort()).toEqual(["LIST", "PAGE INBOX"]);
  });

  it("reads the landing folder from the sign-in's target address", () => {
    expect(landingFolder("/mail/INBOX")).toBe("INBOX");
    expect(landingFolder("/mail")).toBe("INBOX");
    expect(landingFolder("/mail/Archive/2024?m=3")).toBe("Archive/2024");
    expect(landingFolder("/mail/Caf%C3%A9")).toBe("Café");
    expect(landingFolder("/mail/INBOX?q=invoice")).toBeNull();
    expect(landingFolder("/settings")).toBeNull();
    expect(landingFolder("https://evil.example/mail/INBOX")).toBeNull();
  });
});
