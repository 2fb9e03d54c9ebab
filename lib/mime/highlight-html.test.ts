import { describe, expect, it } from "vitest";
import { highlightHtml } from "@/lib/mime/highlight-html";

describe("highlightHtml", () => {
  it("marks words in text only, never in tags, attributes, styles or entities", () => {
    const html = '<style>.budget{color:red}</style><p title="budget">The <b>Budget</b> &amp; budget&lt;x&gt;</p><a href="https://x.test/budget">link</a>';
    const out = highlightHtml(html, "budget");
    expect(out).toContain('<style>.budget{color:red}</style>');
    expect(out).toContain('title="budget"');
    expect(out).toContain('href="https://x.test/budget"');
    expect(out.match(/<mark /g)).toHaveLength(2);
    expect(out).toContain('<b><mark style="background:#fde68a;color:inherit;border-radius:2px">Budget</mark></b>');
    expect(out).toContain("&amp; <mark");
    expect(out).toContain("&lt;x&gt;");
  });

  it("adds nothing that could run, whatever the search says", () => {
    const out = highlightHtml("<p>hello &lt;script&gt; world</p>", '"<script>alert(1)</script>" hello');
    expect(out).not.toMatch(/<script/i);
    expect(out).toContain("<mark");
    expect(highlightHtml("<p>a</p>", "is:unread")).toBe("<p>a</p>");
  });
});
