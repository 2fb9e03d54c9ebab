import "server-only";
import type { RevocationStore } from "@/lib/auth/revocations";
import type { RedisConnection } from "@/lib/shared-state/redis/connection";

// Keeps the latest refusal time and the furthest expiry: two instances revoking the same password
// at about the same time must not shorten each other's revocation.
const REVOKE_PASSWORD = `local cur = redis.call('GET', KEYS[1])
if not cur then
  redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
  return 1
end
if tonumber(ARGV[1]) > tonumber(cur) then redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL') end
redis.call('PEXPIREAT', KEYS[1], ARGV[2], 'GT')
return 1`;

/** Revoked sessions and passwords as Redis keys that expire when every token they concern has expired. */
export class RedisRevocationStore implements RevocationStore {
  constructor(
    private readonly conn: RedisConnection,
    private readonly now: () => number = Date.now,
  ) {}

  private sessionKey(sid: string): string {
    return this.conn.key("revoked", "session", sid);
  }
  private passwordKey(account: string, fingerprint: string): string {
    return this.conn.key("revoked", "password", account.toLowerCase(), fingerprint);
  }

  async revokeSession(sid: string, until: number): Promise<void> {
    if (until <= this.now()) return; // nothing left to end
    await this.conn.run((c) => c.set(this.sessionKey(sid), "1", { expiration: { type: "PXAT", value: until } }));
  }

  async isSessionRevoked(sid: string): Promise<boolean> {
    return (await this.conn.run((c) => c.exists(this.sessionKey(sid)))) === 1;
  }

  async revokePassword(account: string, fingerprint: string, at: number, until: number): Promise<void> {
    if (until <= this.now()) return;
    await this.conn.run((c) => c.eval(REVOKE_PASSWORD, { keys: [this.passwordKey(account, fingerprint)], arguments: [String(at), String(until)] }));
  }

  async passwordRevokedAt(account: string, fingerprint: string): Promise<number | null> {
    const v = await this.conn.run((c) => c.get(this.passwordKey(account, fingerprint)));
    return v === null ? null : Number(v);
  }
}
