import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetMailbox } from "@/e2e/helpers/imap";
import { loadEnv } from "@/lib/env";
import { listMessages } from "@/lib/imap/list-messages";
import { fetchPreviews } from "@/lib/imap/preview";

// RFC 8970 PREVIEW against the real Dovecot (which announces it), and the partial-fetch fallback without it.
const user = "t321@example.test";
let client: ImapFlow;
const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");

// Text nested two levels down (part 1.1): the page's own FETCH of part 1 cannot carry its snippet.
const nested = (subject: string, minute: number, body: string) =>
  crlf(
    `From: Alice <alice@example.test>\nTo: ${user}\nSubject: ${subject}\nDate: Tue, 01 Dec 2026 09:${String(minute).padStart(2, "0")}:00 +0000\nMIME-Version: 1.0\n` +
      `Content-Type: multipart/mixed; boundary=b1\n\n--b1\nContent-Type: multipart/alternative; boundary=b2\n\n--b2\nContent-Type: text/plain; charset=utf-8\n\n${body}\n` +
      `--b2\nContent-Type: text/html; charset=utf-8\n\n<p>html</p>\n--b2--\n--b1\nContent-Type: application/pdf; name=a.pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0=\n--b1--\n`,
  );

beforeAll(async () => {
  client = new ImapFlow({ host: "127.0.0.1", port: loadEnv().IMAP_PORT, secure: false, auth: { user, pass: "test-pass" }, logger: false });
  client.on("error", () => {});
  await resetMailbox({ email: user, password: "test-pass" });
  await client.connect();
  await client.append("INBOX", Buffer.from(nested("Reply", 1, "See you at ten.\n\nOn Mon, Alice wrote:\n> Meet?\n-- \nBob")));
  await client.append("INBOX", Buffer.from(nested("Accents", 2, "Café à Genève demain, avec les autres.")));
});

afterAll(async () => {
  await client.logout().catch(() => client.close());
});

describe("row snippets from PREVIEW where the server has it", () => {
  it("asks for every nested-text message's preview in one UID FETCH, quotes and signature skipped", async () => {
    expect(client.capabilities.has("PREVIEW")).toBe(true);
    const exec = vi.spyOn(client as unknown as { exec: (...a: unknown[]) => Promise<unknown> }, "exec");
    try {
      const page = await listMessages(client, `${user}-preview`, "INBOX", { limit: 50 });
      const by = new Map(page.messages.map((m) => [m.subject, m.snippet]));
      expect(by.get("Reply")).toBe("See you at ten.");
      expect(by.get("Accents")).toBe("Café à Genève demain, avec les autres.");
      const fetches = exec.mock.calls.filter(([cmd]) => cmd === "UID FETCH").map(([, attrs]) => JSON.stringify(attrs));
      expect(fetches.filter((a) => a.includes('"PREVIEW"'))).toHaveLength(1);
      // No partial fetch of part 1.1 was needed.
      expect(fetches.some((a) => a.includes("1.1"))).toBe(false);
    } finally {
      exec.mockRestore();
    }
  });

  it("reads the server's previews by UID and leaves out UIDs that do not exist", async () => {
    const lock = await client.getMailboxLock("INBOX");
    try {
      const uids = (await client.search({ all: true }, { uid: true })) || [];
      const previews = await fetchPreviews(client, [...uids, 999_999]);
      expect([...previews.keys()].sort()).toEqual([...uids].sort());
      expect(previews.get(uids[1]!)).toBe("Café à Genève demain, avec les autres.");
    } finally {
      lock.release();
    }
  });

  it("falls back to the partial fetch on a server without PREVIEW", async () => {
    const saved = client.capabilities.get("PREVIEW");
    client.capabilities.delete("PREVIEW");
    const exec = vi.spyOn(client as unknown as { exec: (...a: unknown[]) => Promise<unknown> }, "exec");
    try {
      const page = await listMessages(client, `${user}-nopreview`, "INBOX", { limit: 50 });
      const by = new Map(page.messages.map((m) => [m.subject, m.snippet]));
      expect(by.get("Reply")).toBe("See you at ten.");
      expect(by.get("Accents")).toBe("Café à Genève demain, avec les autres.");
      expect(exec.mock.calls.some(([, attrs]) => JSON.stringify(attrs).includes('"PREVIEW"'))).toBe(false);
    } finally {
      exec.mockRestore();
      client.capabilities.set("PREVIEW", saved ?? true);
    }
  });
});
