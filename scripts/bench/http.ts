/**
 * A tiny HTTP client for the app under bench: global fetch plus a cookie jar, and the next-auth v4
 * credentials sign-in / sign-out dance. One Client is one browser session.
 */
import { performance } from "node:perf_hooks";

export const SESSION_COOKIE = "next-auth.session-token";

export interface Credentials {
  email: string;
  password: string;
}

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${message}: HTTP ${status} ${body.slice(0, 300)}`);
  }
}

export class Client {
  private readonly jar = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  hasCookie(name: string): boolean {
    return this.jar.has(name);
  }

  /** The Cookie header this session sends (the load section hands it to autocannon). */
  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size > 0) headers.set("cookie", this.cookieHeader());
    // Redirects are not followed: a 302 to /login must show up as a failure, not as a 200 page.
    const res = await fetch(this.baseUrl + path, { ...init, headers, redirect: "manual" });
    this.store(res.headers.getSetCookie());
    return res;
  }

  /** GET that must answer 200; returns the full body text (the timing of a caller includes reading it). */
  async getText(path: string): Promise<string> {
    const res = await this.request(path);
    const body = await res.text();
    if (res.status !== 200) throw new HttpError(`GET ${path}`, res.status, body);
    return body;
  }

  async getJson<T>(path: string): Promise<T> {
    return JSON.parse(await this.getText(path)) as T;
  }

  private store(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = "", ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k = "", v = ""] = a.split("=").map((s) => s.trim());
        if (k.toLowerCase() === "max-age") return Number(v) <= 0;
        if (k.toLowerCase() === "expires") return Date.parse(v) <= Date.now();
        return false;
      });
      if (expired || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  private async csrfToken(): Promise<string> {
    const { csrfToken } = await this.getJson<{ csrfToken?: string }>("/api/auth/csrf");
    if (!csrfToken) throw new Error("GET /api/auth/csrf returned no csrfToken");
    return csrfToken;
  }

  private async postForm(path: string, form: Record<string, string>): Promise<{ status: number; body: string }> {
    const res = await this.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.status, body: await res.text() };
  }

  /** Signs in through next-auth's credentials callback; returns the wall time of the whole exchange (csrf + callback). */
  async signIn(creds: Credentials): Promise<number> {
    const t0 = performance.now();
    const csrfToken = await this.csrfToken();
    const { status, body } = await this.postForm("/api/auth/callback/credentials", {
      email: creds.email,
      password: creds.password,
      csrfToken,
      json: "true",
    });
    const ms = performance.now() - t0;
    let error: string | null = null;
    try {
      const url = (JSON.parse(body) as { url?: string }).url ?? "";
      error = new URL(url, this.baseUrl).searchParams.get("error");
    } catch {
      // A non-JSON answer is reported below through the missing cookie.
    }
    if (error || !this.hasCookie(SESSION_COOKIE)) {
      throw new HttpError(`sign-in as ${creds.email} failed${error ? ` (${error})` : " (no session cookie)"}`, status, body);
    }
    return ms;
  }

  /** Signs out; the server closes the account's pooled IMAP connections with its last session. */
  async signOut(): Promise<void> {
    const csrfToken = await this.csrfToken();
    const { status, body } = await this.postForm("/api/auth/signout", { csrfToken, json: "true" });
    if (status >= 400) throw new HttpError("sign-out failed", status, body);
    if (this.hasCookie(SESSION_COOKIE)) throw new HttpError("sign-out did not clear the session cookie", status, body);
  }
}

/** Polls until GET url answers at all (a refused connection means "not yet"); returns the status. */
export async function waitForAnswer(url: string, timeoutMs: number, isAlive: () => boolean): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the app exited while waiting for ${url}`);
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      // 5xx while the server warms up is "not yet"; anything else is the page's real answer.
      if (res.status < 500) return res.status;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s (last: ${last})`);
}
