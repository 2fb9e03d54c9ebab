import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";

// env() reads these once; this file runs in its own module scope.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "mailroom-uploads-"));
Object.assign(process.env, { MAILROOM_DATA_DIR: dataDir, IMAP_HOST: "127.0.0.1", NEXTAUTH_SECRET: "x".repeat(40), UPLOAD_MAX_MB: "1" });

const { deleteUpload, getUpload, storeUpload } = await import("@/lib/compose/uploads");
const { rankAddresses } = await import("@/lib/compose/contacts");

const files = () => readdirSync(path.join(dataDir, "uploads"), { recursive: true }).map(String).filter((f) => f.endsWith(".bin"));

describe("uploads", () => {
  it("streams a file to disk under a random id; the client's name is only metadata", async () => {
    const info = await storeUpload("a@example.test", Readable.from([Buffer.alloc(1000, 1), Buffer.alloc(24, 2)]), { filename: "../../etc/pass\r\nwd", contentType: "Text/Plain" });
    expect(info).toMatchObject({ filename: "pass wd", contentType: "text/plain", size: 1024 });
    expect(info.id).toMatch(/^[0-9a-f]{32}$/);
    const got = await getUpload("a@example.test", info.id);
    expect(readFileSync(got.path).length).toBe(1024);
    expect(path.relative(dataDir, got.path).startsWith("uploads")).toBe(true);
    // Another account can't reach it, and ids are checked.
    await expect(getUpload("b@example.test", info.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getUpload("a@example.test", "../x")).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await deleteUpload("a@example.test", info.id);
    await expect(getUpload("a@example.test", info.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("stops past UPLOAD_MAX_MB with ATTACHMENT_TOO_LARGE and leaves no partial file", async () => {
    const before = files().length;
    const chunks = Array.from({ length: 20 }, () => Buffer.alloc(64 * 1024));
    await expect(storeUpload("a@example.test", Readable.from(chunks), { filename: "big.bin", contentType: "application/octet-stream" })).rejects.toMatchObject({
      code: "ATTACHMENT_TOO_LARGE",
      message: expect.stringContaining("1 MB"),
    });
    expect(files().length).toBe(before);
  });
});

describe("contacts", () => {
  it("ranks by frequency and recency, one entry per address, never me", () => {
    const r = rankAddresses(
      [
        { name: "", address: "old@x.test" },
        { name: "Bob", address: "bob@x.test" },
        { name: "", address: "ME@x.test" },
        { name: "", address: "BOB@x.test" },
        { name: "New", address: "new@x.test" },
      ],
      "me@x.test",
    );
    expect(r.map((c) => c.address.toLowerCase())).toEqual(["bob@x.test", "new@x.test", "old@x.test"]);
    expect(r[0]!.name).toBe("Bob");
  });
});

describe("contacts cache bounds (issue 9 §10)", () => {
  it("keeps the lists of at most 500 accounts, the most recently asked", async () => {
    const { searchContacts, contactsCacheSize } = await import("@/lib/compose/contacts");
    const store = { recentAddresses: async () => [{ name: "", address: "x@x.test" }] } as unknown as Parameters<typeof searchContacts>[1];
    for (let i = 0; i < 700; i++) await searchContacts(`acct${i}@example.test`, store, "");
    expect(contactsCacheSize()).toBe(500);
  });
});
