import "server-only";
import type { Pop3Client } from "@/lib/pop3/pop3-client";

export interface QuotaPlan {
  /** Message numbers that fit into the account's room, in server order. */
  take: Set<number>;
  /** New messages left on the server because they did not fit. */
  left: number;
}

/**
 * Which of the new messages (`fresh`, in server order) the cache can take within `room` bytes, by the
 * sizes the server announces (STAT, and LIST only when the whole maildrop would not fit). Messages are
 * taken in order up to the first that does not fit: the rest stay on the server, never DELE'd, and
 * come down in order once there is room.
 */
export async function planWithinQuota(client: Pop3Client, fresh: number[], room: number): Promise<QuotaPlan> {
  if (fresh.length === 0) return { take: new Set(), left: 0 };
  const stat = await client.stat();
  if (stat.bytes <= room) return { take: new Set(fresh), left: 0 };
  const sizes = new Map((await client.list()).map((f) => [Number(f[0]), Number(f[1])]));
  const take = new Set<number>();
  let free = room;
  for (const n of fresh) {
    const size = sizes.get(n) ?? Infinity;
    if (size > free) break;
    take.add(n);
    free -= size;
  }
  return { take, left: fresh.length - take.size };
}
