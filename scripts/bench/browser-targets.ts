/**
 * What each browser step waits for, asked of the bench Dovecot itself before the runs (never assumed):
 * the newest subjects of INBOX and the second folder, plain-text messages to open with their first
 * sentence, a search term with its newest match, and the oldest message's subject.
 */
import { simpleParser } from "mailparser";
import { closeRaw, connectRaw, type ImapTarget } from "./imap";

export interface OpenTarget {
  uid: number;
  subject: string;
  /** The body's first sentence, whole: longer than a list row's snippet, so only the open body shows it. */
  sentence: string;
}

export interface MailboxTargets {
  user: string;
  inbox_messages: number;
  newest_subject: string;
  folder: string;
  folder_messages: number;
  folder_newest_subject: string;
  /** One per run (warm-ups first), each a different message of the first page. */
  open: OpenTarget[];
  search_term: string;
  search_first_subject: string;
  /** Matches of the term: Mailroom's "all" (from, subject, body) / Roundcube's default (subject, from). */
  search_matches: { mailroom: number; roundcube: number };
  oldest_subject: string;
  /**
   * The OLDEST_PAGE oldest messages' subjects, oldest first: whichever of them a list shows in view is
   * "the oldest page is on screen" (Roundcube's last page starts at its top, so its oldest row is below
   * the fold; Mailroom scrolls its oldest row into view). None is on the first page.
   */
  oldest_page_subjects: string[];
}

/** Both apps list 50 messages a page (Roundcube's default mail_pagesize; Mailroom's page). */
export const OLDEST_PAGE = 50;

/** Escapes a subject for a RegExp that matches it whole: "Invoice #12" never matches "Invoice #123". */
export function subjectPattern(subject: string): RegExp {
  return new RegExp(`${subject.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?!\\d)`);
}

/** Any of the subjects, each matched whole (see subjectPattern). */
export function anySubjectPattern(subjects: string[]): RegExp {
  if (subjects.length === 0) throw new Error("no subjects to match");
  return new RegExp(subjects.map((s) => `(?:${subjectPattern(s).source})`).join("|"));
}

/** The first sentence of a text body (up to and with its first full stop), or null. */
export function firstSentence(text: string): string | null {
  const m = /^\s*([^\n.]+\.)/.exec(text);
  return m ? m[1]!.trim() : null;
}

// Three digits occur only in subjects ("Topic #1737"): the generated bodies and names hold none.
const TERMS = ["737", "373", "628", "482", "915", "264"];
// Snippets are about 100 characters: a sentence longer than this cannot be in a row already.
const MIN_SENTENCE = 130;

async function subjectAt(client: Awaited<ReturnType<typeof connectRaw>>, seq: number): Promise<{ uid: number; subject: string }> {
  const msg = await client.fetchOne(String(seq), { uid: true, envelope: true });
  if (!msg || !msg.envelope?.subject) throw new Error(`message ${seq} has no subject`);
  return { uid: msg.uid, subject: msg.envelope.subject };
}

export async function findTargets(t: ImapTarget, expectMessages: number, folder: string, openCount: number): Promise<MailboxTargets> {
  const client = await connectRaw(t);
  try {
    const st = await client.status(folder, { messages: true });
    const folderMessages = st ? (st.messages ?? 0) : 0;
    if (folderMessages === 0) throw new Error(`${t.user} ${folder} is empty`);
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    let folderNewest: string;
    try {
      folderNewest = (await subjectAt(client, folderMessages)).subject;
    } finally {
      lock.release();
    }

    const inbox = await client.getMailboxLock("INBOX", { readOnly: true });
    try {
      const n = client.mailbox ? client.mailbox.exists : 0;
      if (n !== expectMessages) throw new Error(`${t.user} INBOX has ${n} messages, expected ${expectMessages}`);
      const newest = await subjectAt(client, n);
      const oldest = await subjectAt(client, 1);
      const subjectsOf = async (range: string) => {
        const out: string[] = [];
        for await (const msg of client.fetch(range, { envelope: true })) out.push(msg.envelope?.subject ?? "");
        return out;
      };
      const oldestPage = await subjectsOf(`1:${Math.min(OLDEST_PAGE, n)}`);
      const firstPage = await subjectsOf(`${Math.max(1, n - OLDEST_PAGE + 1)}:${n}`);
      const oldestPattern = anySubjectPattern(oldestPage);
      const clash = firstPage.find((s) => oldestPattern.test(s));
      if (clash !== undefined) throw new Error(`${t.user}: "${clash}" on the first page looks like one of the oldest messages' subjects: the oldest page could not be told from the first`);

      // Plain-text messages of the first page (not the newest two), each with a long first sentence.
      const open: OpenTarget[] = [];
      for await (const msg of client.fetch(`${n - 45}:${n - 2}`, { uid: true, envelope: true, bodyStructure: true, source: true })) {
        if (msg.bodyStructure?.type !== "text/plain" || !msg.source || !msg.envelope?.subject) continue;
        const parsed = await simpleParser(msg.source);
        const sentence = firstSentence(parsed.text ?? "");
        if (sentence && sentence.length >= MIN_SENTENCE) open.push({ uid: msg.uid, subject: msg.envelope.subject, sentence });
      }
      open.sort((a, b) => b.uid - a.uid);
      if (open.length < openCount) throw new Error(`only ${open.length} plain-text messages with a long first sentence on ${t.user}'s first page; ${openCount} runs need one each`);

      // A term whose newest match is the same for both apps' search and is far from the first page,
      // so its subject cannot be on screen before the search answers.
      for (const term of TERMS) {
        const all = (await client.search({ or: [{ from: term }, { subject: term }, { body: term }] })) || [];
        const headers = (await client.search({ or: [{ subject: term }, { from: term }] })) || [];
        const newestAll = Math.max(0, ...all);
        if (newestAll === 0 || newestAll !== Math.max(0, ...headers) || n - newestAll < 100) continue;
        const first = await subjectAt(client, newestAll);
        return {
          user: t.user,
          inbox_messages: n,
          newest_subject: newest.subject,
          folder,
          folder_messages: folderMessages,
          folder_newest_subject: folderNewest,
          open: open.slice(0, openCount),
          search_term: term,
          search_first_subject: first.subject,
          search_matches: { mailroom: all.length, roundcube: headers.length },
          oldest_subject: oldest.subject,
          oldest_page_subjects: oldestPage,
        };
      }
      throw new Error(`none of the search terms ${TERMS.join(", ")} suits ${t.user}'s INBOX`);
    } finally {
      inbox.release();
    }
  } finally {
    await closeRaw(client);
  }
}
