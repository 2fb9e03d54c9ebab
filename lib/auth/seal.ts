import "server-only";
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

// The mail password travels only inside the (already encrypted) next-auth JWT, and is sealed again
// with AES-256-GCM under a key derived from the app secret, so a leaked token alone reveals nothing.
const INFO = "mailroom/credential-seal/v1";

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "mailroom", INFO, 32));
}

export function seal(plain: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(secret), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function unseal(sealed: string, secret: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("sealed value has an unknown format");
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

const FINGERPRINT_INFO = "mailroom/password-fingerprint/v1";

/**
 * Names "this account with this password" without revealing either: an HMAC under a key derived from the
 * app secret. Each session token carries it, so a password the mail server refused can end every session
 * that signed in with it (tokens cannot be enumerated; their fingerprints can be matched).
 */
export function passwordFingerprint(account: string, password: string, secret: string): string {
  const key = Buffer.from(hkdfSync("sha256", secret, "mailroom", FINGERPRINT_INFO, 32));
  return createHmac("sha256", key).update(`${account.trim().toLowerCase()}\n${password}`, "utf8").digest("base64url");
}
