// Browser-safe rules of compose, shared by the composer (to mark fields) and the server (to enforce them).
import type { Address } from "@/lib/shared/types";

/** What the composer sends to save a draft or to send. Addresses are the entries as typed. */
export interface ComposeInput {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  /** The editor's HTML; the plain-text alternative is made from it on the server. */
  html: string;
  /** Upload ids (POST /api/uploads) to attach. */
  attachments: string[];
  /** Reply/forward context: the original, for In-Reply-To/References and the \Answered/$Forwarded flag. */
  original: OriginalRef | null;
  inReplyTo: string | null;
  references: string[];
  /** Settings → Identities: the one picked in the From field (absent: the default). */
  identityId?: string | null;
}

export type ComposeMode = "new" | "reply" | "replyAll" | "forward" | "forwardAttachment";

export interface OriginalRef {
  folder: string;
  uid: number;
  mode: ComposeMode;
}

export interface UploadInfo {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

/** What the composer opens with: a reply/forward prefill or a reopened draft. */
export interface ComposePrefill {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  html: string;
  attachments: UploadInfo[];
  original: OriginalRef | null;
  inReplyTo: string | null;
  references: string[];
  /** Set when reopening a draft: the draft's uid in the Drafts folder. */
  draftUid: number | null;
  /** Set when reopening a draft: its key (see ComposeInput.draftKey). */
  draftKey: string | null;
}

/** A composer's draft key: every saved version of one message carries Message-ID <draft.KEY@domain>. */
export const DRAFT_KEY = /^[A-Za-z0-9_-]{8,64}$/;

export function draftMessageId(key: string, email: string): string {
  const domain = email.split("@")[1]?.replace(/[^A-Za-z0-9.-]/g, "") || "mailroom.invalid";
  return `<draft.${key}@${domain}>`;
}

export function draftKeyOf(messageId: string | null): string | null {
  const m = /^<draft\.([A-Za-z0-9_-]{8,64})@[^>]+>$/.exec(messageId ?? "");
  return m ? m[1]! : null;
}

export interface SaveDraftResponse {
  uid: number;
  folder: string;
}

export interface SendResponse {
  ok: true;
  sentFolder: string;
  messageId: string;
  /** Recipients the server refused while it accepted the others. */
  rejected: string[];
  /** The message went out, but something after it (the Sent copy) failed. */
  warning: string | null;
}

export interface Identity {
  /** The From display name; empty means the address alone. */
  fromName: string;
}

// ---- header text ------------------------------------------------------------------------------------

/** CR, LF and every other control character (and Unicode line/paragraph separators) become a space. */
export function cleanHeaderText(value: string, max = 998): string {
  return value
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    .replace(/\s{2,}/g, " ")
    .trim()
    .slice(0, max);
}

// ---- addresses --------------------------------------------------------------------------------------

// One mailbox, addr-spec only: dot-atom local part and a dotted domain of LDH labels (or an IDN). No
// quoted local parts, comments, groups or IP literals: they are legal but not worth the risk.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u00a0-\uffff-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u00a0-\uffff-]+)*$/;
const LABEL = /^(?!-)[A-Za-z0-9\u00a0-\uffff-]{1,63}(?<!-)$/;

export function isValidAddress(addr: string): boolean {
  if (addr.length > 254) return false;
  const at = addr.lastIndexOf("@");
  if (at < 1 || at === addr.length - 1) return false;
  const local = addr.slice(0, at);
  const domain = addr.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local)) return false;
  const labels = domain.split(".");
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^[0-9]+$/.test(labels[labels.length - 1]!);
}

/**
 * Parses one entry as typed: `a@b.c`, `Name <a@b.c>` or `"Name" <a@b.c>`. Returns null for anything else
 * (two addresses, line breaks, a bad address), so one entry is always exactly one mailbox.
 */
