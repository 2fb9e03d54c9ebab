import { ImapFlow } from "imapflow";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetMailbox } from "@/e2e/helpers/imap";
import { loadEnv } from "@/lib/env";
import { listMessages } from "@/lib/imap/list-messages";
import { getMessage } from "@/lib/imap/get-message";

// Against the real Dovecot: what ENVELOPE gives for raw 8-bit and doubled From headers, and what the list shows instead.
const user = "t90@example.test";
let client: ImapFlow;

const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");

beforeAll(async () => {
  client = new ImapFlow({ host: "127.0.0.1", port: loadEnv().IMAP_PORT, secure: false, auth: { user, pass: "test-pass" }, logger: false });
  client.on("error", () => {});
  await resetMailbox({ email: user, password: "test-pass" });
  await client.connect();
  const latin = iconv.encode(crlf("From: José Müller <jose@example.test>\nTo: Zoë <zoe@example.test>\nCc: Ångström <a@example.test>\nSubject: Réunion à Genève\nDate: Tue, 01 Dec 2026 09:00:00 +0000\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\nCafé\n"), "latin1");
  const two = Buffer.from(crlf("From: Bank <service@bank.example>\nFrom: thief@evil.example\nSubject: Two senders\nDate: Tue, 01 Dec 2026 09:01:00 +0000\nContent-Type: text/plain\n\nHello\n"));
  await client.append("INBOX", latin);
  await client.append("INBOX", two);
});

afterAll(async () => {
  await client.logout().catch(() => client.close());
});

describe("list and pane headers from raw bytes", () => {
  it("shows Latin-1 names and subjects with accents, and every From header", async () => {
    const page = await listMessages(client, `${user}-int`, "INBOX", { limit: 50 });
    const bySubject = new Map(page.messages.map((m) => [m.subject, m]));
    const latin = bySubject.get("Réunion à Genève");
    expect(latin?.from).toEqual({ name: "José Müller", address: "jose@example.test" });
    expect(latin?.to).toEqual([{ name: "Zoë", address: "zoe@example.test" }]);
    const two = bySubject.get("Two senders");
    expect(two?.fromHeaders).toBe(2);
    expect(two?.fromAll?.map((a) => a.address)).toEqual(["service@bank.example", "thief@evil.example"]);

    const detail = await getMessage(client, `${user}-int`, "INBOX", latin!.uid, true);
    expect(detail.cc).toEqual([{ name: "Ångström", address: "a@example.test" }]);
    expect(detail.text?.trim()).toBe("Café");
  });
});
