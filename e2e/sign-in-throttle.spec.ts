import { expect, test } from "@playwright/test";
import { testUser } from "./helpers/imap";

// The running server keys the sign-in throttle on the connection's address (instrumentation.ts stamps
// it on every request), so a client that rotates X-Forwarded-For is still one client.
test("rotating X-Forwarded-For does not reset the sign-in throttle, and guesses are counted before they are tried", async ({ request }) => {
  test.setTimeout(90_000);
  const victim = testUser(54);
  // One CSRF token for all: parallel fetches would each replace the cookie it is checked against.
  const csrf = (await (await request.get("/api/auth/csrf")).json()).csrfToken as string;
  const guess = async (i: number) => {
    const res = await request.post("/api/auth/callback/credentials", {
      form: { email: victim.email, password: `wrong-${i}`, csrfToken: csrf, json: "true" },
      headers: { "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `198.51.100.${i}` },
    });
    return new URL((await res.json()).url as string).searchParams.get("error");
  };
  // Twelve at once, each "from" another forwarded address: the pair (this client, this address) is
  // refused from the 11th attempt on, even though all twelve were in flight together.
  const results = await Promise.all(Array.from({ length: 12 }, (_, i) => guess(i)));
  expect(results.filter((r) => r === "AUTH_FAILED")).toHaveLength(10);
  expect(results.filter((r) => r === "RATE_LIMITED")).toHaveLength(2);
  expect(await guess(99)).toBe("RATE_LIMITED");
});
