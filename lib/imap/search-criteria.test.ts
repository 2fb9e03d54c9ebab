import { describe, expect, it } from "vitest";
import { searchCompiler } from "imapflow/lib/search-compiler.js";
import type { ImapFlow } from "imapflow";
import { searchCriteria } from "@/lib/imap/search-criteria";

// Only what the compiler reads: a server without WITHIN, UTF8=ACCEPT or Gmail extensions (like the test Dovecot).
const connection = { capabilities: new Map<string, boolean>(), enabled: new Set<string>() } as unknown as ImapFlow;

/** The SEARCH arguments imapflow sends for our query object, flattened to text. */
function wire(text: string, field: "all" | "from" | "subject" | "body" = "all"): string {
  const flat = (a: unknown): string =>
    Array.isArray(a) ? `(${a.map(flat).join(" ")})` : String((a as { value: unknown }).value instanceof Buffer ? (a as { value: Buffer }).value.toString() : (a as { value: unknown }).value);
  return (searchCompiler(connection, searchCriteria(text, field)) as unknown[]).map(flat).join(" ");
}

describe("searchCriteria", () => {
  it("maps operators to IMAP SEARCH keys", () => {
    expect(wire("from:carol")).toBe("FROM carol");
    expect(wire("to:dana")).toBe("OR TO dana CC dana");
    expect(wire("subject:budget is:unread")).toBe("SUBJECT budget UNSEEN");
    expect(wire("has:attachment")).toBe("HEADER CONTENT-TYPE multipart/mixed");
    expect(wire("before:2026-11-30 after:2026-11-01")).toBe("SENTBEFORE 30-Nov-2026 SENTSINCE 01-Nov-2026");
  });

  it("ANDs several free words, each in the chosen field", () => {
    expect(wire("lunch friday", "subject")).toBe("SUBJECT lunch SUBJECT friday");
    expect(wire('"weekly report" from:carol')).toBe("FROM carol OR OR FROM weekly report SUBJECT weekly report BODY weekly report");
    expect(wire("lunch friday")).toBe("OR OR FROM lunch SUBJECT lunch BODY lunch NOT NOT OR OR FROM friday SUBJECT friday BODY friday");
  });

  it("searches punctuation-only input as typed", () => {
    expect(wire("!!!", "body")).toBe("BODY !!!");
  });
});
