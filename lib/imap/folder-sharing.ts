import "server-only";
import type { ImapFlow } from "imapflow";
import type { Folder } from "@/lib/shared/types";
import { Lru } from "@/lib/lru";
import { placeFolder, readNamespaces } from "@/lib/imap/namespaces";
import { folderAcl } from "@/lib/imap/my-rights";
import { sharedFolderLabel, shortLogin } from "@/lib/shared/folder-people";

/*
 * Shared folders told for people (issue 12, point 19): a colleague's "shared/alice@example.test/Team"
 * becomes "Team — shared by alice", and the owner's own "Team" says whom it is shared with (GETACL,
 * which the owner may always ask). Both come from the server's NAMESPACE answer and ACL, never from
 * guessing at path names.
 */

// GETACL per own folder costs a round trip each; the answer changes rarely (only SETACL changes it),
// so it is kept a short while per account and folder. Bounded: logins come from clients.
const ACL_TTL_MS = 2 * 60 * 1000;
const MAX_CACHED = 20_000;
// A person with thousands of folders still gets a quick folder list: past this, own folders go unasked.
const MAX_ACL_LOOKUPS = 200;
const aclCache = ((globalThis as Record<string, unknown>).__mailroomFolderAcl ??= new Lru<string, string[]>(MAX_CACHED, ACL_TTL_MS)) as Lru<string, string[]>;

async function sharedWith(client: ImapFlow, login: string, path: string): Promise<string[]> {
  const key = `${login.toLowerCase()}\u0000${path}`;
  const hit = aclCache.get(key);
  if (hit) return hit;
  const ids = await folderAcl(client, path).catch(() => null);
  const people = (ids ?? []).filter((id) => id.toLowerCase() !== login.toLowerCase()).map((id) => shortLogin(id, login));
  aclCache.set(key, people);
  return people;
}

/** Adds `label` to folders of other people and `sharedWith` to the account's own shared folders. */
export async function describeSharing(client: ImapFlow, login: string, folders: Folder[]): Promise<Folder[]> {
  const ns = readNamespaces(client);
  const acl = client.capabilities.has("ACL");
  let lookups = 0;
  const out: Folder[] = [];
  for (const f of folders) {
    if (f.shared) {
      const place = placeFolder(ns, f.path);
      const label = place ? sharedFolderLabel(place, login) : null;
      out.push(label ? { ...f, label } : f);
      continue;
    }
    if (!acl || !f.selectable || lookups >= MAX_ACL_LOOKUPS) {
      out.push(f);
      continue;
    }
    lookups++;
    const people = await sharedWith(client, login, f.path);
    out.push(people.length ? { ...f, sharedWith: people } : f);
  }
  return out;
}

/** For tests: forget cached ACLs. */
export function forgetFolderAcls(): void {
  aclCache.clear();
}
