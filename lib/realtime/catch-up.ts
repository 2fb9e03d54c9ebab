import "server-only";
import type { MailboxEvent } from "@/lib/realtime/hub";

/*
 * Deciding how a view catches up after a gap (a dropped IMAP connection, a server restart, a browser
 * that slept), the way RFC 7162 and Roundcube's cache do it: UIDs are trusted only while UIDVALIDITY
 * matches; then CONDSTORE/QRESYNC say exactly which messages changed and which vanished since a
 * known MODSEQ. Only when UIDVALIDITY changed, or the server cannot say, does the view reload whole.
 * Pure functions: the IMAP side lives in lib/imap/catch-up.ts and the watcher.
 */

export type PlannedEvent = Omit<MailboxEvent, "folder">;

/** What a watcher remembers of its mailbox between connections. */
export interface MailboxState {
  uidValidity: bigint;
  /** HIGHESTMODSEQ as far as we know (a lower bound); null when the mailbox has no mod-sequences. */
  modseq: bigint | null;
  uidNext: number;
}

/** What SELECT/EXAMINE returned (imapflow's mailbox object, the fields we read). */
export interface OpenedMailbox {
  uidValidity?: bigint;
  highestModseq?: bigint;
  uidNext?: number;
  exists?: number;
  noModseq?: boolean;
  /** imapflow sets it when the server honoured QRESYNC for this SELECT (same UIDVALIDITY, modseq known). */
  qresync?: boolean;
}

/** An untagged response seen while the mailbox was being opened with QRESYNC. */
export type SeenChange =
  | { kind: "flags"; uid?: number; seq?: number; flags: string[]; modseq?: bigint }
  | { kind: "expunge"; uid?: number; seq?: number };

export interface Token {
  uidValidity: bigint;
  modseq: bigint;
}

const TOKEN_RE = /^(\d{1,20}):(\d{1,20})$/;

export function formatToken(uidValidity: bigint, modseq: bigint): string {
  return `${uidValidity}:${modseq}`;
}

export function parseToken(raw: string | null | undefined): Token | null {
  const m = raw ? TOKEN_RE.exec(raw.trim()) : null;
  return m ? { uidValidity: BigInt(m[1]!), modseq: BigInt(m[2]!) } : null;
}

export function stateOf(box: OpenedMailbox): MailboxState | null {
  if (box.uidValidity === undefined) return null;
  return { uidValidity: box.uidValidity, modseq: box.noModseq || !box.highestModseq ? null : box.highestModseq, uidNext: box.uidNext ?? 0 };
}

export function tokenOf(state: MailboxState | null): string | undefined {
  return state && state.modseq !== null ? formatToken(state.uidValidity, state.modseq) : undefined;
}

/**
 * The watcher reopened its mailbox with QRESYNC (uidValidity + modseq it had before): turn what the
 * server reported during EXAMINE into events. First open (no previous state): nothing to report, each
 * subscriber catches up from its own resume point.
 */
export function planWatcherCatchUp(prev: MailboxState | null, opened: OpenedMailbox, seen: SeenChange[]): PlannedEvent[] {
  if (!prev) return [];
  if (opened.uidValidity === undefined || opened.uidValidity !== prev.uidValidity) return [{ type: "resync", reason: "uidvalidity" }];
  if (!opened.qresync || prev.modseq === null) return [{ type: "resync", reason: "no-condstore" }];
  const vanished = [...new Set(seen.flatMap((c) => (c.kind === "expunge" && c.uid !== undefined ? [c.uid] : [])))];
  const events: PlannedEvent[] = [];
  if (vanished.length) events.push({ type: "vanished", uids: vanished.sort((a, b) => a - b), catchup: true });
  // FETCH responses of a QRESYNC SELECT cover changed and new messages alike: UIDNEXT tells them apart.
  const newUids: number[] = [];
  for (const c of seen) {
    if (c.kind !== "flags" || c.uid === undefined) continue;
    if (c.uid >= prev.uidNext) newUids.push(c.uid);
    else if (!vanished.includes(c.uid)) events.push({ type: "flags", uid: c.uid, flags: c.flags, catchup: true });
  }
  if (newUids.length || (opened.uidNext ?? 0) > prev.uidNext) {
    events.push({ type: "new", uids: newUids.sort((a, b) => a - b), count: opened.exists, catchup: true });
  }
  return events;
}

/** One message's state as a CHANGEDSINCE FETCH returned it. */
export interface ChangedRow {
  uid: number;
  flags: string[];
  modseq?: bigint;
}

/**
 * A browser came back with a resume point: what changed since, from UID FETCH 1:* (FLAGS)
 * (CHANGEDSINCE m VANISHED) on the current mailbox. Rows the browser does not know are new to it.
 */
export function planClientCatchUp(
  since: Token,
  box: OpenedMailbox,
  condstore: boolean,
  rows: ChangedRow[],
  vanished: number[],
): { events: PlannedEvent[]; token?: string } {
  if (box.uidValidity === undefined || box.uidValidity !== since.uidValidity) return { events: [{ type: "resync", reason: "uidvalidity" }] };
  if (!condstore || box.noModseq || !box.highestModseq) return { events: [{ type: "resync", reason: "no-condstore" }] };
  const events: PlannedEvent[] = [];
  const gone = [...new Set(vanished)].sort((a, b) => a - b);
  if (gone.length) events.push({ type: "vanished", uids: gone, catchup: true });
  let top = box.highestModseq > since.modseq ? box.highestModseq : since.modseq;
  for (const r of rows) {
    if (r.modseq !== undefined && r.modseq > top) top = r.modseq;
    if (!gone.includes(r.uid)) events.push({ type: "flags", uid: r.uid, flags: r.flags, catchup: true });
  }
  return { events, token: formatToken(box.uidValidity, top) };
}
