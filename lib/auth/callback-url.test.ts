import { describe, expect, it } from "vitest";
import { safeCallback } from "@/lib/auth/callback-url";

describe("safeCallback", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeCallback("/mail/INBOX")).toBe("/mail/INBOX");
    expect(safeCallback("/mail/Projects%2FMailroom?q=plan")).toBe("/mail/Projects%2FMailroom?q=plan");
    expect(safeCallback("/settings#x")).toBe("/settings");
  });

  it("refuses anything a browser would read as another site", () => {
    for (const hostile of [
      "https://evil.example/mail",
      "//evil.example/mail",
      "/\\evil.example",
      "\\\\evil.example",
      // Parsing drops the dot segment and leaves "//evil.example/…", a protocol-relative address.
      "/.//evil.example/login",
      "/%2e//evil.example",
      "/./\\evil.example",
      "/..//evil.example",
      "javascript:alert(1)",
      "data:text/html,x",
    ]) {
      const safe = safeCallback(hostile);
      expect(safe === null || (safe.startsWith("/") && !/^\/[/\\]/.test(safe)), `${hostile} -> ${safe}`).toBe(true);
      if (safe !== null) expect(new URL(safe, "https://mailroom.example").origin, hostile).toBe("https://mailroom.example");
    }
    expect(safeCallback("/.//evil.example/login")).toBeNull();
  });

  it("refuses the sign-in page itself and what is not a string", () => {
    expect(safeCallback("/login?callbackUrl=/mail")).toBeNull();
    expect(safeCallback("")).toBeNull();
    expect(safeCallback(42)).toBeNull();
  });
});
