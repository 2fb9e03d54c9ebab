import "server-only";

/*
 * Open live-event streams (/api/events) per session. Each stream holds a subscription, maybe an IMAP
 * watcher, and a socket: a script that opens hundreds with one cookie would starve everyone else. Past
 * the cap the oldest stream of that session is closed with a "closed" event that says why, so that
 * browser tab stops instead of reconnecting in a loop (hooks/event-stream.ts).
 */

export const MAX_STREAMS_PER_SESSION = 6;

export interface StreamClosedNotice {
  code: "TOO_MANY_STREAMS";
  message: string;
}

interface Open {
  close: (notice: StreamClosedNotice) => void;
}

export class StreamLimits {
  /** sid → open streams, oldest first. A session's entry goes when its last stream closes. */
  private readonly sessions = new Map<string, Open[]>();

  constructor(private readonly max = MAX_STREAMS_PER_SESSION) {}

  /**
   * Counts a new stream of `sid`; closes the session's oldest ones past the cap (calling their
   * `close`). Returns the function to call when this stream ends, however it ends.
   */
  register(sid: string, close: (notice: StreamClosedNotice) => void): () => void {
    const open: Open = { close };
    let list = this.sessions.get(sid);
    if (!list) this.sessions.set(sid, (list = []));
    list.push(open);
    while (list.length > this.max) {
      const oldest = list.shift()!;
      try {
        oldest.close({ code: "TOO_MANY_STREAMS", message: `This sign-in has more than ${this.max} live views open (tabs or windows), so live updates stopped in this one. Reload the page to resume them here.` });
      } catch {
        // A stream that is already gone: it is off the list all the same.
      }
    }
    return () => {
      const now = this.sessions.get(sid);
      if (!now) return;
      const i = now.indexOf(open);
      if (i >= 0) now.splice(i, 1);
      if (now.length === 0) this.sessions.delete(sid);
    };
  }

  /** Open streams of a session (tests, stats). */
  count(sid: string): number {
    return this.sessions.get(sid)?.length ?? 0;
  }

  /** Sessions with at least one open stream. */
  sessionCount(): number {
    return this.sessions.size;
  }
}

// On globalThis so that dev hot-reload keeps counting the streams already open.
export function streamLimits(): StreamLimits {
  const g = globalThis as Record<string, unknown>;
  return (g.__mailroomStreamLimits ??= new StreamLimits()) as StreamLimits;
}

/** The route's one call: counts this stream against its session's cap. */
export function registerStream(sid: string, close: (notice: StreamClosedNotice) => void): () => void {
  return streamLimits().register(sid, close);
}
