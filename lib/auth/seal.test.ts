import { describe, expect, it } from "vitest";
import { seal, unseal } from "@/lib/auth/seal";

const secret = "a-test-secret-that-is-long-enough-for-hkdf";

describe("credential seal", () => {
  it("round-trips and never contains the plain text", () => {
    const sealed = seal("pässword 🔑", secret);
    expect(sealed).not.toContain("pässword");
    expect(unseal(sealed, secret)).toBe("pässword 🔑");
  });
  it("uses a fresh IV each time", () => {
    expect(seal("x", secret)).not.toBe(seal("x", secret));
  });
  it("rejects another secret and tampering", () => {
    const sealed = seal("secret", secret);
    expect(() => unseal(sealed, "another-secret-another-secret-another")).toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => unseal(parts.join("."), secret)).toThrow();
    expect(() => unseal("garbage", secret)).toThrow();
  });
});
