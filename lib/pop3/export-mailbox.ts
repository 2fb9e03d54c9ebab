import "server-only";
import { PassThrough, Readable } from "node:stream";
import { ZipFile } from "yazl";
import { MailroomError } from "@/lib/errors";
import { openCache, type Cache } from "@/lib/cache/open-cache";
import { mboxEntry } from "@/lib/pop3/mbox";
import { accountKey } from "@/lib/pop3/settings";

export interface ExportedMailbox {
  filename: string;
  contentType: string;
  stream: Readable;
}

async function* mboxOf(cache: Cache, account: string, folder: string | null): AsyncGenerator<Buffer> {
  for await (const row of cache.store.iterateMessages(account, folder)) {
    yield* mboxEntry(row.from?.address ?? null, new Date(row.date), cache.blobs.open(row.sha256));
  }
}

/** One .eml per message in folders named like the mailbox's; each blob is opened only when its turn comes. */
function zipOf(cache: Cache, account: string, folder: string | null): Readable {
  const zip = new ZipFile();
  const out = new PassThrough();
  zip.outputStream.pipe(out);
  void (async () => {
    const paths = new Map((await cache.store.listFolders(account)).map((f) => [f.id, f.path]));
    let n = 0;
    for await (const row of cache.store.iterateMessages(account, folder)) {
      n++;
      const dir = (paths.get(row.folderId) ?? "Inbox").replace(/[^\p{L}\p{N} ._/-]+/gu, "_");
      const subject = (row.subject || "no subject").replace(/[^\p{L}\p{N} ._-]+/gu, "_").slice(0, 60).trim();
      zip.addReadStreamLazy(`${dir}/${String(n).padStart(6, "0")} ${subject}.eml`, { mtime: new Date(row.date), compress: true }, (cb) => cb(null, cache.blobs.open(row.sha256)));
    }
    zip.end();
  })().catch((err) => out.destroy(err as Error));
  return out;
}

/**
 * A folder (or the whole account when folder is null) as an mboxrd file or a zip of .eml files,
 * streamed from the blobs oldest first.
 */
export async function exportMailbox(email: string, folder: string | null, format: "mbox" | "zip", cache: Cache = openCache()): Promise<ExportedMailbox> {
  const account = accountKey(email);
  await cache.store.ensureAccount(account);
  if (folder !== null && !(await cache.store.getFolder(account, folder))) throw new MailroomError("NOT_FOUND", "That folder doesn't exist.");
  const stamp = new Date().toISOString().slice(0, 10);
  const name = `${account.split("@")[0]}-${folder ?? "all"}-${stamp}`.replace(/[^A-Za-z0-9._-]+/g, "_");
  if (format === "zip") return { filename: `${name}.zip`, contentType: "application/zip", stream: zipOf(cache, account, folder) };
  return { filename: `${name}.mbox`, contentType: "application/mbox", stream: Readable.from(mboxOf(cache, account, folder)) };
}
