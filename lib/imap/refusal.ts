import "server-only";
import type { ImapFlow } from "imapflow";
import { myRights } from "@/lib/imap/my-rights";

/*
 * Some servers refuse with a bare "NO" and no RFC 5530 response code: Cyrus 3.6 answers "NO Permission
 * denied" where Dovecot says "NO [NOPERM]", and "NO Mailbox already exists" without [ALREADYEXISTS].
 * Rather than read a server's words, ask it what it allows (MYRIGHTS, RFC 4314) or what is there (LIST),
 * and name the refusal from that.
 */

/** A tagged NO that names no response code. */
export function bareNo(err: unknown): boolean {
  const e = (err ?? {}) as { responseStatus?: string; serverResponseCode?: string };
  return e.responseStatus === "NO" && !e.serverResponseCode;
}

/**
 * Whether the session lacks any of `needed` (RFC 4314 letters) on the folder. False when the server
 * has no ACL or will not say: then nothing is known and the refusal stays unexplained. RFC 2086's "d"
 * (still reported by some servers) stands for both "t" and "e".
 */
export async function lacksRights(client: ImapFlow, folder: string, needed: string): Promise<boolean> {
  const rights = await myRights(client, folder).catch(() => null);
  if (rights === null) return false;
  const have = rights.includes("d") ? `${rights}te` : rights;
  return [...needed].some((r) => !have.includes(r));
}
