import { describe, expect, it } from "vitest";
import { snippetFromPreview } from "@/lib/imap/preview";

// The server's PREVIEW skips quoted lines but keeps the attribution and the signature, all on one line.
describe("row snippets from a server preview", () => {
  it("drops the signature and the attribution line", () => {
    expect(snippetFromPreview("See you at ten. On Mon, Alice wrote: More after the quote -- Bob")).toBe("See you at ten. More after the quote");
    expect(snippetFromPreview("Merci ! Le 3 nov. 2026, Carol a écrit : -- Dan")).toBe("Merci !");
  });
  it("cuts long previews like the partial-fetch snippets", () => {
    const long = "word ".repeat(60).trim();
    const s = snippetFromPreview(long);
    expect(s.length).toBeLessThanOrEqual(101);
    expect(s.endsWith("…")).toBe(true);
  });
  it("keeps a double dash inside a sentence that is not a signature", () => {
    expect(snippetFromPreview("Prices--as agreed--stay.")).toBe("Prices--as agreed--stay.");
  });
});

describe("a server that announces PREVIEW but answers NIL (Cyrus 3.6 as installed)", () => {
  it("is asked once per connection, then left to the partial fetch", async () => {
    const { fetchPreviews, hasPreview } = await import("@/lib/imap/preview");
    let calls = 0;
    const client = {
      capabilities: new Map([["PREVIEW", true]]),
      async exec(_cmd: string, _attrs: unknown[], opts: { untagged: { FETCH: (u: unknown) => Promise<void> } }) {
        calls++;
        for (const uid of [1, 2]) await opts.untagged.FETCH({ attributes: [{ value: String(uid) }, [{ type: "ATOM", value: "UID" }, { type: "ATOM", value: String(uid) }, { type: "ATOM", value: "PREVIEW" }, null]] });
        return { next() {} };
      },
    } as unknown as import("imapflow").ImapFlow;
    expect(hasPreview(client)).toBe(true);
    expect((await fetchPreviews(client, [1, 2])).size).toBe(0);
    expect(calls).toBe(1);
    expect(hasPreview(client)).toBe(false);
  });
});
