import type { NextRequest } from "next/server";
import { z } from "zod";
import { folderPath } from "@/lib/api/input";
import { requireSession, watchSessionEnd } from "@/lib/auth/session";
import { errorResponse } from "@/lib/api/respond";
import { followMailbox } from "@/lib/realtime/follow-mailbox";
import { parseToken } from "@/lib/realtime/catch-up";
import { storeFor } from "@/lib/mail/store-for";
import { followCollab } from "@/lib/presence/stream";
import { registerStream } from "@/lib/realtime/stream-limits";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// A resume point "<uidvalidity>:<modseq>": EventSource sends the last event id it saw when it
// reconnects (Last-Event-ID); a page that just loaded its list passes that list's token as ?since=.
const tokenSchema = z.string().regex(/^\d{1,20}:\d{1,20}$/).optional();
const querySchema = z.object({ folder: folderPath, since: tokenSchema, lastEventId: tokenSchema.catch(undefined) });

// Proxies and load balancers close connections that stay silent for a minute or so.
const PING_MS = 20_000;

/** Server-Sent Events: change notices for one mailbox of the signed-in account. */
export async function GET(req: NextRequest): Promise<Response> {
  let session;
  let folder: string;
  let since: string | undefined;
  try {
    session = await requireSession(req);
    const q = querySchema.parse({
      folder: req.nextUrl.searchParams.get("folder") ?? undefined,
      since: req.nextUrl.searchParams.get("since") || undefined,
      lastEventId: req.headers.get("last-event-id") || undefined,
    });
    folder = q.folder;
    // The browser's own last event is newer than the page's list.
    since = q.lastEventId ?? q.since;
  } catch (err) {
    return errorResponse(err);
  }

  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (chunk: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      // POP3 accounts have no live server to watch (their UI polls sync status): heartbeats only.
      const unwatch =
        session.protocol === "imap"
          ? followMailbox(session.creds, folder, parseToken(since), (e) => send(`${e.token ? `id: ${e.token}\n` : ""}event: change\ndata: ${JSON.stringify(e)}\n\n`))
          : () => {};
      // Presence ("Dana is also viewing") and activity ride on the same stream, for IMAP and POP3 alike.
      const unfollow = followCollab(session, storeFor(session), folder, (event, data) => send(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      const ping = setInterval(() => send(": ping\n\n"), PING_MS);
      // Signed out (here or in another tab), expired or password refused: the stream ends within seconds.
      const unwatchSession = watchSessionEnd(session, (reason) => {
        send(`event: session-ended\ndata: ${JSON.stringify({ reason })}\n\n`);
        cleanup();
      });
      // Past the session's cap the oldest stream is told why ("closed") and ended: the page stops, no reconnect loop.
      const unregister = registerStream(session.sid, (notice) => (send(`event: closed\ndata: ${JSON.stringify(notice)}\n\n`), cleanup()));
      cleanup = () => {
        if (closed) return;
        closed = true;
        unregister();
        clearInterval(ping);
        unwatchSession();
        unwatch();
        unfollow();
        req.signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      req.signal.addEventListener("abort", cleanup);
      // retry: how long EventSource waits before reconnecting after a drop.
      send("retry: 3000\n: open\n\n");
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
