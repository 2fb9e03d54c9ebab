import { describe, expect, it } from "vitest";
import { conditionalJson, etagMatches, pageEtag } from "@/lib/mail/page-etag";

describe("list page validator", () => {
  const page = { folder: "INBOX", total: 2, messages: [{ uid: 2, seen: false }, { uid: 1, seen: true }], token: "5:10" };

  it("is the same for the same page and differs when anything shown changes", () => {
    const a = pageEtag(JSON.stringify(page));
    expect(pageEtag(JSON.stringify({ ...page }))).toBe(a);
    expect(pageEtag(JSON.stringify({ ...page, total: 3 }))).not.toBe(a);
    expect(pageEtag(JSON.stringify({ ...page, messages: [{ uid: 2, seen: true }, { uid: 1, seen: true }] }))).not.toBe(a);
    expect(pageEtag(JSON.stringify({ ...page, token: "5:11" }))).not.toBe(a);
    expect(a).toMatch(/^"[A-Za-z0-9_-]+"$/);
  });

  it("matches If-None-Match lists, weak tags and *", () => {
    const tag = pageEtag("x");
    expect(etagMatches(null, tag)).toBe(false);
    expect(etagMatches(tag, tag)).toBe(true);
    expect(etagMatches(`"other", W/${tag}`, tag)).toBe(true);
    expect(etagMatches("*", tag)).toBe(true);
    expect(etagMatches(`"other"`, tag)).toBe(false);
  });

  it("answers 304 without a body when the browser holds the page, 200 with JSON otherwise", async () => {
    const first = conditionalJson(page, null);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    expect(await first.json()).toEqual(page);
    const again = conditionalJson(page, etag);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect(conditionalJson({ ...page, total: 3 }, etag).status).toBe(200);
  });
});
