import { describe, expect, it } from "vitest";
import { badSignInInput } from "@/lib/auth/sign-in-input";
import { SIGN_IN_MESSAGES } from "@/lib/shared/error-codes";

describe("sign-in input: a malformed address is told as such", () => {
  it("says the address is not one when both fields are filled", () => {
    for (const email of ["alice@localhost", "alice", "alice@example..test", "@example.test"]) {
      expect(badSignInInput({ email, password: "secret" })).toBe("INVALID_EMAIL");
    }
    expect(SIGN_IN_MESSAGES.INVALID_EMAIL).toMatch(/email address/);
    expect(SIGN_IN_MESSAGES.INVALID_EMAIL).not.toBe(SIGN_IN_MESSAGES.BAD_REQUEST);
  });

  it("asks for both fields when one is missing", () => {
    expect(badSignInInput({ email: "alice@localhost", password: "" })).toBe("BAD_REQUEST");
    expect(badSignInInput({ email: "", password: "secret" })).toBe("BAD_REQUEST");
    expect(badSignInInput(null)).toBe("BAD_REQUEST");
  });

  it("leaves a valid address alone (other problems are not the address's)", () => {
    expect(badSignInInput({ email: "alice@example.test", password: "x".repeat(2000) })).toBe("BAD_REQUEST");
  });
});
