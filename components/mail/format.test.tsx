import { describe, expect, it } from "vitest";
import { formatListDate, recipientsText } from "@/components/mail/format";

describe("one date format everywhere (issue 12 point 21)", () => {
  const now = new Date(2026, 11, 4, 18, 0);
  it("shows the time today", () => {
    expect(formatListDate(new Date(2026, 11, 4, 9, 5).toISOString(), now)).toMatch(/9.05/);
  });
  it("shows day then month this year, like the full date before", () => {
    expect(formatListDate(new Date(2026, 9, 31, 12).toISOString(), now)).toBe("31 Oct");
    expect(formatListDate(new Date(2025, 10, 5, 12).toISOString(), now)).toBe("5 Nov 2025");
  });
});

describe("recipients for Sent and Drafts rows (issue 12 point 6)", () => {
  it("names each recipient, by address when nameless", () => {
    expect(recipientsText([{ name: "Carol Chen", address: "carol@example.test" }, { name: "", address: "bob@example.test" }])).toBe("To: Carol Chen, bob@example.test");
    expect(recipientsText([])).toBe("To: (no recipients)");
  });
});

describe("notes and activity use the same date format", () => {
  it("adds the time to the list date", async () => {
    const { formatStamp } = await import("@/components/mail/format");
    const now = new Date(2026, 11, 4, 18, 0);
    expect(formatStamp(new Date(2026, 9, 31, 12).toISOString(), now)).toMatch(/^31 Oct, /);
    expect(formatStamp(new Date(2024, 0, 2, 12).toISOString(), now)).toMatch(/^2 Jan 2024, /);
  });
});
