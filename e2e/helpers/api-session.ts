import { request, type APIRequestContext } from "@playwright/test";

/** A signed-in API client (no browser): next-auth's own sign-in, with its CSRF token, as a form would post it. */
export async function apiSession(baseURL: string, user: { email: string; password: string }, protocol: "imap" | "pop3" = "imap"): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL });
  const csrf = (await (await ctx.get("/api/auth/csrf")).json()).csrfToken as string;
  const res = await ctx.post("/api/auth/callback/credentials", { form: { email: user.email, password: user.password, protocol, csrfToken: csrf, json: "true" } });
  const url = String((await res.json().catch(() => ({}))).url ?? "");
  if (!res.ok() || url.includes("error=")) throw new Error(`sign-in as ${user.email} (${protocol}) failed: ${res.status()} ${url}`);
  return ctx;
}

/** Waits until the POP3 account's sync is idle (signing in starts one). */
export async function waitForSyncIdle(ctx: APIRequestContext, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await (await ctx.get("/api/sync")).json();
    if (s.state !== "running") return;
    if (Date.now() > until) throw new Error("POP3 sync did not finish");
    await new Promise((r) => setTimeout(r, 200));
  }
}
