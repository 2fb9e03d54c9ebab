import { describe, expect, it } from "vitest";
import { bodyFields, INLINE_BODY_LIMIT } from "@/lib/mime/detail-blocks";
import { INLINE_BODY_CSP } from "@/lib/mime/render-document";
import { parseMessage } from "@/lib/mime/parse-message";
import { SIZE_SCRIPT, SIZE_SCRIPT_HASH } from "@/lib/shared/body-frame-script";
import type { BodyBlock } from "@/lib/shared/types";

const mail = (html: string) =>
  Buffer.from(`From: a@example.test\r\nTo: b@example.test\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n`);
const htmlBlock = (blocks: BodyBlock[] | undefined) => blocks?.find((b) => b.kind === "html") as Extract<BodyBlock, { kind: "html" }>;

describe("the message's body comes with it (issue 13, srcdoc)", () => {
  it("an ordinary html body carries its sanitised document, policy first, the size script by hash, no remote image", () => {
    const fields = bodyFields(parseMessage(mail(`<p>Hello</p><img src="https://tracker.example/p.gif"><script>alert(1)</script>`)), 7, "INBOX");
    const block = htmlBlock(fields.blocks);
    expect(block.url).toBe("/api/messages/7/body?folder=INBOX&block=0");
    const doc = block.doc!;
    expect(doc.startsWith(`<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${INLINE_BODY_CSP}">`)).toBe(true);
    const directives = new Map(INLINE_BODY_CSP.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
    expect(directives.get("script-src")).toEqual([SIZE_SCRIPT_HASH]);
    expect(directives.get("default-src")).toEqual(["'none'"]);
    expect(directives.get("img-src")).toEqual(["data:"]);
    expect(INLINE_BODY_CSP).not.toMatch(/https?:/);
    expect(doc).toContain(`<script>${SIZE_SCRIPT}</script>`);
    expect(doc.match(/<script/g)).toHaveLength(1);
    expect(doc).toContain("<p dir=\"auto\">Hello</p>");
    expect(doc).not.toContain("tracker.example");
    expect(block.hasRemoteContent).toBe(true);
  });

  it("a body over the inline limit keeps only its URL (the frame asks for it)", () => {
    const big = `<p>${"word ".repeat(INLINE_BODY_LIMIT / 5 + 10)}</p>`;
    const block = htmlBlock(bodyFields(parseMessage(mail(big)), 8, "INBOX").blocks);
    expect(block.doc).toBeUndefined();
    expect(block.url).toContain("/api/messages/8/body?");
  });
});
