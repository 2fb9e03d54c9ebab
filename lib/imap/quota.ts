import "server-only";
import type { ImapFlow } from "imapflow";
import type { BigAttachment, BigMessage, LargestResponse, QuotaInfo } from "@/lib/shared/quota";

/** GETQUOTAROOT "INBOX": the storage resource, in bytes (RFC 9208 counts KiB). */
export async function readQuota(client: ImapFlow): Promise<QuotaInfo | null> {
  if (!client.capabilities.has("QUOTA")) return null;
  const q = await client.getQuota("INBOX");
  const storage = q && q.storage;
  if (!storage || typeof storage.limit !== "number" || storage.limit <= 0) return null;
  return { usedBytes: Number(storage.usage ?? 0), limitBytes: Number(storage.limit) };
}

// Bounds: the scan must stay cheap on an account of 100,000 messages.
const MIN_BYTES = 100 * 1024;
const PER_FOLDER = 200;
const FOLDERS_MAX = 100;

interface Part {
  disposition?: string;
  dispositionParameters?: Record<string, string>;
  parameters?: Record<string, string>;
  type?: string;
  size?: number;
  childNodes?: Part[];
}

function attachmentsOf(node: Part | undefined, out: BigAttachment[] = []): BigAttachment[] {
  if (!node) return out;
  if (node.childNodes?.length) {
    for (const c of node.childNodes) attachmentsOf(c, out);
    return out;
  }
  const name = node.dispositionParameters?.filename ?? node.parameters?.name;
  if (name || node.disposition === "attachment") {
    // BODYSTRUCTURE sizes are of the encoded part; base64 is 4/3 of the file.
    out.push({ filename: name ?? "attachment", size: Math.round(((node.size ?? 0) * 3) / 4) });
  }
  return out;
}

/**
 * The largest messages of the account: per folder, SEARCH LARGER, then sizes of at most PER_FOLDER of
 * the hits, then envelope and BODYSTRUCTURE of the `limit` largest overall. Folders the person cannot
 * select (\Noselect, other people's namespaces) are skipped.
 */
export async function largestMessages(client: ImapFlow, folders: string[], limit: number): Promise<LargestResponse> {
  let truncated = false;
  const sized: { folder: string; uid: number; size: number }[] = [];
  for (const folder of folders.slice(0, FOLDERS_MAX)) {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      const hits = (await client.search({ larger: MIN_BYTES }, { uid: true })) || [];
      if (!hits.length) continue;
      // The newest hits when there are too many: UIDs grow with arrival.
      const take = hits.slice(-PER_FOLDER);
      if (take.length < hits.length) truncated = true;
      for await (const m of client.fetch(take.join(","), { uid: true, size: true }, { uid: true })) sized.push({ folder, uid: m.uid, size: m.size ?? 0 });
    } finally {
      lock.release();
    }
  }
  sized.sort((a, b) => b.size - a.size);
  const top = sized.slice(0, limit);
  const byFolder = new Map<string, number[]>();
  for (const t of top) byFolder.set(t.folder, [...(byFolder.get(t.folder) ?? []), t.uid]);
  const out: BigMessage[] = [];
  for (const [folder, uids] of byFolder) {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      for await (const m of client.fetch(uids.join(","), { uid: true, size: true, envelope: true, internalDate: true, bodyStructure: true }, { uid: true })) {
        const from = m.envelope?.from?.[0];
        // The Date header, as the message list shows it; INTERNALDATE (arrival) when it has none.
        const raw = m.envelope?.date ?? m.internalDate;
        const date = raw instanceof Date ? raw : new Date(raw ?? 0);
        out.push({
          folder,
          uid: m.uid,
          subject: m.envelope?.subject ?? "",
          from: from ? from.name || from.address || "" : "",
          date: Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString(),
          size: m.size ?? 0,
          attachments: attachmentsOf(m.bodyStructure as Part | undefined),
        });
      }
    } finally {
      lock.release();
    }
  }
  out.sort((a, b) => b.size - a.size);
  return { messages: out, minBytes: MIN_BYTES, truncated };
}
