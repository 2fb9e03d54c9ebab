// The JSON contract of /api/conversations (issue 12, conversations). Browser-safe.
import type { MessageSummary } from "@/lib/shared/types";

/** A message of a thread, with the folder it lives in (the person's own replies live in Sent). */
export interface ThreadMember extends MessageSummary {
  folder: string;
}

export interface ConversationThread {
  /** Stable across pages for the same root: the browser merges a thread that spans two pages by it. */
  id: string;
  /** Oldest first. */
  messages: ThreadMember[];
}

export interface ConversationPage {
  folder: string;
  uidValidity: string;
  token?: string;
  /** Messages in the folder (not threads: counting threads would mean threading the whole folder). */
  total: number;
  /** Newest activity first. */
  threads: ConversationThread[];
  /** As MessagePage: pass as `before` for the next (older) window of the folder. */
  nextCursor: number | null;
  /** The folder the person's own replies came from, or null (none, or the store cannot read headers). */
  sentFolder: string | null;
  /** False when threads came from subjects alone (the store has no References, e.g. the POP3 cache). */
  byReferences: boolean;
}

export interface ConversationPref {
  enabled: boolean;
}