export function parseAddress(entry: string): Address | null {
  if (/[\r\n\u0000-\u001f\u007f]/.test(entry)) return null;
  const s = entry.trim();
  if (!s) return null;
  const angle = /^(.*?)\s*<([^<>\s]+)>$/.exec(s);
  if (angle) {
    let name = angle[1]!.trim();
    if (/^".*"$/.test(name)) name = name.slice(1, -1).replace(/\\(.)/g, "$1");
    if (/[<>]/.test(name) || (/[,;]/.test(name) && !/^".*"$/.test(angle[1]!.trim()))) return null;
    const address = angle[2]!;
    return isValidAddress(address) ? { name: cleanHeaderText(name, 200), address } : null;
  }
  if (/[\s<>,;"]/.test(s)) return null;
  return isValidAddress(s) ? { name: "", address: s } : null;
}

/** Splits pasted text into entries on commas, semicolons and line breaks outside quotes and angle brackets. */
export function splitAddressList(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  let angle = false;
  for (const ch of text) {
    if (ch === '"' && !angle) quoted = !quoted;
    else if (ch === "<" && !quoted) angle = true;
    else if (ch === ">" && !quoted) angle = false;
    if (!quoted && !angle && (ch === "," || ch === ";" || ch === "\n" || ch === "\r")) {
      if (cur.trim()) out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export function formatAddress(a: Address): string {
  if (!a.name) return a.address;
  const name = /[",;<>@()\\]/.test(a.name) ? `"${a.name.replace(/["\\]/g, "\\$&")}"` : a.name;
  return `${name} <${a.address}>`;
}

// ---- subjects ---------------------------------------------------------------------------------------

const RE = /^\s*((re|aw|sv|vs|antw)\s*(\[\d+\])?\s*:\s*)+/i;
const FWD = /^\s*((fwd?|wg|tr|rv)\s*(\[\d+\])?\s*:\s*)+/i;

/** "Re: " once, however many Re:/AW: the original carried ("Re: Fwd: x" stays a reply to a forward). */
export function replySubject(subject: string): string {
  return `Re: ${cleanHeaderText(subject).replace(RE, "").trim()}`;
}

/** "Fwd: " once. */
export function forwardSubject(subject: string): string {
  return `Fwd: ${cleanHeaderText(subject).replace(FWD, "").trim()}`;
}

// ---- threading --------------------------------------------------------------------------------------

const MSG_ID = /^<[^<>\s]+@[^<>\s]+>$/;

export function isMessageId(id: string): boolean {
  return MSG_ID.test(id) && id.length <= 998;
}

/** References of a reply: the original's References (or its In-Reply-To), then its Message-ID; deduplicated, bounded. */
export function replyReferences(original: { messageId: string | null; references: string[]; inReplyTo: string | null }): string[] {
  const chain = original.references.length ? [...original.references] : original.inReplyTo ? [original.inReplyTo] : [];
  if (original.messageId) chain.push(original.messageId);
  const seen = new Set<string>();
  const ids = chain.filter((id) => isMessageId(id) && !seen.has(id) && seen.add(id));
  // Keep the first (thread root) and the most recent ones, as RFC 5322 §3.6.4 suggests for long threads.
  return ids.length > 20 ? [ids[0]!, ...ids.slice(-19)] : ids;
}

/** Reply-all recipients: the sender (or Reply-To) in To; everyone else in Cc; never me, never twice. */
export function replyAllRecipients(
  original: { from: Address | null; replyTo: Address[]; to: Address[]; cc: Address[] },
  me: string,
): { to: Address[]; cc: Address[] } {
  const mine = me.toLowerCase();
  const seen = new Set<string>([mine]);
  const take = (list: Address[]) =>
    list.filter((a) => {
      const k = a.address.toLowerCase();
      if (!a.address || seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  const primary = original.replyTo.length ? original.replyTo : original.from ? [original.from] : [];
  const to = take(primary);
  const cc = take([...original.to, ...original.cc]);
  // Replying to my own sent message: reply to its recipients instead.
  if (to.length === 0 && cc.length) return { to: cc.slice(0, 1), cc: cc.slice(1) };
  return { to, cc };
}
