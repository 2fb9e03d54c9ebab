/**
 * Section "big_folder_paging" (issue 13 point 8): the list's first page and a page far down, on the
 * 10,000- and the 100,000-message INBOX, against imapflow doing the minimum for the same rows (one
 * sequence-range FETCH of 50 summaries on an open connection). Far pages are measured twice: a new
 * page each time (the page cache cannot help) and the same page again (served from the page cache
 * after one STATUS). `before_change_method` times what the list did per older page until issue 13 —
 * UID SEARCH of every UID below the cursor, then UID FETCH of the page — on the same raw connection.
 */
import type { ImapFlow } from "imapflow";
import type { MessagePage } from "../../lib/shared/types";
import { Client } from "./http";
import { SUMMARY_QUERY, closeRaw, connectRaw, type ImapTarget } from "./imap";
import { log } from "./stack";
import { ratio, summarize, timed, type Stats } from "./stats";

const FOLDER = "INBOX";
const LIMIT = 50;

interface Step {
  description: string;
  raw: Stats;
  app: Stats;
  ratio: number;
}

export interface BigFolderResult {
  messages: number;
  first_page: Step;
  near_page_uncached: Step;
  far_page_uncached: Step;
  far_page_cached: Step;
  jump_to_day_uncached: Step;
  /** Raw imapflow doing what the list did per older page before issue 13, at the near and the far cursors. */
  before_change_method: { near: Stats; far: Stats };
  /** The mail server's own cost: another connection's next command after one message was marked read. */
  after_flag_change_elsewhere: { description: string; raw: Stats };
}

async function withLock<T>(raw: ImapFlow, fn: () => Promise<T>): Promise<T> {
  const lock = await raw.getMailboxLock(FOLDER);
  try {
    return await fn();
  } finally {
    lock.release();
  }
}

/** The floor: one FETCH of 50 sequence numbers ending at `end`. */
const rawRange = (raw: ImapFlow, end: number) => withLock(raw, () => raw.fetchAll(`${Math.max(1, end - LIMIT + 1)}:${end}`, SUMMARY_QUERY));

/** Until issue 13: every UID below the cursor, then the page's UIDs. */
const oldMethod = (raw: ImapFlow, before: number) =>
  withLock(raw, async () => {
    const all = ((await raw.search({ uid: `1:${before - 1}` }, { uid: true })) || []).sort((a, b) => b - a);
    return raw.fetchAll(all.slice(0, LIMIT).join(","), SUMMARY_QUERY, { uid: true });
  });

function page(body: string, what: string): MessagePage {
  const p = JSON.parse(body) as MessagePage;
  if (!Array.isArray(p.messages) || p.messages.length !== LIMIT) throw new Error(`${what}: ${p.messages?.length ?? "no"} rows, expected ${LIMIT}`);
  return p;
}

async function pairs(n: number, rawFn: (i: number) => Promise<unknown>, appFn: (i: number) => Promise<unknown>, description: string): Promise<Step> {
  const rawMs: number[] = [];
  const appMs: number[] = [];
  for (let i = 0; i < n; i++) {
    rawMs.push((await timed(() => rawFn(i))).ms);
    appMs.push((await timed(() => appFn(i))).ms);
  }
  const raw = summarize(rawMs);
  const app = summarize(appMs);
  return { description, raw, app, ratio: ratio(app.median_ms, raw.median_ms) };
}

/**
 * Another connection marks one message read (then unread), and this one's next NOOP + body SEARCH of
 * the newest 500 is timed: what Dovecot makes every other session pay to catch up with a change it did
 * not make. Maildir keeps flags in file names, so the message's file was renamed; without
 * `maildir_very_dirty_syncs` the session that reads it next re-reads the folder's whole cur/ directory
 * (~160 ms at 100,000 messages) — a search, an open, or a page whose fields are not in Dovecot's cache.
 */
async function afterFlagChangeElsewhere(raw: ImapFlow, target: ImapTarget, exists: number, n: number): Promise<Stats> {
  const other = await connectRaw(target);
  try {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const seq = String(exists - 10 - (i % 5));
      await withLock(other, async () => (i % 2 === 0 ? other.messageFlagsAdd(seq, ["\\Seen"]) : other.messageFlagsRemove(seq, ["\\Seen"])));
      // A search reads the message files, as the app's streamed search over the newest 500 does.
      const search = async () => {
        await raw.noop();
        return raw.search({ seq: `${exists - 499}:${exists}`, body: "mailroom-no-such-word" });
      };
      ms.push((await timed(() => withLock(raw, search))).ms);
    }
    return summarize(ms);
  } finally {
    await closeRaw(other);
  }
}

