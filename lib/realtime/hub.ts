import "server-only";

/** What a mailbox watcher tells the browsers showing that mailbox. Compact on purpose: clients refetch. */
export interface MailboxEvent {
  /**
   * exists: new mail (count is the new message count); expunge: a message left the mailbox;
   * flags: a message's flags changed; resync: events may have been missed (watcher reconnected),
   * refetch everything; unwatched: this mailbox is no longer watched live (account watcher cap).
   */
  type: "exists" | "expunge" | "flags" | "resync" | "unwatched";
  folder: string;
  uid?: number;
  seq?: number;
  flags?: string[];
  count?: number;
}

export type Unsubscribe = () => void;

/**
 * Topic-based pub/sub. The in-process default below serves one app instance; a Redis implementation
 * of this interface is the path to several, without features changing.
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
}

// On globalThis so that dev hot-reload keeps one hub for the watchers and the open streams.
export function hub(): Hub<MailboxEvent> {
  const g = globalThis as Record<string, unknown>;
  return (g.__mailroomHub ??= new MemoryHub<MailboxEvent>()) as Hub<MailboxEvent>;
}

export function mailboxTopic(accountKey: string, folder: string): string {
  return `${accountKey}|${folder}`;
}
