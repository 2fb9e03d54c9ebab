import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { env } from "@/lib/env";
import { MailroomError } from "@/lib/errors";
import { cleanHeaderText, type UploadInfo } from "@/lib/shared/compose";

/*
 * Composer attachments on disk: <MAILROOM_DATA_DIR>/uploads/<account hash>/<random id>.bin plus
 * <id>.json (name, type, size). The client's filename is only ever metadata, never part of a path;
 * ids are random and checked against the account folder, so one account can't reach another's files.
 */

const ID = /^[0-9a-f]{32}$/;
/** Uploads not sent or saved in a draft after this long are removed. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

function accountDir(email: string): string {
  const key = createHash("sha256").update(email.toLowerCase()).digest("hex").slice(0, 32);
  return path.join(path.resolve(env().MAILROOM_DATA_DIR), "uploads", key);
}

export function uploadLimitBytes(): number {
  return env().UPLOAD_MAX_MB * 1024 * 1024;
}

export function tooLarge(): MailroomError {
  return new MailroomError("ATTACHMENT_TOO_LARGE", `That file is larger than the attachment limit of ${env().UPLOAD_MAX_MB} MB. Share it another way, for example by a link.`);
}

function cleanName(name: string): string {
  return cleanHeaderText(name.replace(/^.*[\\/]/, ""), 200) || "attachment";
}

function cleanType(type: string): string {
  const t = type.trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(t) ? t : "application/octet-stream";
}

/** Streams one file to disk; fails with ATTACHMENT_TOO_LARGE (and removes the partial file) past the limit. */
export async function storeUpload(email: string, input: Readable, meta: { filename: string; contentType: string }, limit = uploadLimitBytes()): Promise<UploadInfo> {
  const dir = accountDir(email);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  void sweepUploads(email).catch(() => {});
  const id = randomBytes(16).toString("hex");
  const file = path.join(dir, `${id}.bin`);
  let size = 0;
  let over = false;
  const counter = async function* (src: AsyncIterable<Buffer>) {
    for await (const chunk of src) {
      size += chunk.length;
      if (size > limit) {
        over = true;
        throw tooLarge();
      }
      yield chunk;
    }
  };
  try {
    await pipeline(input, counter, createWriteStream(file, { mode: 0o600 }));
  } catch (err) {
    await rm(file, { force: true });
    input.resume();
    if (over) throw tooLarge();
    throw err;
  }
  const info: UploadInfo = { id, filename: cleanName(meta.filename), contentType: cleanType(meta.contentType), size };
  await writeFile(path.join(dir, `${id}.json`), JSON.stringify(info), { mode: 0o600 });
  return info;
}

/** A file the server already holds (a forwarded message's attachment); `limit` as for storeUpload, checked before anything is written. */
export async function storeUploadBuffer(email: string, data: Buffer, meta: { filename: string; contentType: string }, limit: number): Promise<UploadInfo> {
  if (data.length > limit) throw tooLarge();
  const { Readable } = await import("node:stream");
  return storeUpload(email, Readable.from([data]), meta, limit);
}

export async function getUpload(email: string, id: string): Promise<UploadInfo & { path: string }> {
  if (!ID.test(id)) throw new MailroomError("BAD_REQUEST", "That attachment reference is not valid.");
  const dir = accountDir(email);
  try {
    const info = JSON.parse(await readFile(path.join(dir, `${id}.json`), "utf8")) as UploadInfo;
    return { ...info, id, path: path.join(dir, `${id}.bin`) };
  } catch {
    throw new MailroomError("NOT_FOUND", "An attachment of this message is no longer on the server. Remove it and attach the file again.");
  }
}

export async function deleteUpload(email: string, id: string): Promise<void> {
  if (!ID.test(id)) return;
  const dir = accountDir(email);
  await rm(path.join(dir, `${id}.bin`), { force: true });
  await rm(path.join(dir, `${id}.json`), { force: true });
}

/** Removes this account's uploads older than the TTL (abandoned composers). */
export async function sweepUploads(email: string, now = Date.now()): Promise<void> {
  const dir = accountDir(email);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const p = path.join(dir, name);
    const s = await stat(p).catch(() => null);
    if (s && now - s.mtimeMs > UPLOAD_TTL_MS) await rm(p, { force: true });
  }
}

/** Bytes of this account's uploads on disk (counted against ACCOUNT_STORAGE_MAX_MB). */
export async function uploadsUsage(email: string): Promise<number> {
  const dir = accountDir(email);
  let total = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.endsWith(".bin")) continue;
    total += (await stat(path.join(dir, name)).catch(() => null))?.size ?? 0;
  }
  return total;
}
