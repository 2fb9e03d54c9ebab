// Browser-safe: how a shared folder and its people are named for a person, not as server paths.

/** Where a folder sits in the server's namespaces (lib/mail/store.ts FolderPlace, repeated to stay browser-safe). */
export type FolderPlaceLike =
  | { namespace: "personal"; path: string[] }
  | { namespace: "other"; owner: string; path: string[] }
  | { namespace: "shared"; prefix: string; path: string[] };

/**
 * A login as a colleague would say it: the local part when it is in the viewer's own domain
 * ("alice@example.test" → "alice"), the whole address otherwise.
 */
export function shortLogin(login: string, viewer: string): string {
  const at = login.lastIndexOf("@");
  if (at < 0) return login;
  const vAt = viewer.lastIndexOf("@");
  const sameDomain = vAt >= 0 && login.slice(at).toLowerCase() === viewer.slice(vAt).toLowerCase();
  return sameDomain ? login.slice(0, at) : login;
}

/** "Team — shared by alice"; "Projects / Q3 — shared by alice"; a public folder: "Support — shared". Null for one's own. */
export function sharedFolderLabel(place: FolderPlaceLike, viewer: string): string | null {
  if (place.namespace === "personal") return null;
  const path = place.path.map((p) => (p.toUpperCase() === "INBOX" ? "Inbox" : p)).join(" / ");
  if (place.namespace === "shared") return `${path || place.prefix} — shared`;
  return `${path} — shared by ${shortLogin(place.owner, viewer)}`;
}

/** "bob", "bob and carol", "bob, carol and 3 others". */
export function peopleList(people: string[]): string {
  if (people.length <= 1) return people[0] ?? "";
  if (people.length === 2) return `${people[0]} and ${people[1]}`;
  if (people.length === 3) return `${people[0]}, ${people[1]} and ${people[2]}`;
  return `${people[0]}, ${people[1]} and ${people.length - 2} others`;
}
