import "server-only";
import { sharedState } from "@/lib/shared-state/state";

/** What a mailbox watcher tells the browsers showing that mailbox. Compact on purpose. */
export interface MailboxEvent {
  /**
   * exists: new mail (count is the new message count); expunge: a message left the mailbox (uid when
   * the server said which); vanished: several left (uids), reported by a catch-up; flags: a message's
   * flags are now `flags`; new: messages arrived while we were away (uids when known); synced: the
   * view is current as of `token` (sent after every (re)connect and catch-up); resync: the gap could
   * not be bridged incrementally (UIDVALIDITY changed, no CONDSTORE/QRESYNC), refetch everything;
   * unwatched: this mailbox is no longer watched live (account watcher cap).
   */
  type: "exists" | "expunge" | "vanished" | "flags" | "new" | "synced" | "resync" | "unwatched";
  folder: string;
  uid?: number;
  uids?: number[];
  seq?: number;
  flags?: string[];
  count?: number;
  /**
   * "<uidvalidity>:<modseq>": resume point for a client that reconnects (SSE id / Last-Event-ID). It
   * is a lower bound of the real state: replaying a little more after it is harmless.
   */
  token?: string;
  /** Delivered by a catch-up after a gap (QRESYNC / CHANGEDSINCE), not as it happened. */
  catchup?: boolean;
  /** Why a resync: "initial" (no resume point), "uidvalidity", "no-condstore", "gap" (catch-up failed). */
  reason?: "initial" | "uidvalidity" | "no-condstore" | "gap";
}

export type Unsubscribe = () => void;

/**
 * Topic-based pub/sub. The in-process default below serves one app instance; with REDIS_URL,
 * lib/shared-state/redis/hub.ts implements it over Redis pub/sub for several, without features changing.
 */
export interface Hub<E = MailboxEvent> {
  publish(topic: string, event: E): void;
  subscribe(topic: string, fn: (event: E) => void): Unsubscribe;
  /** Number of subscribers on a topic in this process (for tests and stats). */
  subscriberCount(topic: string): number;
}

export class MemoryHub<E = MailboxEvent> implements Hub<E> {
  private readonly topics = new Map<string, Set<(event: E) => void>>();

  publish(topic: string, event: E): void {
    const fns = this.topics.get(topic);
    if (!fns) return;
    // Copy: a listener may unsubscribe (or subscribe) while we deliver.
    for (const fn of [...fns]) {
      try {
        fn(event);
      } catch {
        // One broken subscriber (a closed stream) must not keep the event from the others.
      }
    }
  }

  subscribe(topic: string, fn: (event: E) => void): Unsubscribe {
    let fns = this.topics.get(topic);
    if (!fns) this.topics.set(topic, (fns = new Set()));
    const entry = (event: E) => fn(event); // a distinct entry, so the same fn can subscribe twice
    fns.add(entry);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      fns.delete(entry);
      if (fns.size === 0 && this.topics.get(topic) === fns) this.topics.delete(topic);
    };
  }

  subscriberCount(topic: string): number {
    return this.topics.get(topic)?.size ?? 0;
  }

  /**
   * Topics held. Topic names come from clients (a folder in /api/events), so a topic lives only while
   * someone subscribes to it, and subscribers are capped per session (lib/realtime/stream-limits.ts).
   */
  topicCount(): number {
    return this.topics.size;
  }
}

/**
 * The mailbox-event hub, from the shared-state backend (one per process; across instances with
 * REDIS_URL). Each instance runs its own watcher for the mailboxes its browsers show, so with several
 * instances the same server change is reported by each: an event carrying a token (the mailbox state
 * it leads to) is delivered once. "unwatched" is about this instance's watcher cap: it stays here.
 */
export function hub(): Hub<MailboxEvent> {
  return sharedState().hub<MailboxEvent>("mail", {
    localOnly: (e) => e.type === "unwatched",
    fingerprint: (e) => (e.token ? JSON.stringify(e) : null),
  });
}

export function mailboxTopic(accountKey: string, folder: string): string {
  return `${accountKey}|${folder}`;
}
