import { describe, expect, it } from "vitest";
import { sanitizeMailHtml } from "@/lib/mime/sanitize";

// Issue 10 point 12, the gaps: Outlook's plain separators in HTML, and every quote that follows new text, not only the first.
const out = (html: string) => sanitizeMailHtml(html, { allowRemote: false }).html;
const folds = (html: string) => [...out(html).matchAll(/<details>[\s\S]*?<\/details>/g)].map((m) => m[0]);

describe("quote folding in HTML: Outlook separators and several quotes", () => {
  it("folds a -----Original Message----- paragraph and what follows", () => {
    const html = `<p>Thanks, done.</p><p>-----Original Message-----<br>From: Ann<br>Sent: Monday<br>Subject: Task</p><p>Can you do the task?</p>`;
    const [fold] = folds(html);
    expect(fold).toContain("Original Message");
    expect(fold).toContain("Can you do the task?");
    expect(out(html).indexOf("Thanks, done.")).toBeLessThan(out(html).indexOf("<details"));
  });

  it("folds an Outlook on the web From: … Sent: … block that has no border", () => {
    const html = `<div>Yes.</div><div><b>From:</b> Ann &lt;ann@example.com&gt;<br><b>Sent:</b> Monday<br><b>To:</b> Bob</div><div>Original question</div>`;
    const [fold] = folds(html);
    expect(fold).toContain("Sent:");
    expect(fold).toContain("Original question");
    expect(fold).not.toContain("Yes.");
  });

  it("folds every long quote that follows new text, not only the last", () => {
    const long = "Quoted words ".repeat(30);
    const html = `<p>Reply part one.</p><blockquote type="cite">${long}first</blockquote><p>Reply part two.</p><blockquote type="cite">second</blockquote>`;
    const f = folds(html);
    expect(f).toHaveLength(2);
    expect(f[0]).toContain("first");
    expect(f[1]).toContain("second");
    expect(out(html)).toMatch(/Reply part two\.[\s\S]*<details>/);
  });

  it("keeps a short question answered inline, and an Outlook quote that is the whole message, in view", () => {
    expect(folds(`<p>Hi</p><blockquote type="cite">Q1?</blockquote><p>A1</p>`)).toEqual([]);
    expect(folds(`<p>-----Original Message-----<br>From: Ann<br>Sent: Monday</p><p>Hello</p>`)).toEqual([]);
    expect(folds(`<p>Mail from: Ann was sent: yesterday</p>`)).toEqual([]);
  });
});
