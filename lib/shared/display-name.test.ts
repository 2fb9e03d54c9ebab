import { describe, expect, it } from "vitest";
import { cleanDisplayName, defaultDisplayName } from "@/lib/shared/display-name";

describe("display names", () => {
  it("trims, folds whitespace, drops control and bidi characters, caps the length", () => {
    expect(cleanDisplayName("  Dana \n  K. ")).toBe("Dana K.");
    expect(cleanDisplayName("Da\u202Ena")).toBe("Da na");
    expect(cleanDisplayName("x".repeat(100))).toHaveLength(40);
    expect(cleanDisplayName(42)).toBe("");
  });
  it("defaults to the address's local part", () => {
    expect(defaultDisplayName("dana@example.test")).toBe("dana");
  });
});
