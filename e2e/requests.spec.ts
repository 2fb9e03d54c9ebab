import { request as httpRequest } from "node:http";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiSession } from "./helpers/api-session";
import { appendMessages, flagsOf, resetMailbox, subjectsIn, testUser } from "./helpers/imap";
import { attachmentMessage, plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

/*
 * Issue 9, points 6–8: requests from other sites are refused and change nothing; a GET never changes
 * mail (opening marks read with an explicit POST); JSON bodies are capped at 1 MiB before they are read.
 */

const from = { name: "Requests Test", address: "requests@example.test" };
const at = (i: number) => new Date(SEED_EPOCH.getTime() + i * 60_000);

async function uidOf(ctx: APIRequestContext, subject: string): Promise<number> {
  const list = await (await ctx.get("/api/messages?folder=INBOX")).json();
  const m = (list.messages as { uid: number; subject: string }[]).find((m) => m.subject === subject);
  if (!m) throw new Error(`no message "${subject}"`);
  return m.uid;
}

test("loading a message (GET) leaves it unread on the server; the open POST marks it read and adds 'read' to the trail", async ({ baseURL }) => {
  const user = testUser(60);
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [plainMessage({ from, to: user.email, subject: "Unread until opened", date: at(1), text: "hello" })]);
  const ctx = await apiSession(baseURL!, user);
  const uid = await uidOf(ctx, "Unread until opened");

  for (const query of ["", "&peek=0"]) {
    const get = await ctx.get(`/api/messages/${uid}?folder=INBOX${query}`);
    expect(get.status()).toBe(200);
    expect((await get.json()).seen).toBe(false);
  }
  expect((await flagsOf(user, "INBOX", uid))?.has("\\Seen")).toBe(false);
  const trail = async () => ((await (await ctx.get(`/api/messages/${uid}/activity?folder=INBOX`)).json()).entries as { action: string }[]).map((e) => e.action);
  expect(await trail()).not.toContain("read");

  const opened = await ctx.post(`/api/messages/${uid}`, { data: { folder: "INBOX" } });
  expect(opened.status()).toBe(200);
  expect(await opened.json()).toEqual({ uid, seen: true });
  expect((await flagsOf(user, "INBOX", uid))?.has("\\Seen")).toBe(true);
  await expect.poll(trail).toContain("read");
  await ctx.dispose();
});

test("prefill for a forward copies attachments only on POST; a GET is not a way in", async ({ baseURL }) => {
  const user = testUser(61);
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [attachmentMessage({ from, to: user.email, subject: "Has a file", date: at(1), text: "see file", attachments: [{ filename: "notes.txt", contentType: "text/plain", content: Buffer.from("notes") }] })]);
  const ctx = await apiSession(baseURL!, user);
  const uid = await uidOf(ctx, "Has a file");
  const get = await ctx.get(`/api/compose/prefill?folder=INBOX&uid=${uid}&mode=forward`);
  expect(get.status()).toBe(405);
  const post = await ctx.post("/api/compose/prefill", { data: { folder: "INBOX", uid, mode: "forward" } });
  expect(post.status()).toBe(200);
  expect((await post.json()).attachments.map((a: { filename: string }) => a.filename)).toEqual(["notes.txt"]);
  await ctx.dispose();
});

test("state-changing requests from another site are refused with 403 and change nothing", async ({ baseURL }) => {
  const user = testUser(62);
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [plainMessage({ from, to: user.email, subject: "Stays put", date: at(1), text: "x" })]);
  const ctx = await apiSession(baseURL!, user);
  const uid = await uidOf(ctx, "Stays put");
  const del = { folder: "INBOX", uids: [uid], action: "delete" };

  const crossSite: Record<string, string>[] = [{ origin: "https://evil.example", "sec-fetch-site": "cross-site" }, { origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }, { origin: "null" }];
  for (const headers of crossSite) {
    const res = await ctx.post("/api/messages/actions", { data: del, headers });
    expect(res.status(), JSON.stringify(headers)).toBe(403);
    expect(await res.json()).toMatchObject({ code: "CROSS_SITE_REQUEST", message: expect.stringContaining("another site") });
    const mk = await ctx.post("/api/folders", { data: { parent: null, name: "Planted" }, headers });
    expect(mk.status()).toBe(403);
  }
  // A form post (no CORS preflight) is not JSON: refused before it is read.
  const form = await ctx.post("/api/messages/actions", { form: { folder: "INBOX", uids: String(uid), action: "delete" } });
  expect(form.status()).toBe(415);
  expect(await form.json()).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
  const text = await ctx.post("/api/messages/actions", { data: JSON.stringify(del), headers: { "content-type": "text/plain" } });
  expect(text.status()).toBe(415);

  expect(await subjectsIn(user, "INBOX")).toEqual(["Stays put"]);
  expect((await ctx.get("/api/folders").then((r) => r.json())).folders.map((f: { path: string }) => f.path)).not.toContain("Planted");

  // The app's own origin passes.
  const own = await ctx.post("/api/messages/actions", { data: { ...del, action: "flag" }, headers: { origin: new URL(baseURL!).origin, "sec-fetch-site": "same-origin" } });
  expect(own.status()).toBe(200);
  expect((await flagsOf(user, "INBOX", uid))?.has("\\Flagged")).toBe(true);
  await ctx.dispose();
});

/** A POST whose body is sent chunked (no Content-Length), as a client that streams would. */
function postChunked(baseURL: string, path: string, cookie: string, chunks: number, chunk: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseURL);
    const req = httpRequest(url, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked", cookie } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    req.on("error", () => {}); // the server may stop reading once it has answered
    req.write('{"folder":"INBOX","action":"delete","uids":[1],"pad":"');
    let i = 0;
    const pump = () => {
      while (i < chunks) {
        i++;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end('"}');
    };
    pump();
  });
}

test("JSON bodies over 1 MiB are refused with 413, declared or chunked, and change nothing", async ({ baseURL }) => {
  const user = testUser(63);
  await resetMailbox(user);
  await appendMessages(user, "INBOX", [plainMessage({ from, to: user.email, subject: "Not deleted", date: at(1), text: "x" })]);
  const ctx = await apiSession(baseURL!, user);
  const uid = await uidOf(ctx, "Not deleted");

  // Without the cap this is a valid delete: zod drops the unknown "pad" key.
  const big = await ctx.post("/api/messages/actions", { data: { folder: "INBOX", uids: [uid], action: "delete", pad: "x".repeat(1.2 * 1024 * 1024) } });
  expect(big.status()).toBe(413);
  expect(await big.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("1 MiB") });

  const cookie = (await ctx.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const chunked = await postChunked(baseURL!, "/api/messages/actions", cookie, 48, Buffer.alloc(64 * 1024, 0x78)); // 3 MiB
  expect(chunked.status).toBe(413);
  expect(JSON.parse(chunked.body)).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });

  const bad = await ctx.post("/api/messages/actions", { data: Buffer.from("{not json"), headers: { "content-type": "application/json" } });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({ code: "BAD_REQUEST", message: "The request body is not valid JSON." });

  expect(await subjectsIn(user, "INBOX")).toEqual(["Not deleted"]);
  // Just under the cap still works.
  const ok = await ctx.post("/api/messages/actions", { data: { folder: "INBOX", uids: [uid], action: "flag", pad: "x".repeat(1000 * 1024) } });
  expect(ok.status()).toBe(200);
  await ctx.dispose();
});
