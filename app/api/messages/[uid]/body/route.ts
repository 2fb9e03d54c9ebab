import { z } from "zod";
import { folderPath, uid } from "@/lib/api/input";
import { withStore } from "@/lib/api/with-store";
import { highlightHtml } from "@/lib/mime/highlight-html";
import { bodyCsp, newBodyNonce, renderBodyDocument } from "@/lib/mime/render-document";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const schema = z.object({
  uid: uid,
  folder: folderPath,
  images: z.enum(["1", "0"]).optional(),
  /** Which html block of MessageDetail.blocks (0, the first, when absent). */
  block: z.coerce.number().int().min(0).max(10_000).optional(),
  /** The search on screen: its words are marked in the sanitised output (lib/mime/highlight-html.ts). */
  hl: z.string().max(500).optional(),
});

/**
 * The sanitised HTML body, loaded by the reading pane into <iframe sandbox="allow-scripts …"> without
 * allow-same-origin. A fresh nonce per response admits only our size-reporting script.
 */
export const GET = withStore<{ uid: string }>(async ({ req, store, params }) => {
  const q = schema.parse({ ...Object.fromEntries(req.nextUrl.searchParams), uid: params.uid });
  const allowRemote = q.images === "1";
  const body = await store.renderBody(q.folder, q.uid, { allowRemote, block: q.block });
  const nonce = newBodyNonce();
  const html = q.hl ? highlightHtml(body.html, q.hl) : body.html;
  return new Response(renderBodyDocument(html, { nonce, simple: body.simple === true }), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": bodyCsp(allowRemote, nonce),
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "private, no-store",
    },
  });
});

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
