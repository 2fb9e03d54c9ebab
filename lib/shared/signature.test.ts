import { describe, expect, it } from "vitest";
import { insertSignature, replaceSignature, signatureHtml } from "@/lib/shared/signature";
import { replyHtml } from "@/lib/shared/compose-text";

describe("signatures in the composer", () => {
  it("puts the signature under the typing line of a new message, escaped, one line per line", () => {
    expect(insertSignature("<p></p>", "Tess <Support>\r\nACME & Co")).toBe("<p></p><p>-- <br>Tess &lt;Support&gt;<br>ACME &amp; Co</p>");
    expect(insertSignature("<p></p>", "   ")).toBe("<p></p>");
    expect(signatureHtml("")).toBe("");
  });

  it("puts it above the quote of a reply", () => {
    const reply = replyHtml({ date: new Date("2026-12-01T10:00:00Z"), name: "Bob", text: "Hello" });
    const out = insertSignature(reply, "Tess");
    expect(out.indexOf("-- <br>Tess")).toBeGreaterThan(0);
    expect(out.indexOf("-- <br>Tess")).toBeLessThan(out.indexOf("<blockquote>"));
    expect(out.startsWith("<p></p><p>-- <br>Tess</p>")).toBe(true);
  });

  it("swaps the signature when another identity is picked, unless the person edited it", () => {
    const html = insertSignature("<p></p>", "Tess\nSupport");
    expect(replaceSignature(`<p>Hi</p>${html.slice(7)}`, "Tess\nSupport", "Tess\nSales")).toBe("<p>Hi</p><p>-- <br>Tess<br>Sales</p>");
    expect(replaceSignature("<p>Hi</p><p>-- <br>Tess, edited</p>", "Tess", "Sales")).toBe("<p>Hi</p><p>-- <br>Tess, edited</p>");
    expect(replaceSignature("<p>Hi</p>", "", "Sales")).toBe("<p></p><p>-- <br>Sales</p><p>Hi</p>");
    expect(replaceSignature(html, "Tess\nSupport", "")).toBe("<p></p>");
  });
});
