// What the browser does with conversations (issue 12): merge windows, say who took part, plan actions.
// Pure and browser-safe, so the rules are unit-tested without a DOM.
import type { Address } from "@/lib/shared/types";
import type { ConversationThread, ThreadMember } from "@/lib/shared/conversation-types";

const memberKey = (m: ThreadMember) => `${m.folder}\u0000${m.uid}`;

/**
 * Appends an older window's threads to the loaded ones. A thread that spans both windows (same id) is
 * one row: its older messages join the row already shown, oldest first, without duplicates.
 */
export function mergeThreadPages(loaded: ConversationThread[], older: ConversationThread[]): ConversationThread[] {
  const index = new Map(loaded.map((t, i) => [t.id, i]));
  const out = [...loaded];
  for (const t of older) {
    const i = index.get(t.id);
    if (i === undefined) {
      index.set(t.id, out.length);
      out.push(t);
      continue;
    }
    const seen = new Set(out[i].messages.map(memberKey));
    const messages = [...out[i].messages, ...t.messages.filter((m) => !seen.has(memberKey(m)))];
    messages.sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
    out[i] = { ...out[i], messages };
  }
  return out;
}

/**
 * The senders, in order of first appearance, "me" for the person: a lone sender by their whole name
 * (as the message list shows it: "The Weekly Frontend", not "The"), several by first names, the way
 * mail apps fit "Bob, me, Carol" on one line.
 */
export function participants(thread: ConversationThread, me: string): string[] {
  const senders: { whole: string; mine: boolean }[] = [];
  const seen = new Set<string>();
  for (const m of thread.messages) {
    const from: Address | null = m.from;
    const address = (from?.address ?? "").toLowerCase();
    const key = address || from?.name || "?";
    if (seen.has(key)) continue;
    seen.add(key);
    senders.push({ whole: (from?.name || from?.address || "Unknown sender").trim(), mine: address !== "" && address === me.toLowerCase() });
  }
  if (senders.length === 1) return [senders[0]!.mine ? "me" : senders[0]!.whole];
  return senders.map((s) => (s.mine ? "me" : s.whole.split(/\s+/)[0]!));
}

/** The newest message of the thread in `folder` (the one the reading pane opens), else the newest. */
export function newestIn(thread: ConversationThread, folder: string): ThreadMember {
  const inFolder = thread.messages.filter((m) => m.folder === folder);
  return (inFolder.length ? inFolder : thread.messages).at(-1)!;
}

export type ThreadAction = "read" | "unread" | "flag" | "unflag" | "archive" | "delete";

/**
 * The requests a thread action makes: one per folder, by UID. Read state and flags change on every
 * message, the person's own replies in Sent included; archive and delete move the folder's messages
 * only, so Sent keeps the record of what the person wrote (as Fastmail does).
 */
export function planThreadAction(thread: ConversationThread, folder: string, action: ThreadAction): { folder: string; uids: number[] }[] {
  const moves = action === "archive" || action === "delete";
  const byFolder = new Map<string, number[]>();
  for (const m of thread.messages) {
    if (moves && m.folder !== folder) continue;
    if (action === "read" && m.seen) continue;
    if (action === "unread" && !m.seen) continue;
    if (action === "flag" && m.flagged) continue;
    if (action === "unflag" && !m.flagged) continue;
    byFolder.set(m.folder, [...(byFolder.get(m.folder) ?? []), m.uid]);
  }
  return [...byFolder].map(([f, uids]) => ({ folder: f, uids }));
}
