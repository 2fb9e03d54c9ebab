import { describe, expect, it } from "vitest";
import { sanitizeMailHtml } from "@/lib/mime/sanitize";
import { bodyCsp, newBodyNonce, renderBodyDocument } from "@/lib/mime/render-document";

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
  it("has a CSP that admits only its own nonce'd script and forbids remote loads unless images are allowed", () => {
    const csp = bodyCsp(false, "abc123");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'nonce-abc123'");
    expect(csp).not.toMatch(/unsafe-inline'[^;]*;?[^;]*script|script-src[^;]*(unsafe|https?:|\*|'self')/);
    expect(csp).toContain("img-src data:");
    expect(csp).not.toContain("https:");
    // Scripts yes (the nonce decides which), same-origin never.
    expect(csp).toMatch(/sandbox allow-scripts/);
    expect(csp).not.toContain("allow-same-origin");
    expect(bodyCsp(true, "n")).toContain("img-src data: https: http:");
  });

  it("wraps the sanitised HTML untouched, with one script carrying the response's nonce", () => {
    const doc = renderBodyDocument("<p>x</p>", { nonce: "N0nce" });
    expect(doc).toContain("<body><p>x</p><style>");
    const scripts = [...doc.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toEqual(['<script nonce="N0nce">']);
    expect(doc).toContain('type:"mailroom-body-size"');
  });

  it("gives each response a fresh nonce", () => {
    const a = newBodyNonce();
    const b = newBodyNonce();
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(22);
  });

  it("lets only simple mail follow the dark theme", () => {
    const simple = renderBodyDocument("<p>x</p>", { nonce: "n", simple: true });
    expect(simple).toContain('content="light dark"');
    expect(simple).toContain("prefers-color-scheme: dark");
    const rich = renderBodyDocument("<p>x</p>", { nonce: "n", simple: false });
    expect(rich).toContain('content="light"');
    expect(rich).not.toContain("prefers-color-scheme");
  });
});
