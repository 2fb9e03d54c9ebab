import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetMailbox } from "@/e2e/helpers/imap";
import { loadEnv } from "@/lib/env";
import { listMessages } from "@/lib/imap/list-messages";

// Against the real Dovecot: the search box's operators become SEARCH keys that find the right messages.
const user = "t286@example.test";
let client: ImapFlow;
const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");

beforeAll(async () => {
  client = new ImapFlow({ host: "127.0.0.1", port: loadEnv().IMAP_PORT, secure: false, auth: { user, pass: "test-pass" }, logger: false });
  client.on("error", () => {});
  await resetMailbox({ email: user, password: "test-pass" });
  await client.connect();
  const plain = (from: string, to: string, subject: string, date: string, body: string) =>
    Buffer.from(crlf(`From: ${from}\nTo: ${to}\nSubject: ${subject}\nDate: ${date}\nContent-Type: text/plain\n\n${body}\n`));
  await client.append("INBOX", plain("Carol Chen <carol@example.test>", "Dana <dana@example.test>", "Budget review", "Mon, 02 Nov 2026 10:00:00 +0000", "the weekly report is late"), ["\\Seen"]);
  await client.append("INBOX", plain("Bob <bob@example.test>", "Erin <erin@example.test>", "Lunch friday", "Tue, 24 Nov 2026 10:00:00 +0000", "budget for pizza"));
  const withFile = crlf(
    'From: Carol Chen <carol@example.test>\nTo: Erin <erin@example.test>\nSubject: Slides\nDate: Wed, 25 Nov 2026 10:00:00 +0000\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nsee attached\n--b\nContent-Type: application/pdf; name="s.pdf"\nContent-Disposition: attachment; filename="s.pdf"\nContent-Transfer-Encoding: base64\n\nJVBERi0=\n--b--\n',
  );
  await client.append("INBOX", Buffer.from(withFile), ["\\Seen"]);
});

afterAll(async () => {
  await client.logout().catch(() => client.close());
});

const find = async (text: string, field: "all" | "from" | "subject" | "body" = "all") =>
  (await listMessages(client, `${user}-ops`, "INBOX", { limit: 50, search: { text, field } })).messages.map((m) => m.subject).sort();

describe("search operators on IMAP", () => {
  it("from:, to:, subject:, has:attachment, is:unread, before:/after: and phrases", async () => {
    expect(await find("from:carol")).toEqual(["Budget review", "Slides"]);
    expect(await find("to:erin")).toEqual(["Lunch friday", "Slides"]);
    expect(await find("subject:budget")).toEqual(["Budget review"]);
    expect(await find("budget")).toEqual(["Budget review", "Lunch friday"]);
    expect(await find("has:attachment")).toEqual(["Slides"]);
    expect(await find("is:unread")).toEqual(["Lunch friday"]);
    expect(await find("before:2026-11-20")).toEqual(["Budget review"]);
    expect(await find("after:2026-11-25")).toEqual(["Slides"]);
    expect(await find('"weekly report"')).toEqual(["Budget review"]);
    expect(await find('"report weekly"')).toEqual([]);
    expect(await find("from:carol has:attachment after:2026-11-01")).toEqual(["Slides"]);
    expect(await find("budget pizza")).toEqual(["Lunch friday"]);
  });
});
