// Conversations (issue 12 point 2): JWZ threading (https://www.jwz.org/doc/threading.html) over
// Message-ID, References and In-Reply-To, computed by Mailroom so that it works on servers without the
// IMAP THREAD extension and on the POP3 cache. Pure and browser-safe: the server groups a page, the
// browser merges pages. Subjects join threads only within a time window: two unrelated "Hello"s a year
// apart are not one conversation.

export interface ThreadInput {
  /** Unique per message, e.g. "INBOX\u00004711". */
  key: string;
  messageId: string | null;
  inReplyTo: string | null;
  /** Oldest first, as in the header. */
  references: string[];
  subject: string;
  /** Milliseconds since the epoch. */
  date: number;
}

export interface ThreadGroup {
  /** Stable for the same root: the root's Message-ID, else the normalized subject, else the first key. */
  id: string;
  /** Member keys, oldest first. */
  keys: string[];
}

export interface ThreadOptions {
  /** Messages whose only link is an equal normalized subject join when this close in time (ms). */
  subjectWindowMs?: number;
}

export const DEFAULT_SUBJECT_WINDOW_MS = 14 * 24 * 3600 * 1000;

// Reply and forward prefixes in the languages mail clients commonly write: Re, Fwd, Fw, Aw (German),
// Sv (Nordic), Wg (German forward), Antw (Dutch), Tr (French forward), "Re[2]:", "RE :".
const PREFIX = /^\s*(?:(?:re|fwd?|aw|sv|wg|antw|tr|rif|ref)(?:\[\d+\])?\s*:\s*)+/i;

/** The subject without reply/forward prefixes, whitespace folded, lower case; "" when nothing is left. */
export function normalizeSubject(subject: string): string {
  let s = subject.replace(/\s+/g, " ").trim();
  // Prefixes may alternate with list tags: "Re: [team] Re: plan" → "[team] plan" stays comparable.
  for (let i = 0; i < 10; i++) {
    const next = s.replace(PREFIX, "").trim();
    if (next === s) break;
    s = next;
  }
  return s.toLowerCase();
}

/** Message-IDs from a header value: "<a@b> <c@d>" → ["a@b", "c@d"]; junk between ids is ignored. */
export function parseMessageIds(value: string | null | undefined): string[] {
  if (!value) return [];
  const ids: string[] = [];
  for (const m of value.matchAll(/<([^<>\s]+)>/g)) ids.push(m[1]);
  // A bare id without brackets (seen from broken clients) is taken when it is the whole value.
  if (ids.length === 0 && /^[^\s<>]+@[^\s<>]+$/.test(value.trim())) ids.push(value.trim());
  return ids;
}

interface Container {
  id: string;
  message: ThreadInput | null;
  parent: Container | null;
  children: Container[];
}

function isAncestor(maybe: Container, of: Container): boolean {
  // Parent chains are kept acyclic below, so this walk ends; the bound is belt and braces.
  let c: Container | null = of;
  for (let i = 0; c && i < 10_000; i++) {
    if (c === maybe) return true;
    c = c.parent;
  }
  return false;
}

function unlink(child: Container): void {
  if (!child.parent) return;
  const siblings = child.parent.children;
  siblings.splice(siblings.indexOf(child), 1);
  child.parent = null;
}

function link(parent: Container, child: Container): void {
  if (parent === child || isAncestor(child, parent)) return; // would make a loop
  unlink(child);
  child.parent = parent;
  parent.children.push(child);
}

function collect(c: Container, out: ThreadInput[]): void {
  // Iterative: a reply chain of thousands must not overflow the stack.
  const stack = [c];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.message) out.push(n.message);
    stack.push(...n.children);
  }
}

/** A root without its message (referenced but absent): its only child takes its place; none, it goes. */
function prune(c: Container): Container[] {
  if (c.message) return [c];
  // With several children, the dummy keeps them together.
  if (c.children.length === 1) {
    const only = c.children[0];
    only.parent = null;
    c.children = [];
    return prune(only);
  }
  return c.children.length ? [c] : [];
}

