import { expect, request, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { apiSession, waitForSyncIdle } from "./helpers/api-session";
import { appendMessages, resetMailbox, testUser, withImap } from "./helpers/imap";
import { BAD_INPUT_ROUTES, REAL_UID, type As, type BadCase, type BodyKind, type Method, type RouteEntry } from "./helpers/bad-input-cases";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

/*
 * The standing bad-input suite (issue 9, point 22): every /api route gets malformed input and must answer
 * a 4xx with a JSON { code, message } — never a 5xx, never a hang — and afterwards the IMAP account and
 * the POP3 cache the requests ran against are exactly as before. The table is e2e/helpers/bad-input-cases.ts.
 */

const imapUser = testUser(58);
const pop3User = testUser(59);
// Past this a request "hangs": every answer here is a validation error or a quick lookup.
const PER_REQUEST_MS = 15_000;
const from = { name: "Bad Input", address: "bad-input@example.test" };

// \Recent belongs to whichever session looked first, not to the mailbox's state.
const RECENT = "\\Recent";

type Snapshot = Record<string, { uid: number; flags: string[] }[]>;

/** Every folder of the IMAP account with each message's UID and flags, read straight from Dovecot. */
async function imapSnapshot(): Promise<Snapshot> {
  return withImap(imapUser, async (c) => {
    const out: Snapshot = {};
    for (const f of (await c.list()).filter((f) => !f.path.startsWith("shared/")).sort((a, b) => a.path.localeCompare(b.path))) {
      const lock = await c.getMailboxLock(f.path, { readOnly: true });
      try {
        const msgs = c.mailbox && c.mailbox.exists > 0 ? await c.fetchAll("1:*", { uid: true, flags: true }) : [];
        out[f.path] = msgs.map((m) => ({ uid: m.uid, flags: [...(m.flags ?? [])].filter((f) => f !== RECENT).sort() })).sort((a, b) => a.uid - b.uid);
      } finally {
        lock.release();
      }
    }
    return out;
  });
}

/** The POP3 cache as its owner sees it through the API: folders, messages, read and flagged state. */
async function pop3Snapshot(ctx: APIRequestContext): Promise<Snapshot> {
  const out: Snapshot = {};
  const { folders } = await (await ctx.get("/api/folders")).json();
  for (const f of (folders as { path: string }[]).map((f) => f.path).sort()) {
    const page = await (await ctx.get(`/api/messages?folder=${encodeURIComponent(f)}&limit=200`)).json();
    out[f] = (page.messages as { uid: number; seen: boolean; flagged: boolean; subject: string }[])
      .map((m) => ({ uid: m.uid, flags: [m.seen ? "seen" : "", m.flagged ? "flagged" : "", m.subject].filter(Boolean) }))
      .sort((a, b) => a.uid - b.uid);
  }
  return out;
}

type GenericCase = BadCase & { signedOut?: boolean; headers?: Record<string, string>; allow?: string };
const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** The requests every route gets besides its own table: signed out, from another site, with the wrong body, a method it does not take. */
function genericCases(entry: RouteEntry): GenericCase[] {
  const out: GenericCase[] = [];
  const as = entry.as;
  const own = METHODS.filter((m) => m in entry.methods);
  const allow = [...own, ...(own.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  // Next.js's own answer to these is an empty 405; a JSON body would not change that.
  for (const method of METHODS.filter((m) => !own.includes(m))) out.push({ what: "a method it does not take", method, url: entry.sample, ...(method === "GET" ? {} : { json: {} }), status: 405, allow, as });
  for (const [method, kind] of Object.entries(entry.methods) as [Method, BodyKind][]) {
    const url = entry.sample;
    // A well-labelled body, so that only the missing session is wrong.
    const body: Partial<BadCase> = kind === "json" ? { json: {} } : kind === "multipart" ? { raw: { body: "--b--\r\n", contentType: "multipart/form-data; boundary=b" } } : kind === "raw" ? { raw: { body: "From x\n\n", contentType: "application/mbox" } } : {};
    if (!entry.public) out.push({ what: "signed out", method, url, status: 401, signedOut: true, ...(method === "GET" ? {} : body) });
    if (method === "GET") continue;
    // `{}` is harmless wherever the guard would be missing: it fails validation, so 403 can only be the guard.
    out.push({ what: "from another site (Origin)", method, url, json: {}, headers: { origin: "https://evil.example" }, status: 403, as });
    out.push({ what: "from another site (Sec-Fetch-Site)", method, url, json: {}, headers: { "sec-fetch-site": "cross-site" }, status: 403, as });
    out.push({ what: "same site, other origin", method, url, json: {}, headers: { "sec-fetch-site": "same-site" }, status: 403, as });
    if (kind === "json") {
      out.push({ what: "JSON as text/plain", method, url, raw: { body: "{}", contentType: "text/plain" }, status: 415, as });
      out.push({ what: "a form body", method, url, raw: { body: "a=1", contentType: "application/x-www-form-urlencoded" }, status: 415, as });
      out.push({ what: "no content type", method, url, raw: { body: "{}", contentType: null }, status: 415, as });
      out.push({ what: "invalid JSON", method, url, raw: { body: "{nope", contentType: "application/json" }, status: 400, as });
      out.push({ what: "empty body", method, url, raw: { body: "", contentType: "application/json" }, status: 400, as });
      for (const json of [null, [], "x", 5, true]) out.push({ what: `JSON ${JSON.stringify(json)}`, method, url, json, status: 400, as });
      out.push({ what: "JSON over 1 MiB", method, url, json: { pad: "x".repeat(1.5 * 1024 * 1024) }, status: 413, as });
    }
    if (kind === "multipart") out.push({ what: "a form-urlencoded body", method, url, raw: { body: "a=1", contentType: "application/x-www-form-urlencoded" }, status: 415, as });
    if (kind === "none") out.push({ what: "a text body", method, url, raw: { body: "hello", contentType: "text/plain" }, status: 415, as });
  }
  return out;
}

async function send(ctx: APIRequestContext, c: BadCase & { headers?: Record<string, string> }, realUid: number): Promise<APIResponse> {
  const headers: Record<string, string> = { ...(c.headers ?? {}) };
  let data: string | Buffer | undefined;
  if (c.json !== undefined) {
    headers["content-type"] = "application/json";
    data = JSON.stringify(c.json).replaceAll(JSON.stringify(REAL_UID), String(realUid));
  } else if (c.raw) {
    if (c.raw.contentType) headers["content-type"] = c.raw.contentType;
    data = Buffer.from(c.raw.body);
  }
  return ctx.fetch(c.url.replaceAll(REAL_UID, String(realUid)), { method: c.method, headers, data, timeout: PER_REQUEST_MS, maxRedirects: 0 });
}

test("every /api route answers malformed input with a 4xx JSON error and changes nothing", async ({ baseURL }) => {
  test.setTimeout(240_000);
  await resetMailbox(imapUser);
  await appendMessages(imapUser, "INBOX", [1, 2, 3].map((i) => plainMessage({ from, to: imapUser.email, subject: `Keep ${i}`, date: new Date(SEED_EPOCH.getTime() + i * 60_000), text: `body ${i}` })), []);
  await appendMessages(imapUser, "INBOX", [plainMessage({ from, to: imapUser.email, subject: "Read one", date: SEED_EPOCH, text: "x" })], ["\\Seen", "\\Flagged"]);
  await resetMailbox(pop3User);
  await appendMessages(pop3User, "INBOX", [1, 2].map((i) => plainMessage({ from, to: pop3User.email, subject: `Cached ${i}`, date: new Date(SEED_EPOCH.getTime() + i * 60_000), text: `body ${i}` })));

  const sessions: Record<As, APIRequestContext> = { imap: await apiSession(baseURL!, imapUser, "imap"), pop3: await apiSession(baseURL!, pop3User, "pop3") };
  await waitForSyncIdle(sessions.pop3);
  const signedOut = await request.newContext({ baseURL });
  const imapBefore = await imapSnapshot();
  const pop3Before = await pop3Snapshot(sessions.pop3);
  expect(Object.keys(imapBefore)).toContain("INBOX");
  expect(pop3Before.INBOX?.length).toBeGreaterThanOrEqual(2); // the cache keeps what earlier runs pulled

  const realUid: Record<As, number> = { imap: imapBefore.INBOX![0]!.uid, pop3: pop3Before.INBOX![0]!.uid };
  const failures: string[] = [];
  let sent = 0;
  for (const entry of BAD_INPUT_ROUTES.filter((e) => !e.excluded)) {
    // Cases not tied to one kind of account run against both stores: the IMAP proxy and the POP3 cache.
    const all = [...genericCases(entry), ...entry.cases].flatMap((c) => (c.as || ("signedOut" in c && c.signedOut) ? [c] : [c, { ...c, as: "pop3" as const }]));
    for (const c of all) {
      const label = `${entry.route} · ${c.as ?? "imap"} · ${c.method} ${c.url.slice(0, 80)} · ${c.what}`;
      const ctx = "signedOut" in c && c.signedOut ? signedOut : sessions[c.as ?? "imap"];
      let res: APIResponse;
      sent++;
      try {
        res = await send(ctx, c, realUid[c.as ?? "imap"]);
      } catch (err) {
        failures.push(`${label}: no answer (${err instanceof Error ? err.message.split("\n")[0] : String(err)})`);
        continue;
      }
      const status = res.status();
      const text = await res.text().catch(() => "");
      let body: { code?: unknown; message?: unknown } = {};
      try {
        body = JSON.parse(text);
      } catch {
        // checked below
      }
      const problems: string[] = [];
      if (status < 400 || status > 499) problems.push(`status ${status}`);
      if (c.status !== undefined && status !== c.status) problems.push(`expected ${c.status}, got ${status}`);
      if (typeof body.code !== "string" || !/^[A-Z][A-Z0-9_]+$/.test(body.code)) problems.push("no JSON code");
      if (typeof body.message !== "string" || body.message.length < 8) problems.push("no message in words");
      if ("allow" in c && c.allow !== undefined && res.headers()["allow"] !== c.allow) problems.push(`Allow ${JSON.stringify(res.headers()["allow"])}, expected ${c.allow}`);
      if (problems.length) failures.push(`${label}: ${problems.join(", ")} — ${text.slice(0, 160)}`);
    }
  }

  const imapAfter = await imapSnapshot();
  const pop3After = await pop3Snapshot(sessions.pop3);
  await Promise.all([sessions.imap.dispose(), sessions.pop3.dispose(), signedOut.dispose()]);
  expect(sent).toBeGreaterThan(300);
  expect(failures, failures.join("\n")).toEqual([]);
  expect(imapAfter, "the IMAP account changed").toEqual(imapBefore);
  expect(pop3After, "the POP3 cache changed").toEqual(pop3Before);
});
