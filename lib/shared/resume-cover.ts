// Browser-safe and pure (unit-tested in resume-cover.test.ts); used by hooks/use-live-updates.ts.

/**
 * Whether the list on screen (its page's token "<uidvalidity>:<modseq>") already shows everything the
 * live stream's first "synced" token stands for. A stream opened without a resume point (presence often
 * opens it while the new folder's list is still on its way) starts with "resync: initial"; when the
 * list's token is at least as new, that resync would re-read a list and a folder tree just fetched.
 */
export function listCovers(listToken: string | undefined, syncedToken: string | undefined): boolean {
  const list = parse(listToken);
  const synced = parse(syncedToken);
  if (!list || !synced) return false;
  return list.uidValidity === synced.uidValidity && list.modseq >= synced.modseq;
}

function parse(token: string | undefined): { uidValidity: bigint; modseq: bigint } | null {
  const m = token ? /^(\d{1,20}):(\d{1,20})$/.exec(token) : null;
  return m ? { uidValidity: BigInt(m[1]!), modseq: BigInt(m[2]!) } : null;
}
