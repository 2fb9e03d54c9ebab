/**
 * The sign-in's server side, cold and warm, without a browser (issue 13 point 5):
 *   tsx scripts/bench/sign-in-server.ts --url=http://127.0.0.1:9390 [--user=bulk100k@example.test] [--password=…] [--rounds=5]
 * Against an app just started (so the first round is the cold one): GET /login as the browser would,
 * then the form's POST /login/submit (JSON) and the mail page's GET with the new cookie, timed to the
 * answer's first byte and last byte; then `rounds` more sign-ins, warm. Prints JSON.
 */
import { performance } from "node:perf_hooks";

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const BASE = arg("url", "http://127.0.0.1:3220");
const USER = arg("user", "bulk100k@example.test");
const PASSWORD = arg("password", "mailroom-demo");
const ROUNDS = Number(arg("rounds", "5"));

async function timed(url: string, init: RequestInit): Promise<{ res: Response; first_byte_ms: number; last_byte_ms: number; bytes: number; body: string }> {
  const t0 = performance.now();
  const res = await fetch(url, { ...init, redirect: "manual" });
  const first = performance.now() - t0;
  const body = await res.text();
  return { res, first_byte_ms: Math.round(first * 10) / 10, last_byte_ms: Math.round((performance.now() - t0) * 10) / 10, bytes: Buffer.byteLength(body), body };
}

async function signIn() {
  const login = await timed(`${BASE}/login`, {});
  const form = new URLSearchParams({ email: USER, password: PASSWORD });
  const headers = { "content-type": "application/x-www-form-urlencoded", accept: "application/json", origin: BASE, "sec-fetch-site": "same-origin" };
  const post = await timed(`${BASE}/login/submit`, { method: "POST", body: form, headers });
  const cookie = post.res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { url } = JSON.parse(post.body) as { url: string };
  const page = await timed(`${BASE}${url}`, { headers: { cookie } });
  const rsc = [...page.body.matchAll(/<script[^>]*>(self\.__next_f[^<]*)<\/script>/g)].reduce((n, m) => n + m[1]!.length, 0);
  return {
    login_page_ms: login.last_byte_ms,
    post_ms: post.last_byte_ms,
    post_server_timing: post.res.headers.get("server-timing"),
    page_status: page.res.status,
    page_first_byte_ms: page.first_byte_ms,
    page_last_byte_ms: page.last_byte_ms,
    page_bytes: page.bytes,
    page_rsc_inline_chars: rsc,
  };
}

async function main() {
  const cold = await signIn();
  const warm: Awaited<ReturnType<typeof signIn>>[] = [];
  for (let i = 0; i < ROUNDS; i++) warm.push(await signIn());
  const med = (k: "post_ms" | "page_first_byte_ms" | "page_last_byte_ms") => warm.map((w) => w[k]).sort((a, b) => a - b)[Math.floor(warm.length / 2)];
  console.log(JSON.stringify({ url: BASE, user: USER, cold, warm_median: { post_ms: med("post_ms"), page_first_byte_ms: med("page_first_byte_ms"), page_last_byte_ms: med("page_last_byte_ms") }, warm }, null, 1));
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
