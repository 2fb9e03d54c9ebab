import { afterAll, describe, expect, it } from "vitest";
import { authorizeMailUser } from "@/lib/auth/authorize";
import { PEER_HEADER } from "@/lib/auth/client-address";
import { endSession } from "@/lib/imap/pool";

// Sign-in throttle against the real Dovecot: a stranger's flood of guesses for t53 must neither get
// through in bulk nor keep t53 out. t53 is this file's own user; nothing in its mailbox is changed.
const owner = { email: "t53@example.test", password: "test-pass" };
const signedIn: { sid: string }[] = [];
afterAll(async () => {
  await Promise.all(signedIn.map((u) => endSession({ user: owner.email, password: owner.password }, u.sid)));
});

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "OK",
    (e: Error) => e.message,
  );

describe("sign-in throttle with the real IMAP server", () => {
  it("1,000 parallel wrong passwords from one client, rotating X-Forwarded-For: few reach the server, and the owner still signs in from elsewhere", async () => {
    const attacker = (i: number) => ({ [PEER_HEADER]: "203.0.113.66", "x-forwarded-for": `198.51.100.${i % 250}, 192.0.2.${i % 200}` });
    const flood = Array.from({ length: 1000 }, (_, i) => outcome(authorizeMailUser({ email: owner.email, password: `guess-${i}` }, attacker(i))));

    // The owner, from their own address, while the flood is in flight: let in within the capped delay.
    const started = Date.now();
    const user = await authorizeMailUser(owner, { [PEER_HEADER]: "192.0.2.10" });
    const ownerMs = Date.now() - started;
    signedIn.push(user);
    expect(user.email).toBe(owner.email);
    expect(ownerMs).toBeLessThan(6_000); // address-only delay is capped at 3 s, plus queueing and the login

    const results = await Promise.all(flood);
    const count = (code: string) => results.filter((r) => r === code).length;
    // Counted before they were tried: at most the pair's hard limit (10) were checked by the server.
    expect(count("AUTH_FAILED")).toBeLessThanOrEqual(10);
    expect(count("AUTH_FAILED")).toBeGreaterThan(0);
    expect(count("RATE_LIMITED") + count("SIGN_IN_BUSY")).toBe(1000 - count("AUTH_FAILED"));
    expect(count("OK")).toBe(0);

    // Rotating X-Forwarded-For again does not reset it: even the right password is refused from there.
    await expect(authorizeMailUser(owner, attacker(4242))).rejects.toThrow("RATE_LIMITED");
    // The owner can sign in again from their own address.
    signedIn.push(await authorizeMailUser(owner, { [PEER_HEADER]: "192.0.2.10", "x-forwarded-for": "203.0.113.66" }));
  });
});
