import type { NextRequest } from "next/server";
import { z } from "zod";
import { requireSession } from "@/lib/auth/session";
import { errorResponse } from "@/lib/api/respond";
import { watchMailbox } from "@/lib/realtime/mailbox-watcher";
import { storeFor } from "@/lib/mail/store-for";
import { followCollab } from "@/lib/presence/stream";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({ folder: z.string().min(1).max(1000) });

// Proxies and load balancers close connections that stay silent for a minute or so.
const PING_MS = 20_000;

/** Server-Sent Events: change notices for one mailbox of the signed-in account. */
export async function GET(req: NextRequest): Promise<Response> {
  let session;
  let folder: string;
  try {
    session = await requireSession(req);
    ({ folder } = querySchema.parse({ folder: req.nextUrl.searchParams.get("folder") ?? undefined }));
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
      const unwatch = session.protocol === "imap" ? watchMailbox(session.creds, folder, (e) => send(`event: change\ndata: ${JSON.stringify(e)}\n\n`)) : () => {};
      // Presence ("Dana is also viewing") and activity ride on the same stream, for IMAP and POP3 alike.
      const unfollow = followCollab(session, storeFor(session), folder, (event, data) => send(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      const ping = setInterval(() => send(": ping\n\n"), PING_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(ping);
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
