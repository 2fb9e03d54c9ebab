import "server-only";
import type { ImapFlow } from "imapflow";
import type { Folder } from "@/lib/shared/types";
import { parseRights } from "@/lib/shared/rights";

type Exec = (command: string, attrs: unknown[], opts?: { untagged?: Record<string, (u: { attributes?: { value?: unknown }[] }) => Promise<void>> }) => Promise<{ next: () => void }>;

/**
 * MYRIGHTS (RFC 4314) for one mailbox. imapflow has no helper for the ACL commands; exec() is its
 * raw-command entry point (the seed uses it for SETACL too). Null when the server has no ACL.
 */
export async function myRights(client: ImapFlow, path: string): Promise<string | null> {
  if (!client.capabilities.has("ACL")) return null;
  const exec = (client as unknown as { exec: Exec }).exec.bind(client);
  let rights: string | null = null;
  const res = await exec("MYRIGHTS", [{ type: "STRING", value: path }], {
    untagged: {
      MYRIGHTS: async (u) => {
        const value = u.attributes?.[1]?.value;
        if (typeof value === "string") rights = value;
      },
    },
  });
  res.next();
  return rights;
}

/**
 * Adds rights to shared folders (one MYRIGHTS each; there are few). The user's own folders are left
 * without: the owner has every right unless an admin's global ACL says otherwise, and asking for
 * each of them would cost a round trip per folder on every folder-list refresh.
 */
export async function withRights(client: ImapFlow, folders: Folder[]): Promise<Folder[]> {
  const out: Folder[] = [];
  for (const f of folders) {
    if (!f.shared || !f.selectable) {
      out.push(f);
      continue;
    }
    const raw = await myRights(client, f.path).catch(() => null);
    out.push(raw === null ? f : { ...f, rights: parseRights(raw) });
  }
  return out;
}

/** Most identifiers read from one GETACL answer: a folder shared with a whole company is still one list. */
export const ACL_MAX_IDENTIFIERS = 100;

/**
 * GETACL (RFC 4314): the identifiers the mailbox is shared with (rights without "r" left out: they
 * cannot work in it). Only for a session whose MYRIGHTS has "a" (the server refuses others); null when
 * the server has no ACL. Group and special identifiers ("anyone", "owner", "$group", "-name") are dropped.
 */
export async function folderAcl(client: ImapFlow, path: string): Promise<string[] | null> {
  if (!client.capabilities.has("ACL")) return null;
  const exec = (client as unknown as { exec: Exec }).exec.bind(client);
  const found: string[] = [];
  const res = await exec("GETACL", [{ type: "STRING", value: path }], {
    untagged: {
      ACL: async (u) => {
        const attrs = (u.attributes ?? []).slice(1);
        for (let i = 0; i + 1 < attrs.length && found.length < ACL_MAX_IDENTIFIERS; i += 2) {
          const id = attrs[i]?.value;
          const rights = attrs[i + 1]?.value;
          if (typeof id !== "string" || typeof rights !== "string" || !rights.includes("r")) continue;
          if (id === "anyone" || id === "authenticated" || id === "owner" || id.startsWith("$") || id.startsWith("-") || id.startsWith("group:")) continue;
          found.push(id);
        }
      },
    },
  });
  res.next();
  return found;
}
