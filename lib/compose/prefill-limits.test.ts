import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { MailSession } from "@/lib/auth/session";
import type { MailStore } from "@/lib/mail/store";

// env() reads these once; this file runs in its own module scope: 1 MB per file, 2 MB per account.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "mailroom-prefill-"));
Object.assign(process.env, { MAILROOM_DATA_DIR: dataDir, IMAP_HOST: "127.0.0.1", NEXTAUTH_SECRET: "x".repeat(40), UPLOAD_MAX_MB: "1", ACCOUNT_STORAGE_MAX_MB: "2" });

const { prefill } = await import("@/lib/compose/prefill");

const KB = 1024;
const files = () => {
  try {
    return readdirSync(path.join(dataDir, "uploads"), { recursive: true }).map(String).filter((f) => f.endsWith(".bin"));
  } catch {
    return [];
  }
};

/** A message with one attachment per size given (base64, so the source is about 4/3 of the sizes). */
function message(sizes: number[]): Buffer {
  const parts = sizes.map(
    (n, i) => `--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="f${i}.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.alloc(n, i + 1).toString("base64").replace(/.{76}/g, "$&\r\n")}\r\n`,
  );
  return Buffer.from(`From: a@example.test\r\nTo: b@example.test\r\nSubject: Files\r\nMessage-ID: <m@example.test>\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n${parts.join("")}--b--\r\n`);
}

// Only readRaw is used by prefill; a fake store is enough here (the route's own e2e runs on Dovecot).
const storeOf = (raw: Buffer) => ({ readRaw: async () => raw }) as unknown as MailStore;
const session = (email: string) => ({ email, name: email, sid: "s", protocol: "imap" }) as MailSession;

describe("a forward copies the original's files under the same limits as an upload", () => {
  it("copies what fits, refuses a file over the attachment limit and a forward over the account's storage, leaving no copy behind", async () => {
    const who = session("prefill@example.test");
    const ok = await prefill(who, storeOf(message([300 * KB, 200 * KB])), { folder: "INBOX", uid: 1, mode: "forward" });
    expect(ok.attachments.map((a) => a.size)).toEqual([300 * KB, 200 * KB]);
    expect(files()).toHaveLength(2);

    // One file over UPLOAD_MAX_MB (1 MB): refused by name, nothing written.
    const big = await prefill(who, storeOf(message([100 * KB, 1100 * KB])), { folder: "INBOX", uid: 2, mode: "forward" }).catch((e: unknown) => e);
    expect(big).toMatchObject({ code: "ATTACHMENT_TOO_LARGE", message: expect.stringMatching(/“f1\.bin” is larger than the attachment limit of 1 MB/) });
    expect(files()).toHaveLength(2);

    // Forwarding as an attachment copies the whole source: fits once more (2 MB account, 0.5 MB used)...
    const whole = await prefill(who, storeOf(message([600 * KB])), { folder: "INBOX", uid: 3, mode: "forwardAttachment" });
    expect(whole.attachments).toHaveLength(1);
    expect(whole.attachments[0]!.size).toBeGreaterThan(800 * KB);
    // ...then the account is nearly full: the next copies are refused whole (507), none of them kept.
    const full = await prefill(who, storeOf(message([500 * KB, 400 * KB])), { folder: "INBOX", uid: 4, mode: "forward" }).catch((e: unknown) => e);
    expect(full).toMatchObject({ code: "STORAGE_QUOTA_EXCEEDED", message: expect.stringMatching(/not copied into the composer/) });
    expect(files()).toHaveLength(3);

    // A reply copies nothing, so a full account can still reply.
    expect((await prefill(who, storeOf(message([500 * KB])), { folder: "INBOX", uid: 5, mode: "reply" })).attachments).toEqual([]);
  });
});
