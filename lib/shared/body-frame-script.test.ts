import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SIZE_SCRIPT, SIZE_SCRIPT_HASH } from "@/lib/shared/body-frame-script";

describe("the body's size script", () => {
  it("is admitted by exactly its own hash (an edit without a new hash would stop inline bodies reporting their size)", () => {
    const digest = createHash("sha256").update(SIZE_SCRIPT, "utf8").digest("base64");
    expect(SIZE_SCRIPT_HASH).toBe(`'sha256-${digest}'`);
  });
});
