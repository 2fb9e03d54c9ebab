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
