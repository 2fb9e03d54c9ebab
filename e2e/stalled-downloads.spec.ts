import http from "node:http";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { appendMessages, resetMailbox, testUser } from "./helpers/imap";
import { cookieHeader, signInAt, startOwnServer, type OwnServer } from "./helpers/own-server";

// Three attachment downloads that stop reading must not freeze the account: another message still
// lists and opens within a few seconds, and the stalled downloads are cut (their connection freed).
const user = testUser(67);
const IDLE_S = 4;
const SIZE = 24 * 1024 * 1024; // well past what the socket buffers on both ends can swallow

function withAttachment(subject: string, bytes: Buffer): string {
  const b64 = bytes.toString("base64").replace(/(.{76})/g, "$1\r\n");
  return [
    `From: Sender <sender@example.test>`, `To: ${user.email}`, `Subject: ${subject}`, `Message-ID: <${subject.replace(/\W+/g, "-")}@example.test>`,
    `Date: Mon, 02 Nov 2026 10:00:00 +0000`, `MIME-Version: 1.0`, `Content-Type: multipart/mixed; boundary="b1"`, ``,
    `--b1`, `Content-Type: text/plain; charset=utf-8`, ``, `The big file.`, ``,
    `--b1`, `Content-Type: application/octet-stream; name="big.bin"`, `Content-Disposition: attachment; filename="big.bin"`, `Content-Transfer-Encoding: base64`, ``,
    b64, `--b1--`, ``,
  ].join("\r\n");
}

interface Stalled {
  status: Promise<number>;
  res: Promise<http.IncomingMessage>;
}

/** A GET whose body nobody reads: the response stays paused, so the server's writes back up. */
function stalledGet(url: string, cookie: string): Stalled {
  const res = new Promise<http.IncomingMessage>((resolve, reject) => {
    http.get(url, { headers: { cookie } }, resolve).on("error", reject);
  });
  return { res, status: res.then((r) => r.statusCode ?? 0) };
}

/** Resumes a stalled response and reads it to its end: how many bytes came, and whether it completed. */
function drain(res: http.IncomingMessage): Promise<{ bytes: number; complete: boolean }> {
  return new Promise((resolve) => {
    let bytes = 0;
    const done = () => resolve({ bytes, complete: res.complete });
    res.on("data", (c: Buffer) => (bytes += c.length));
    res.on("end", done);
    res.on("error", done);
    res.on("aborted", done);
    res.on("close", done);
    res.resume();
  });
}

test("three stalled attachment downloads don't freeze the account, and are cut", async ({ browser }) => {
  test.setTimeout(120_000);
  await resetMailbox(user);
  const [bigUid, smallUid] = await appendMessages(user, "INBOX", [
    withAttachment("Big attachment", randomBytes(SIZE)),
    `From: Friend <friend@example.test>\r\nTo: ${user.email}\r\nSubject: Small one\r\nMessage-ID: <small-one@example.test>\r\n\r\nStill readable.\r\n`,
  ]);
  let server: OwnServer | null = null;
  try {
    server = await startOwnServer({ offset: 21, name: "stalled", env: { IMAP_POOL_SIZE: "3", DOWNLOAD_IDLE_TIMEOUT_S: String(IDLE_S), IMAP_ACQUIRE_TIMEOUT_S: "15" } });
    const context = await signInAt(browser, server.url, user);
    const cookie = await cookieHeader(context);
    const detail = await (await context.request.get(`/api/messages/${bigUid}?folder=INBOX`)).json();
    const part = (detail.attachments as { partId: string; filename: string }[]).find((a) => a.filename === "big.bin")!.partId;
    const attUrl = `${server.url}/api/messages/${bigUid}/attachments/${part}?folder=INBOX`;

    const started = Date.now();
    const stalled = [0, 1, 2].map(() => stalledGet(attUrl, cookie));
    expect(await stalled[0]!.status).toBe(200);
    expect(await stalled[1]!.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_000)); // the stalled ones now hold what they can

    // The rest of the account still answers quickly: a list, and opening another message.
    for (const url of ["/api/messages?folder=INBOX", `/api/messages/${smallUid}?folder=INBOX`]) {
      const t0 = Date.now();
      const res = await context.request.get(url);
      expect(res.status(), url).toBe(200);
      expect(Date.now() - t0, url).toBeLessThan(3_000);
    }
    expect((await (await context.request.get(`/api/messages/${smallUid}?folder=INBOX`)).json()).subject).toBe("Small one");

    // The third download waited for a download connection; it gets one once a stalled one is cut.
    expect(await stalled[2]!.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(15_000);

    // Both first downloads have been unread for longer than the idle limit by now (the one that freed
    // the connection, and the other, which may have stalled a little later).
    await new Promise((r) => setTimeout(r, (IDLE_S + 2) * 1000));
    // The cut ones never complete: reading them now ends early, short of the file.
    for (const s of stalled.slice(0, 2)) {
      const got = await drain(await s.res);
      expect(got.complete).toBe(false);
      expect(got.bytes).toBeLessThan(SIZE);
    }
    (await stalled[2]!.res).destroy();
    await context.close();
  } finally {
    await server?.stop();
  }
});
