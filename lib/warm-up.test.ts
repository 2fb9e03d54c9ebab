import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";

/*
 * The warm-up at start (lib/warm-up.ts) asks the server for what the first sign-in asks for, and must
 * never try a password: its POST reaches the real sign-in route (authorize recorded) and is refused there.
 */
const authorize = vi.hoisted(() => vi.fn());
vi.mock("@/lib/auth/authorize", () => ({ authorizeMailUser: authorize }));
vi.mock("@/lib/mail/initial-view-handoff", () => ({ landingFolder: () => null, startInitialView: () => undefined }));

const { selfRequests } = await import("@/lib/warm-up");
const { signInWithForm } = await import("@/lib/auth/form-sign-in");
const { listeningOrigin } = await import("@/lib/env");

const BASE = "http://127.0.0.1:5190";
beforeAll(() => {
  Object.assign(process.env, { IMAP_HOST: "127.0.0.1", NEXTAUTH_SECRET: "warm-up-unit-test-secret-0123456789abcdef", NEXTAUTH_URL: BASE });
});

describe("warm-up at start", () => {
  it("loads the sign-in page, then posts an empty form that the sign-in route refuses without trying a password", async () => {
    const seen: string[] = [];
    const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      seen.push(`${init?.method ?? "GET"} ${url.pathname}`);
      if (url.pathname === "/login/submit") return signInWithForm(new NextRequest(url, { method: init?.method, body: init?.body as string, headers: init?.headers }));
      return new Response("<html></html>", { status: 200 });
    }) as typeof fetch;
    const statuses = await selfRequests(BASE, fakeFetch);
    expect(seen).toEqual(["GET /login", "POST /login/submit"]);
    expect(statuses).toEqual([200, 400]);
    expect(authorize).not.toHaveBeenCalled();
  });

  it("finds where `next start` listens, and nothing under another runner", () => {
    expect(listeningOrigin({ __NEXT_PRIVATE_ORIGIN: "http://localhost:3000", PORT: "3000" })).toBe("http://localhost:3000");
    expect(listeningOrigin({ PORT: "3100" })).toBe("http://127.0.0.1:3100");
    expect(listeningOrigin({ __NEXT_PRIVATE_ORIGIN: "http://x:1/path" })).toBeNull();
    expect(listeningOrigin({})).toBeNull();
  });
});
