import "server-only";
import type { MailCredentials } from "@/lib/imap/connect";
import { poolFor } from "@/lib/imap/pool";
import { changesSince } from "@/lib/imap/catch-up";
import { logger } from "@/lib/logger";
import type { MailboxEvent, Unsubscribe } from "@/lib/realtime/hub";
import type { PlannedEvent, Token } from "@/lib/realtime/catch-up";
import { watchMailbox, watcherRegistry } from "@/lib/realtime/mailbox-watcher";

export type CatchUp = (creds: MailCredentials, folder: string, since: Token) => Promise<{ events: PlannedEvent[]; token?: string }>;

const catchUpOnPool: CatchUp = (creds, folder, since) => poolFor(creds).run((c) => changesSince(c, folder, since), { folder });

/**
 * One browser's view of a mailbox: the shared watcher's live events, preceded by this browser's own
 * catch-up. With a resume point (the SSE Last-Event-ID, or the token of the list it loaded) it gets
 * precisely what changed since; without one, a "resync". The catch-up runs once the watcher listens
 * (so nothing falls between the two), and live events that arrive meanwhile are held back and sent
 * after it, so an older snapshot never overwrites a newer change.
 */
export function followMailbox(
  creds: MailCredentials,
  folder: string,
  since: Token | null,
  send: (event: MailboxEvent) => void,
  deps: { catchUp?: CatchUp; watch?: typeof watchMailbox; isReady?: () => boolean; token?: () => string | undefined } = {},
): Unsubscribe {
  const catchUp = deps.catchUp ?? catchUpOnPool;
  const watch = deps.watch ?? watchMailbox;
  const isReady = deps.isReady ?? (() => watcherRegistry().isReady(creds, folder));
  const currentToken = deps.token ?? (() => watcherRegistry().tokenOf(creds, folder));
  let held: MailboxEvent[] | null = [];
  let started = false;
  let closed = false;

  const flush = () => {
    const out = held ?? [];
    held = null;
    for (const e of out) if (!closed) send(e);
  };
  const begin = async () => {
    if (started) return;
    started = true;
    if (!since) {
      // Every follower hears "synced" once it is live, also one that joined a watcher already running.
      if (!closed) send({ type: "resync", reason: "initial", folder });
      if (!closed) send({ type: "synced", token: currentToken(), folder });
      flush();
      return;
    }
    try {
      const result = await catchUp(creds, folder, since);
      if (closed) return;
      for (const e of result.events) send({ ...e, folder });
      send({ type: "synced", token: result.token, catchup: true, folder });
    } catch (err) {
      logger.warn("catch-up failed, asking for a reload", { folder, error: err instanceof Error ? err.message : String(err) });
      if (!closed) send({ type: "resync", reason: "gap", folder });
    }
    flush();
  };

  const unwatch = watch(creds, folder, (event) => {
    if (held) held.push(event);
    else send(event);
    // The watcher listens now (or was parked by the account's cap and will not): catch up from here.
    if ((event.type === "synced" || event.type === "unwatched") && !started) void begin();
  });
  if (isReady()) void begin();
  return () => {
    closed = true;
    unwatch();
  };
}
