import { describe, expect, it } from "vitest";
import { sanitizeMailHtml } from "@/lib/mime/sanitize";
import { bodyCsp, renderBodyDocument } from "@/lib/mime/render-document";

const hostile = `
<p onclick="alert(1)">Hello <b>there</b></p>
<script>alert('x')</script>
<img src="https://tracker.example.com/p.png" alt="pixel" onerror="alert(2)">
<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">
<img src="file:///etc/passwd"><img src="cid:missing@x">
<a href="javascript:alert(3)">bad link</a>
<a href="https://example.com/ok">good link</a>
<a href="mailto:a@example.com">mail</a>
<iframe src="https://evil.example"></iframe><object data="x.swf"></object><embed src="x">
<form action="https://evil.example"><input name="q"><button>Go</button></form>
<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">
<svg onload="alert(4)"><circle r="5"/></svg>
<style>body{color:red}</style>
<table background="https://tracker.example.com/bg.png"><tr><td style="color:blue">cell</td></tr></table>`;

describe("sanitizeMailHtml", () => {
  it("removes scripts, event handlers, javascript: links and active elements", () => {
    const { html } = sanitizeMailHtml(hostile, { allowRemote: false });
    expect(html).not.toMatch(/<script|onclick|onerror|onload|javascript:|<iframe|<object|<embed|<form|<input|<meta|<base|<svg/i);
    expect(html).toContain("<b>there</b>");
    expect(html).toContain('href="https://example.com/ok"');
    expect(html).toContain('href="mailto:a@example.com"');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toContain('style="color:blue"');
    expect(html).toContain("<style>body{color:red}</style>");
    expect(html).not.toContain("background=");
  });

  it("holds back remote images until allowed, keeps data: images, drops other schemes", () => {
    const blocked = sanitizeMailHtml(hostile, { allowRemote: false });
    expect(blocked.hasRemoteContent).toBe(true);
    expect(blocked.html).not.toContain("tracker.example.com/p.png");
    expect(blocked.html).toContain("data-remote-blocked");
    expect(blocked.html).toContain("data:image/png;base64,iVBORw0KGgo=");
    expect(blocked.html).not.toContain("file:");
    expect(blocked.html).not.toContain("cid:");
    const allowed = sanitizeMailHtml(hostile, { allowRemote: true });
    expect(allowed.html).toContain('src="https://tracker.example.com/p.png"');
  });

  it("reports remote CSS and no remote content when there is none", () => {
    expect(sanitizeMailHtml(`<div style="background:url('https://x.example/a.png')">x</div>`, { allowRemote: false }).hasRemoteContent).toBe(true);
    expect(sanitizeMailHtml(`<p>plain <i>html</i></p>`, { allowRemote: false }).hasRemoteContent).toBe(false);
  });

  it("drops a <style> that carries markup (mXSS through foreign content)", () => {
    const { html } = sanitizeMailHtml(`<math><mtext><table><mglyph><style><img src=x onerror="alert(1)"></style></mglyph></table></mtext></math>`, { allowRemote: false });
    expect(html).not.toMatch(/onerror|<img|<math|<style/);
  });

  it("keeps <style> from <head>, as newsletters use it", () => {
    const { html } = sanitizeMailHtml(`<html><head><title>T</title><style>.a{color:red}</style></head><body><p class="a">x</p></body></html>`, { allowRemote: false });
    expect(html).toContain("<style>.a{color:red}</style>");
    expect(html).not.toContain("T<");
  });

  it("keeps a </style> breakout from smuggling a script", () => {
    const { html } = sanitizeMailHtml(`<style>p{}</style><script>alert(1)</script><style>x{}</style>`, { allowRemote: false });
    expect(html).not.toContain("<script");
  });
});

describe("body document", () => {
  it("has a CSP that forbids scripts and remote loads unless images are allowed", () => {
    expect(bodyCsp(false)).toContain("default-src 'none'");
    expect(bodyCsp(false)).toContain("img-src data:");
    expect(bodyCsp(false)).not.toContain("https:");
    expect(bodyCsp(false)).toMatch(/sandbox(?![^;]*allow-scripts)/);
    expect(bodyCsp(true)).toContain("img-src data: https: http:");
    expect(renderBodyDocument("<p>x</p>")).toContain("<body><p>x</p></body>");
  });
});
