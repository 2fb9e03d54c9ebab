import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// env() reads these once; this file runs in its own module scope. A 1 MB account quota, 5 MB per file.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "mailroom-quota-"));
Object.assign(process.env, { MAILROOM_DATA_DIR: dataDir, IMAP_HOST: "127.0.0.1", NEXTAUTH_SECRET: "x".repeat(40), UPLOAD_MAX_MB: "5", ACCOUNT_STORAGE_MAX_MB: "1" });

const { receiveUpload } = await import("@/lib/compose/receive-upload");
const { getUpload } = await import("@/lib/compose/uploads");
const { ERROR_STATUS } = await import("@/lib/shared/error-codes");

const files = () => readdirSync(path.join(dataDir, "uploads"), { recursive: true }).map(String).filter((f) => f.endsWith(".bin"));

function upload(bytes: number, declareLength = true): Request {
  const form = new FormData();
  form.append("file", new Blob([Buffer.alloc(bytes, 7)]), "f.bin");
  const req = new Request("http://localhost/api/uploads", { method: "POST", body: form });
  if (declareLength) return req;
  // Chunked (no Content-Length): only the streamed count can stop it.
  return new Request("http://localhost/api/uploads", { method: "POST", body: req.body, headers: { "content-type": req.headers.get("content-type")! }, duplex: "half" } as RequestInit);
}

describe("account storage quota (ACCOUNT_STORAGE_MAX_MB) for uploads", () => {
  it("accepts uploads up to the quota, then refuses with STORAGE_QUOTA_EXCEEDED (507), keeping what is stored and leaving no partial file", async () => {
    const email = "quota@example.test";
    const first = await receiveUpload(email, upload(600 * 1024));
    expect(first.size).toBe(600 * 1024);
    // Streamed without a declared length: stopped by the byte count.
    const streamed = await receiveUpload(email, upload(600 * 1024, false)).catch((e: unknown) => e);
    expect(streamed).toMatchObject({ code: "STORAGE_QUOTA_EXCEEDED", message: expect.stringMatching(/storage on this server is full/) });
    // Declared too big for the room left: refused before reading.
    const declared = await receiveUpload(email, upload(900 * 1024)).catch((e: unknown) => e);
    expect(declared).toMatchObject({ code: "STORAGE_QUOTA_EXCEEDED" });
    expect(ERROR_STATUS.STORAGE_QUOTA_EXCEEDED).toBe(507);
    expect(files()).toHaveLength(1);
    expect((await getUpload(email, first.id)).size).toBe(600 * 1024);
    // What still fits is accepted; another account has its own quota.
    expect((await receiveUpload(email, upload(300 * 1024))).size).toBe(300 * 1024);
    expect((await receiveUpload("other@example.test", upload(900 * 1024))).size).toBe(900 * 1024);
  });
});
