import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, request, test } from "@playwright/test";
import { appendMessages, resetMailbox, testUser } from "./helpers/imap";
import { plainMessage, SEED_EPOCH } from "../scripts/seed-lib";

const user = testUser(9);
const baseURL = `http://127.0.0.1:${Number(process.env.APP_PORT ?? 3100)}`;
const doveconf = path.resolve(process.env.MAILSTACK_DIR ?? ".mailstack-test", "dovecot/dovecot.conf");

/** IMAP connections Dovecot holds for this user right now (all of them come from the app here). */
function imapConnections(email: string): number {
  const out = execFileSync("doveadm", ["-c", doveconf, "who", "-1", email], { encoding: "utf8" });
  return out.split("\n").filter((l) => l.startsWith(email) && /\bimap\b/.test(l)).length;
}

let firstUid = 0;

test.beforeAll(async () => {
  await resetMailbox(user);
  [firstUid] = await appendMessages(user, "INBOX", Array.from({ length: 5 }, (_, i) => plainMessage({ from: "team@example.test", to: user.email, subject: `Shared ${i}`, date: new Date(SEED_EPOCH.getTime() + i * 60_000), text: "hi" })));
});

test("twenty people signed in to one account share a few IMAP connections", async () => {
  const people = await Promise.all(
    Array.from({ length: 20 }, async () => {
      const ctx = await request.newContext({ baseURL });
      const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
      const res = await ctx.post("/api/auth/callback/credentials", { form: { email: user.email, password: user.password, csrfToken, json: "true" } });
      expect((await res.json()).url).not.toContain("error=");
      return ctx;
    }),
  );
  // Everyone works at once: lists, folder trees and opened messages, three rounds.
  for (let round = 0; round < 3; round++) {
    const responses = await Promise.all(
      people.flatMap((ctx, i) => [ctx.get("/api/folders"), ctx.get(`/api/messages?folder=INBOX&limit=${10 + i}`), ctx.get(`/api/messages/${firstUid}?folder=INBOX&peek=1`)]),
    );
    for (const r of responses) expect(r.status()).toBe(200);
  }
  const held = imapConnections(user.email);
  expect(held).toBeGreaterThanOrEqual(1);
  expect(held).toBeLessThanOrEqual(3); // IMAP_POOL_SIZE default; Dovecot would allow 10
  await Promise.all(people.map((ctx) => ctx.dispose()));
});
