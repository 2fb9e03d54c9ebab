import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendMessages, resetMailbox, withImap } from "@/e2e/helpers/imap";
import { largestMessages, readQuota } from "@/lib/imap/quota";

// Point 17 against the real Dovecot (quota plugin, config/dovecot/dovecot.conf): GETQUOTAROOT and the
// largest-messages scan. User t301 only.
const user = { email: "t301@example.test", password: "test-pass" };

function mail(subject: string, bytes: number, attachment?: string): string {
  const head = `From: Big Sender <big@example.test>\r\nTo: ${user.email}\r\nSubject: ${subject}\r\nDate: Tue, 01 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n`;
  const blob = Buffer.alloc(bytes, 7).toString("base64").replace(/.{76}/g, "$&\r\n");
  if (!attachment) return `${head}Content-Type: text/plain\r\n\r\n${"x".repeat(bytes)}\r\n`;
  return `${head}Content-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--b1\r\nContent-Type: application/pdf; name="${attachment}"\r\nContent-Disposition: attachment; filename="${attachment}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${blob}\r\n--b1--\r\n`;
}

beforeAll(async () => {
  await resetMailbox(user);
  await withImap(user, (c) => c.mailboxCreate("Projects").then(() => undefined));
  await appendMessages(user, "INBOX", [mail("small one", 2_000), mail("medium report", 300_000), mail("huge scan", 250_000, "big-scan.pdf")]);
  await appendMessages(user, "Projects", [mail("project video", 150_000, "demo.pdf")]);
});

afterAll(async () => {
  await resetMailbox(user);
});

describe("IMAP QUOTA and Free up space (real Dovecot)", () => {
  it("reads the storage quota of INBOX's root, in bytes, with the usage of what was appended", async () => {
    const q = await withImap(user, (c) => readQuota(c));
    expect(q).not.toBeNull();
    expect(q!.limitBytes).toBe(1024 * 1024 * 1024);
    expect(q!.usedBytes).toBeGreaterThan(300_000);
    expect(q!.usedBytes).toBeLessThan(q!.limitBytes);
  });

  it("lists the largest messages across folders, largest first, with their attachments, and skips small ones", async () => {
    const res = await withImap(user, (c) => largestMessages(c, ["INBOX", "Projects", "Sent"], 10));
    expect(res.messages.map((m) => m.subject)).toEqual(["huge scan", "medium report", "project video"]);
    expect(res.messages.some((m) => m.subject === "small one")).toBe(false);
    const sizes = res.messages.map((m) => m.size);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    const video = res.messages.find((m) => m.subject === "project video")!;
    expect(video.folder).toBe("Projects");
    expect(video.from).toBe("Big Sender");
    expect(video.attachments).toEqual([{ filename: "demo.pdf", size: expect.any(Number) }]);
    expect(video.attachments[0]!.size).toBeGreaterThan(100_000);
    expect(res.truncated).toBe(false);
  });
});
