import "server-only";
import type { MailSession } from "@/lib/auth/session";
import type { MailStore } from "@/lib/mail/store";
import type { Unsubscribe } from "@/lib/realtime/hub";
import { collabHub, collabTopic } from "@/lib/realtime/collab-hub";
import { scopeFor } from "@/lib/presence/access";
import { presenceRegistry } from "@/lib/presence/registry";
import { personId } from "@/lib/presence/scope";
import type { ActivityNotice, PresenceSnapshot } from "@/lib/shared/collab-types";
import type { TeamNotice } from "@/lib/shared/team-types";

/**
 * Feeds one event stream (/api/events) with the folder's presence and activity: a "presence" snapshot
 * at once and after every change (everyone but this session), and an "activity" notice when someone
 * acts on a message. Returns at once; the subscription starts when the folder's scope is known.
 */
export function followCollab(session: MailSession, store: MailStore, folder: string, send: (event: string, data: unknown) => void): Unsubscribe {
  let stopped = false;
  let unsubscribe: Unsubscribe = () => {};
  const me = personId(session.sid);
  void scopeFor(session, store, folder)
    .then((scope) => {
      if (stopped) return;
      const registry = presenceRegistry();
      // Events name this stream's folder: the same mailbox may have another path for the one who acted.
      const snapshot = () =>
        void (async () => {
          const people = await registry.snapshot(scope.key, me);
          const version = await registry.version();
          if (!stopped) send("presence", { folder, people, version } satisfies PresenceSnapshot);
        })().catch(() => {
          // Shared state unavailable (Redis away) this once: the next change or heartbeat sends a fresh one.
        });
      unsubscribe = collabHub().subscribe(collabTopic(scope.key), (e) => {
        if (e.type === "presence") snapshot();
        else if (e.type === "team") send("team", { folder, uids: e.uids, what: e.what } satisfies TeamNotice);
        else send("activity", { folder, uids: e.uids, action: e.action, actor: e.actor, self: e.person === me } satisfies ActivityNotice);
      });
      snapshot();
    })
    .catch(() => {
      // A folder this session can't see gets no presence; its mail events are unaffected.
    });
  return () => {
    stopped = true;
    unsubscribe();
  };
}
