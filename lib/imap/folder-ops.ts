import "server-only";
import type { ImapFlow } from "imapflow";
import { MailroomError } from "@/lib/errors";
import { listFolders } from "@/lib/imap/list-folders";

const PROTECTED = "This folder is part of your mailbox and can't be renamed or deleted.";

function checkName(name: string, delimiter: string): string {
  const clean = name.trim();
  if (!clean) throw new MailroomError("BAD_REQUEST", "Enter a folder name.");
  if (clean.length > 200) throw new MailroomError("BAD_REQUEST", "That folder name is too long.");
  if (clean.includes(delimiter)) throw new MailroomError("BAD_REQUEST", `A folder name can't contain “${delimiter}”.`);
  if (/[\u0000-\u001f\u007f*%]/.test(clean)) throw new MailroomError("BAD_REQUEST", "A folder name can't contain control characters, * or %.");
  return clean;
}

async function folderByPath(client: ImapFlow, path: string) {
  const folder = (await listFolders(client)).find((f) => f.path === path);
  if (!folder) throw new MailroomError("NOT_FOUND", "That folder no longer exists.");
  return folder;
}

export async function createFolder(client: ImapFlow, parent: string | null, name: string): Promise<string> {
  const delimiter = parent ? (await folderByPath(client, parent)).delimiter : "/";
  const path = parent ? `${parent}${delimiter}${checkName(name, delimiter)}` : checkName(name, delimiter);
  const res = await client.mailboxCreate(path);
  if (!res.created) throw new MailroomError("FOLDER_EXISTS", "A folder with that name already exists.");
  await client.mailboxSubscribe(res.path).catch(() => {});
  return res.path;
}

export async function renameFolder(client: ImapFlow, path: string, newName: string): Promise<string> {
  const folder = await folderByPath(client, path);
  if (folder.specialUse || folder.shared) throw new MailroomError("FORBIDDEN", PROTECTED);
  const clean = checkName(newName, folder.delimiter);
  const newPath = folder.parentPath ? `${folder.parentPath}${folder.delimiter}${clean}` : clean;
  if (newPath === path) return path;
  const res = await client.mailboxRename(path, newPath);
  return res.newPath;
}

export async function deleteFolder(client: ImapFlow, path: string): Promise<void> {
  const folder = await folderByPath(client, path);
  if (folder.specialUse || folder.shared) throw new MailroomError("FORBIDDEN", PROTECTED);
  await client.mailboxDelete(path);
}
