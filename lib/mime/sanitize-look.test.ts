import { describe, expect, it } from "vitest";
import { sanitizeMailHtml } from "@/lib/mime/sanitize";

const clean = (html: string) => sanitizeMailHtml(html, { allowRemote: false });
const SHOW = "<summary";

describe("simple or rich HTML", () => {
  it("calls text with a little emphasis simple", () => {
    expect(clean(`<p>Hi <b>Ann</b>, <span style="color:#c00">note</span> this.</p><p style="background:#fff">x</p>`).simple).toBe(true);
    expect(clean(`<div><font color="blue">a</font> <a href="https://x.example">link</a></div>`).simple).toBe(true);
  });

  it("calls mail with its own backgrounds or a palette rich", () => {
    expect(clean(`<table bgcolor="#003366"><tr><td>x</td></tr></table>`).simple).toBe(false);
    expect(clean(`<div style="background-color: rgb(240,240,240)">x</div>`).simple).toBe(false);
    expect(clean(`<style>.hero{background:#111}</style><div class="hero">x</div>`).simple).toBe(false);
    expect(clean(`<div style="background-image:url(data:image/png;base64,AA)">x</div>`).simple).toBe(false);
    expect(clean(`<p style="color:#111">a</p><p style="color:#222">b</p><p style="color:#333">c</p><p style="color:#444">d</p>`).simple).toBe(false);
  });
});

describe("direction", () => {
  it("adds dir=auto to blocks lacking a direction and keeps the ones that have one", () => {
    const { html } = clean(`<p>مرحبا</p><div dir="ltr">x</div><ul><li>a</li></ul><table><tr><td>c</td><th>h</th></tr></table><blockquote>q</blockquote><h1>t</h1><h6>u</h6><span>s</span>`);
    expect(html).toContain('<p dir="auto">مرحبا</p>');
    expect(html).toContain('<div dir="ltr">x</div>');
    expect(html).toContain('<li dir="auto">a</li>');
    expect(html).toContain('<td dir="auto">c</td>');
    expect(html).toContain('<th dir="auto">h</th>');
    expect(html).toContain('<blockquote dir="auto">q</blockquote>');
    expect(html).toContain('<h1 dir="auto">t</h1>');
    expect(html).toContain('<h6 dir="auto">u</h6>');
    expect(html).toContain("<span>s</span>");
  });
});

describe("quoted text", () => {
  const folded = (html: string) => {
    const out = clean(html).html;
    const start = out.indexOf("<details");
    return { out, start, inside: start < 0 ? "" : out.slice(start, out.indexOf("</details>") + 10) };
  };

  it("folds an Apple Mail / Thunderbird blockquote[type=cite] that follows new text", () => {
    const { inside, out } = folded(`<p>Sounds good.</p><div>On Monday Ann wrote:</div><blockquote type="cite"><p>Lunch?</p></blockquote>`);
    expect(inside).toContain(SHOW);
    expect(inside).toContain("Show quoted text</summary>");
    expect(inside).toContain("Lunch?");
    expect(out.indexOf("Sounds good.")).toBeLessThan(out.indexOf("<details"));
  });

  it("folds Gmail's .gmail_quote, attribution included", () => {
    const { inside } = folded(`<div dir="ltr">Yes!</div><br><div class="gmail_quote"><div class="gmail_attr">On Mon, Ann wrote:<br></div><blockquote class="gmail_quote">Coming?</blockquote></div>`);
    expect(inside).toContain("On Mon, Ann wrote:");
    expect(inside).toContain("Coming?");
  });

  it("folds Outlook's #divRplyFwdMsg separator and everything after it", () => {
    const { inside, out } = folded(`<div>Done.</div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><b>From:</b> Ann<br><b>Sent:</b> Monday</div><div>Please finish.</div>`);
    expect(inside).toContain("<hr");
    expect(inside).toContain("Sent:");
    expect(inside).toContain("Please finish.");
    expect(out.indexOf("Done.")).toBeLessThan(out.indexOf("<details"));
  });

  it("folds Outlook desktop's bordered From: … Sent: … block with the quoted body", () => {
    const { inside } = folded(`<div class="WordSection1"><p>Thanks</p><div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3pt 0 0 0"><p><b>From:</b> Ann<br><b>Sent:</b> Monday<br><b>Subject:</b> Plan</p></div></div><p>Old plan text</p></div>`);
    expect(inside).toContain("Sent:");
    expect(inside).toContain("Old plan text");
    expect(inside).not.toContain("Thanks");
  });

  it("leaves a quote alone when it is the whole message or is answered inline", () => {
    expect(folded(`<blockquote type="cite"><p>Only a quote</p></blockquote>`).start).toBe(-1);
    expect(folded(`<div class="gmail_quote">Only a quote</div>`).start).toBe(-1);
    expect(folded(`<p>Hi</p><blockquote type="cite">Q1</blockquote><p>Answer 1</p>`).start).toBe(-1);
    expect(folded(`<p>No quote here. From: someone</p>`).start).toBe(-1);
  });

  it("keeps the rest of the allowlist: a hostile quote is still sanitised", () => {
    const { out } = folded(`<p>Hi</p><blockquote type="cite" onclick="alert(1)"><script>alert(2)</script><img src=x onerror="alert(3)">q</blockquote>`);
    expect(out).toContain("<details>");
    expect(out).not.toMatch(/onclick|onerror|<script|alert\(2\)/);
  });
});