/** One folder: `target`'s INBOX (its UIDs are 1…N in arrival order, as the seed appends them). */
export async function benchBigFolder(appUrl: string, target: ImapTarget, iterations: number): Promise<BigFolderResult> {
  const raw = await connectRaw(target);
  const session = new Client(appUrl);
  try {
    await session.signIn({ email: target.user, password: target.password });
    const exists = await withLock(raw, async () => raw.mailbox ? raw.mailbox.exists : 0);
    const uids = await withLock(raw, async () => (await raw.fetchAll(`1:${exists}`, { uid: true })).map((m) => m.uid).sort((a, b) => a - b));
    if (uids.length < 2000) throw new Error(`${target.user} INBOX has ${uids.length} messages`);
    const list = (q: string) => session.getText(`/api/messages?folder=${FOLDER}&limit=${LIMIT}${q}`);
    log(`big folder ${target.user}: ${exists} messages, ${iterations} pairs per step`);
    // Warm-up: the session's pool, the first page's cache.
    page(await list(""), "first page");
    await rawRange(raw, exists);

    const first = await pairs(iterations, () => rawRange(raw, exists), async () => page(await list(""), "first page"), "newest 50 (the page cache after the first)");
    // Scrolling: the page below a cursor among the newest 2,000 rows, a different one each time.
    const nearSeq = (i: number) => exists - LIMIT - ((i * 37) % 2000);
    const near = await pairs(
      iterations,
      (i) => rawRange(raw, nearSeq(i) - 1),
      async (i) => page(await list(`&before=${uids[nearSeq(i) - 1]}`), "near page"),
      "50 rows below a cursor in the newest 2,000, a new page each time",
    );
    // Far down: 85–95 % of the way, a different cursor each time so no page repeats.
    const cursorSeq = (i: number) => Math.floor(exists * 0.05) + LIMIT + ((i * 97) % Math.floor(exists * 0.1));
    const far = await pairs(
      iterations,
      (i) => rawRange(raw, cursorSeq(i) - 1),
      async (i) => page(await list(`&before=${uids[cursorSeq(i) - 1]}`), "far page"),
      "50 rows below a cursor 85-95 % down, a new page each time",
    );
    const fixed = uids[Math.floor(exists * 0.1)]!;
    page(await list(`&before=${fixed}`), "far page");
    const cached = await pairs(iterations, () => rawRange(raw, Math.floor(exists * 0.1)), async () => page(await list(`&before=${fixed}`), "cached page"), "the same far page again");
    // Jump to a day: a different day each time, from the oldest tenth of the folder.
    const days = await withLock(raw, async () => {
      const probe = await raw.fetchAll(`1:${Math.floor(exists * 0.1)}`, { internalDate: true });
      return [...new Set(probe.map((m) => new Date(m.internalDate!).toISOString().slice(0, 10)))].slice(2);
    });
    const jump = await pairs(
      Math.min(iterations, days.length),
      () => rawRange(raw, Math.floor(exists * 0.05)),
      async (i) => {
        const p = JSON.parse(await list(`&jump=${days[i]}`)) as MessagePage;
        if (!p.messages.length || !p.offset) throw new Error(`jump to ${days[i]} returned no offset page`);
      },
      "jump to a day in the oldest tenth, a new day each time",
    );
    const oldNear: number[] = [];
    const oldFar: number[] = [];
    for (let i = 0; i < Math.min(iterations, 10); i++) {
      oldNear.push((await timed(() => oldMethod(raw, uids[nearSeq(i) - 1]!))).ms);
      oldFar.push((await timed(() => oldMethod(raw, uids[cursorSeq(i) - 1]!))).ms);
    }
    const afterChange = await afterFlagChangeElsewhere(raw, target, exists, Math.min(iterations, 20));
    await session.signOut();
    return {
      messages: exists,
      first_page: first,
      near_page_uncached: near,
      far_page_uncached: far,
      far_page_cached: cached,
      jump_to_day_uncached: jump,
      before_change_method: { near: summarize(oldNear), far: summarize(oldFar) },
      after_flag_change_elsewhere: { description: "raw imapflow: NOOP + SEARCH BODY over the newest 500 on one connection, just after another connection toggled \\Seen on one of them", raw: afterChange },
    };
  } finally {
    await closeRaw(raw);
  }
}
