import { describe, expect, it } from "vitest";
import type { ImapFlow } from "imapflow";
import { bareNo, lacksRights } from "@/lib/imap/refusal";

// A client whose MYRIGHTS answer is `rights` (null: the server has no ACL extension).
function client(rights: string | null): ImapFlow {
  return {
    capabilities: new Set(rights === null ? [] : ["ACL"]),
    exec: async (_cmd: string, _attrs: unknown[], opts: { untagged: Record<string, (u: { attributes: { value: string }[] }) => Promise<void>> }) => {
      await opts.untagged.MYRIGHTS!({ attributes: [{ value: "Team" }, { value: rights! }] });
      return { next: () => {} };
    },
  } as unknown as ImapFlow;
}

describe("refusals without a response code", () => {
  it("counts only a tagged NO without a code as bare", () => {
    expect(bareNo({ responseStatus: "NO", responseText: "Permission denied" })).toBe(true);
    expect(bareNo({ responseStatus: "NO", serverResponseCode: "NOPERM" })).toBe(false);
    expect(bareNo({ responseStatus: "BAD" })).toBe(false);
    expect(bareNo({ code: "ECONNRESET" })).toBe(false);
    expect(bareNo(undefined)).toBe(false);
  });

  it("reads the session's rights: Cyrus's read-only 'lrs' lacks t, e, w and i", async () => {
    expect(await lacksRights(client("lrs"), "Team", "te")).toBe(true);
    expect(await lacksRights(client("lrs"), "Team", "i")).toBe(true);
    expect(await lacksRights(client("lrs"), "Team", "s")).toBe(false);
    expect(await lacksRights(client("lrswipkxtecdan"), "Team", "te")).toBe(false);
  });

  it("takes RFC 2086's 'd' as both 't' and 'e', and knows nothing without ACL", async () => {
    expect(await lacksRights(client("lrswid"), "Team", "te")).toBe(false);
    expect(await lacksRights(client(null), "Team", "te")).toBe(false);
  });
});
