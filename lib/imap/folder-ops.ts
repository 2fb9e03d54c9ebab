import "server-only";
import { checkFolderName } from "@/lib/mail/folder-name";
import type { ImapFlow } from "imapflow";
import { MailroomError } from "@/lib/errors";
import { listFolders } from "@/lib/imap/list-folders";

const PROTECTED = "This folder is part of your mailbox and can't be renamed or deleted.";

async function folderByPath(client: ImapFlow, path: string) {
  const folder = (await listFolders(client)).find((f) => f.path === path);
  if (!folder) throw new MailroomError("NOT_FOUND", "That folder no longer exists.");
  return folder;
}

export async function createFolder(client: ImapFlow, parent: string | null, name: string): Promise<string> {
  const delimiter = parent ? (await folderByPath(client, parent)).delimiter : "/";
  const path = parent ? `${parent}${delimiter}${checkFolderName(name, delimiter)}` : checkFolderName(name, delimiter);
  const res = await client.mailboxCreate(path);
  if (!res.created) throw new MailroomError("FOLDER_EXISTS", "A folder with that name already exists.");
  await client.mailboxSubscribe(res.path).catch(() => {});
  return res.path;
}

export async function renameFolder(client: ImapFlow, path: string, newName: string): Promise<string> {
  const folder = await folderByPath(client, path);
  if (folder.specialUse || folder.shared) throw new MailroomError("FORBIDDEN", PROTECTED);
  const clean = checkFolderName(newName, folder.delimiter);
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
