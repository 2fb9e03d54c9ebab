import "server-only";
import type { ImapFlow } from "imapflow";
import { MailroomError } from "@/lib/errors";
import { GONE } from "@/lib/imap/get-message";
import type { Address } from "@/lib/shared/types";
import type { DraftRef } from "@/lib/mail/store";

type Special = "\\Drafts" | "\\Sent";
const FALLBACK: Record<Special, string> = { "\\Drafts": "Drafts", "\\Sent": "Sent" };

/** The special-use folder (RFC 6154), else one named like it, else a new one. */
export async function specialFolder(client: ImapFlow, use: Special): Promise<string> {
  const entries = await client.list();
  const hit = entries.find((e) => e.specialUse === use) ?? entries.find((e) => e.path.toLowerCase() === FALLBACK[use].toLowerCase());
  if (hit) return hit.path;
  await client.mailboxCreate(FALLBACK[use]).catch(() => {});
  return FALLBACK[use];
}

async function append(client: ImapFlow, folder: string, raw: Buffer, flags: string[]): Promise<number> {
  const res = await client.append(folder, raw, flags);
  if (!res || !res.uid) throw new MailroomError("MAIL_SERVER_ERROR", "The mail server did not confirm where it stored the message.");
  return res.uid;
}

/** APPENDs the new version of a draft, then removes older ones: a crash in between leaves two, never none. */
export async function saveDraft(client: ImapFlow, raw: Buffer, supersedes: DraftRef): Promise<{ folder: string; uid: number }> {
  const folder = await specialFolder(client, "\\Drafts");
  const uid = await append(client, folder, raw, ["\\Draft", "\\Seen"]);
  await deleteDraft(client, folder, supersedes, uid);
  return { folder, uid };
}

/** Removes `target.uid` and the drafts with `target.messageId` (only those older than `below`, when given). */
export async function deleteDraft(client: ImapFlow, folder: string | null, target: DraftRef, below = Infinity): Promise<void> {
  const path = folder ?? (await specialFolder(client, "\\Drafts"));
  const lock = await client.getMailboxLock(path);
  try {
    const uids = new Set<number>();
    if (target.uid && target.uid < below) uids.add(target.uid);
    if (target.messageId) {
      const found = await client.search({ header: { "message-id": target.messageId } }, { uid: true });
      for (const u of found || []) if (u < below) uids.add(u);
    }
    if (uids.size) await client.messageDelete([...uids].join(","), { uid: true });
  } finally {
    lock.release();
  }
}

export async function appendSent(client: ImapFlow, raw: Buffer): Promise<string> {
  const folder = await specialFolder(client, "\\Sent");
  await append(client, folder, raw, ["\\Seen"]);
  return folder;
}

export async function addFlag(client: ImapFlow, folder: string, uid: number, flag: "\\Answered" | "$Forwarded"): Promise<void> {
  const lock = await client.getMailboxLock(folder);
  try {
    await client.messageFlagsAdd(String(uid), [flag], { uid: true });
  } finally {
    lock.release();
  }
}

/** The whole message source (forwarding as an attachment, reopening a draft). */
export async function readRaw(client: ImapFlow, folder: string, uid: number, max: number): Promise<Buffer> {
  const lock = await client.getMailboxLock(folder);
  try {
    const meta = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
    if (!meta) throw new MailroomError("MESSAGE_GONE", GONE);
    if ((meta.size ?? 0) > max) throw new MailroomError("ATTACHMENT_TOO_LARGE", "That message is too large to forward or edit here.");
    const msg = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    if (!msg || !msg.source) throw new MailroomError("MESSAGE_GONE", GONE);
    return msg.source;
  } finally {
    lock.release();
  }
}

const RECENT = 300;

/** Senders of recent INBOX mail and recipients of recent sent mail: one bounded ENVELOPE fetch each. */
export async function recentAddresses(client: ImapFlow): Promise<Address[]> {
  const out: Address[] = [];
  const sent = await specialFolder(client, "\\Sent").catch(() => null);
  for (const [folder, pick] of [
    ["INBOX", "from"],
    [sent, "to"],
  ] as const) {
    if (!folder) continue;
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      const exists = client.mailbox ? client.mailbox.exists : 0;
      if (!exists) continue;
      const from = Math.max(1, exists - RECENT + 1);
      for await (const m of client.fetch(`${from}:*`, { envelope: true })) {
        const env = m.envelope;
        if (!env) continue;
        const list = pick === "from" ? [...(env.from ?? []), ...(env.replyTo ?? [])] : [...(env.to ?? []), ...(env.cc ?? []), ...(env.bcc ?? [])];
        for (const a of list) if (a.address) out.push({ name: a.name ?? "", address: a.address });
      }
    } finally {
      lock.release();
    }
  }
  return out;
}
