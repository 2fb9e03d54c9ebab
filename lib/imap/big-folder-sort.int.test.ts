import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { recordCommands, resetMailbox } from "@/e2e/helpers/imap";
import { loadEnv } from "@/lib/env";
import { listMessages } from "@/lib/imap/list-messages";
import type { ListOptions } from "@/lib/mail/store";

// Issue 13 point 8, sorted lists against the real Dovecot: ESORT's compact order, PARTIAL pages where
// announced (Dovecot implements it without announcing CONTEXT=SORT, so the test announces it), and the
// whole order when a server refuses what it announced. t373's folder "Sorted" is rebuilt at the start.
const user = "t373@example.test";
const FOLDER = "Sorted";
const COUNT = 300;
const LIMIT = 50;
const START = Date.UTC(2025, 0, 1, 12);
const HOUR = 3600_000;

let client: ImapFlow;
let sent: string[] = [];
let run = 0;

beforeAll(async () => {
  await resetMailbox({ email: user, password: "test-pass" });
  client = new ImapFlow({ host: "127.0.0.1", port: loadEnv().IMAP_PORT, secure: false, auth: { user, pass: "test-pass" }, logger: false });
  client.on("error", () => {});
  await client.connect();
  await client.mailboxCreate(FOLDER);
  for (let i = 0; i < COUNT; i++) {
    // Dates run against arrival for every third message, so date order is not UID order.
    const at = START + (i % 3 === 0 ? COUNT - i : i) * HOUR;
    const raw = `From: Sender ${(i * 7) % 23} <s${(i * 7) % 23}@example.test>\r\nTo: ${user}\r\nSubject: Sorted ${(i * 11) % 97} ${i}\r\nDate: ${new Date(at).toUTCString()}\r\nContent-Type: text/plain\r\n\r\nBody ${i}.\r\n`;
    await client.append(FOLDER, raw, ["\\Seen"], new Date(START + i * HOUR));
  }
  recordCommands(client, (line) => sent.push(line));
}, 60_000);

afterAll(async () => {
  await client?.logout().catch(() => client.close());
});

beforeEach(() => {
  sent = [];
  run++;
});

describe("sorted pages with ESORT", () => {
  const caps = () => client.capabilities as Map<string, unknown>;
  const sorts = () => sent.filter((c) => c.startsWith("UID SORT"));
  /** The RETURN (…) option a SORT asked for first, or null for a plain SORT. */
  const returns = (c: string) => /"value":"RETURN"\},\[\{"type":"ATOM","value":"([A-Z]+)"/.exec(c)?.[1] ?? null;
  /** Three pages of an order, under an account key of its own (so no cache is shared). */
  async function threePages(account: string, sort: ListOptions["sort"]) {
    const out: number[][] = [];
    let before: number | undefined;
    for (let n = 0; n < 3; n++) {
      const page = await listMessages(client, account, FOLDER, { limit: LIMIT, sort, before });
      out.push(page.messages.map((m) => m.uid));
      before = page.nextCursor!;
    }
    return out;
  }

  it("reads the order as ESORT's compact set, the same pages as a plain SORT", async () => {
    const sort = { key: "date", desc: true } as const;
    const esorted = await threePages(`${user}-esort-${run}`, sort);
    expect(sorts().length).toBeGreaterThan(0);
    expect(sorts().map(returns)).toEqual(sorts().map(() => "ALL"));
    const esort = caps().get("ESORT");
    caps().delete("ESORT");
    try {
      sent = [];
      expect(await threePages(`${user}-sort-${run}`, sort)).toEqual(esorted);
      expect(sorts().map(returns)).toEqual(sorts().map(() => null));
    } finally {
      caps().set("ESORT", esort);
    }
    expect(esorted[0]!.length).toBe(LIMIT);
  });

  it("pages a sort with PARTIAL where the server announces it, never reading the whole order", async () => {
    const sort = { key: "subject", desc: false } as const;
    const whole = await threePages(`${user}-whole-${run}`, sort);
    caps().set("CONTEXT=SORT", true);
    try {
      sent = [];
      expect(await threePages(`${user}-partial-${run}`, sort)).toEqual(whole);
      expect(sorts()).toHaveLength(3);
      expect(sorts().map(returns)).toEqual(["PARTIAL", "PARTIAL", "PARTIAL"]);
    } finally {
      caps().delete("CONTEXT=SORT");
    }
  });
});

describe("a server that refuses the PARTIAL it announced", () => {
  it("still pages a sort, from the whole order", async () => {
    const sort = { key: "from", desc: true } as const;
    const pages = async (account: string) => {
      const out: number[][] = [];
      let before: number | undefined;
      for (let n = 0; n < 2; n++) {
        const page = await listMessages(client, account, FOLDER, { limit: LIMIT, sort, before });
        out.push(page.messages.map((m) => m.uid));
        before = page.nextCursor!;
      }
      return out;
    };
    const whole = await pages(`${user}-whole-from-${run}`);
    const caps = client.capabilities as Map<string, unknown>;
    const raw = client as unknown as { exec: (cmd: string, attrs?: unknown[], opts?: unknown) => Promise<unknown> };
    const exec = raw.exec;
    raw.exec = (cmd, attrs, opts) =>
      cmd === "UID SORT" && JSON.stringify(attrs).includes('"PARTIAL"') ? Promise.reject(Object.assign(new Error("Command failed"), { responseStatus: "NO" })) : exec(cmd, attrs, opts);
    caps.set("CONTEXT=SORT", true);
    try {
      expect(await pages(`${user}-refused-${run}`)).toEqual(whole);
    } finally {
      raw.exec = exec;
      caps.delete("CONTEXT=SORT");
    }
    expect(whole[1]!.length).toBe(LIMIT);
  });
});

