import { describe, it, expect } from "vitest";
import { linkify } from "./linkify";

const links = (text: string) => linkify(text).filter((s) => s.kind === "link").map((s) => s.href);

describe("linkify", () => {
  it("links http and https URLs and keeps the text around them", () => {
    expect(linkify("See https://example.com/a?b=1 now")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
      { kind: "text", text: " now" },
    ]);
    expect(links("plain http://example.org/x")).toEqual(["http://example.org/x"]);
  });

  it("links mailto:", () => {
    expect(links("Write to mailto:ops@example.com.")).toEqual(["mailto:ops@example.com"]);
  });

  it("does not link javascript:, data: or ftp:", () => {
    expect(links("javascript:alert(1)")).toEqual([]);
    expect(links("data:text/html;base64,PHNjcmlwdD4=")).toEqual([]);
    expect(links("ftp://files.example.com/pub")).toEqual([]);
    expect(links("JavaScript:void(0) and DATA:text/plain,hi")).toEqual([]);
    expect(linkify("javascript:alert(1)")).toEqual([{ kind: "text", text: "javascript:alert(1)" }]);
  });

  it("leaves trailing . ) and , out of the link", () => {
    expect(links("Go to https://example.com.")).toEqual(["https://example.com"]);
    expect(links("(see https://example.com/docs)")).toEqual(["https://example.com/docs"]);
    expect(links("https://a.example/x, https://b.example/y, done")).toEqual(["https://a.example/x", "https://b.example/y"]);
    expect(links("end with https://example.com/a).")).toEqual(["https://example.com/a"]);
  });

  it("keeps balanced parentheses inside a URL", () => {
    expect(links("https://en.wikipedia.org/wiki/Mail_(disambiguation) is")).toEqual([
      "https://en.wikipedia.org/wiki/Mail_(disambiguation)",
    ]);
  });

  it("ignores a bare scheme and schemes glued to a word", () => {
    expect(links("https:// nothing")).toEqual([]);
    expect(links("xhttps://example.com")).toEqual([]);
  });

  it("returns one text segment when there is nothing to link", () => {
    expect(linkify("hello\nworld")).toEqual([{ kind: "text", text: "hello\nworld" }]);
    expect(linkify("")).toEqual([]);
  });
});
