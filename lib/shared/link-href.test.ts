import { describe, expect, it } from "vitest";
import { linkHref } from "@/lib/shared/link-href";

describe("linkHref", () => {
  it("keeps web and mail links, completes bare hosts and addresses, refuses scripts", () => {
    expect(linkHref(" https://example.com/a?b=1 ")).toBe("https://example.com/a?b=1");
    expect(linkHref("mailto:carol@example.test")).toBe("mailto:carol@example.test");
    expect(linkHref("example.com/docs")).toBe("https://example.com/docs");
    expect(linkHref("carol@example.test")).toBe("mailto:carol@example.test");
    expect(linkHref("localhost:3000")).toBeNull();
    expect(linkHref("javascript:alert(1)")).toBeNull();
    expect(linkHref("data:text/html,x")).toBeNull();
    expect(linkHref("not a link")).toBeNull();
    expect(linkHref("")).toBeNull();
  });
});
