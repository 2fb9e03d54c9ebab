import "server-only";
import type { ImapFlow } from "imapflow";
import { planClientCatchUp, type ChangedRow, type OpenedMailbox, type PlannedEvent, type Token } from "@/lib/realtime/catch-up";

/**
 * What changed in a mailbox since a resume point, in one round trip on a pooled connection:
 * UID FETCH 1:* (UID FLAGS MODSEQ; imapflow asks for MODSEQ by itself under CONDSTORE) (CHANGEDSINCE m VANISHED). imapflow adds VANISHED when QRESYNC is
 * enabled and reports the UIDs through its "expunge" event (earlier: true), which we listen to only
 * for the length of the command.
 */
export async function changesSince(client: ImapFlow, folder: string, since: Token): Promise<{ events: PlannedEvent[]; token?: string }> {
  const selected = !!client.mailbox && client.mailbox.path === folder;
  const lock = await client.getMailboxLock(folder);
  try {
    // A connection that already had the mailbox open learns of other sessions' new messages only when
    // synced: without NOOP, "1:*" would end at the UIDs it knew and miss what arrived meanwhile.
    if (selected) await client.noop();
    const box = (client.mailbox || {}) as OpenedMailbox & { path?: string };
    const condstore = client.enabled.has("CONDSTORE");
    if (box.uidValidity !== since.uidValidity || !condstore || box.noModseq) return planClientCatchUp(since, box, condstore, [], []);
    const vanished: number[] = [];
    const onExpunge = (e: { path: string; uid?: number; vanished: boolean }) => {
      if (e.vanished && e.uid !== undefined && e.path === box.path) vanished.push(e.uid);
    };
    client.on("expunge", onExpunge);
    let rows: ChangedRow[];
    try {
      const fetched = await client.fetchAll("1:*", { uid: true, flags: true }, { uid: true, changedSince: since.modseq });
      rows = fetched.map((m) => ({ uid: m.uid, flags: [...(m.flags ?? [])], modseq: m.modseq }));
    } finally {
      client.off("expunge", onExpunge);
    }
    return planClientCatchUp(since, box, condstore, rows, vanished);
  } finally {
    lock.release();
  }
}