/**
 * The thread's origin, the same whichever of its messages a window holds: the first reference of the
 * root (its own parents are absent here), else the root's own id. A page holding only the later replies
 * thus names the thread like the page holding its start, and the browser can merge the two.
 */
function originOf(root: Container): string | null {
  const m = root.message ?? root.children.find((c) => c.message)?.message ?? null;
  if (m) return m.references[0] ?? m.inReplyTo ?? m.messageId;
  return root.id.startsWith("\u0000") ? null : root.id;
}

/** Groups messages into conversations; threads newest first, members oldest first. */
export function threadMessages(messages: ThreadInput[], opts: ThreadOptions = {}): ThreadGroup[] {
  const window = opts.subjectWindowMs ?? DEFAULT_SUBJECT_WINDOW_MS;
  const table = new Map<string, Container>();
  const containers: Container[] = [];
  const container = (id: string): Container => {
    let c = table.get(id);
    if (!c) {
      c = { id, message: null, parent: null, children: [] };
      table.set(id, c);
      containers.push(c);
    }
    return c;
  };

  for (const m of messages) {
    // 1A: the message's own container; a second message with the same id (a copy) gets a fresh one.
    let own = m.messageId ? table.get(m.messageId) : undefined;
    if (!own || own.message) own = container(own || !m.messageId ? `\u0000key:${m.key}` : m.messageId);
    own.message = m;
    // 1B: References, then In-Reply-To when it is not already the last reference, linked pairwise.
    const refs = [...m.references];
    if (m.inReplyTo && refs[refs.length - 1] !== m.inReplyTo) refs.push(m.inReplyTo);
    let prev: Container | null = null;
    for (const id of refs) {
      if (id === m.messageId) continue;
      const c = container(id);
      // Only set a parent the headers have not already given: the first opinion wins, as JWZ says.
      if (prev && !c.parent) link(prev, c);
      prev = c;
    }
    // 1C: the message's parent is its last reference, replacing whatever an older message guessed.
    // Without references, what other messages said about its parent stands (order-independent).
    if (prev && prev !== own) link(prev, own);
  }

  // 2–4: roots, with empty containers (referenced but absent messages) pruned.
  const roots = containers.filter((c) => !c.parent).flatMap(prune);

  // 5: roots with the same normalized subject, close in time, are one conversation.
  const groups = roots.map((root) => {
    const members: ThreadInput[] = [];
    collect(root, members);
    members.sort((a, b) => a.date - b.date || a.key.localeCompare(b.key));
    const rootMsg = root.message ?? members[0];
    const subject = normalizeSubject(rootMsg?.subject ?? "");
    const id = originOf(root) ?? (subject ? `subject:${subject}` : `key:${members[0]?.key}`);
    return { id, subject, members, first: members[0]?.date ?? 0, last: members.at(-1)?.date ?? 0 };
  });
  groups.sort((a, b) => a.first - b.first);
  const merged: typeof groups = [];
  const lastBySubject = new Map<string, (typeof groups)[number]>();
  for (const g of groups) {
    const prior = g.subject ? lastBySubject.get(g.subject) : undefined;
    if (prior && g.first - prior.last <= window) {
      prior.members.push(...g.members);
      prior.last = Math.max(prior.last, g.last);
      continue;
    }
    merged.push(g);
    if (g.subject) lastBySubject.set(g.subject, g);
  }
  // Ids name threads across pages, so they must be unique within one answer too.
  const seen = new Set<string>();
  return merged
    .map((g) => {
      g.members.sort((a, b) => a.date - b.date || a.key.localeCompare(b.key));
      let id = g.id;
      if (seen.has(id)) id = `${id}\u0000${g.members[0]?.key}`;
      seen.add(id);
      return { id, keys: g.members.map((m) => m.key), last: g.last };
    })
    .sort((a, b) => b.last - a.last)
    .map(({ id, keys }) => ({ id, keys }));
}
