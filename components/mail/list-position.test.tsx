import { describe, expect, it } from "vitest";
import { positionText } from "@/components/mail/list-position";

describe("list position (issue 12 point 7)", () => {
  it("says where the loaded rows are in the folder", () => {
    expect(positionText(0, 50, 10000)).toBe("1–50 of 10,000");
    expect(positionText(9950, 50, 10000)).toBe("9,951–10,000 of 10,000");
    expect(positionText(0, 3, 3)).toBe("1–3 of 3");
    expect(positionText(0, 0, 0)).toBe("");
  });
});
