import "server-only";
import type { NextRequest } from "next/server";
import { requireSession, type MailSession } from "@/lib/auth/session";
import type { MailStore } from "@/lib/mail/store";
import { storeFor } from "@/lib/mail/store-for";
import { errorResponse } from "@/lib/api/respond";
import { guardRequest, type BodyKind } from "@/lib/api/request-guard";

export interface StoreContext<P> {
  req: NextRequest;
  session: MailSession;
  store: MailStore;
  params: P;
}

export interface RouteOptions {
  /** What a POST/PUT/PATCH/DELETE reads from its body (default "json"); GET ignores it. */
  body?: BodyKind;
}

/**
 * Route wrapper: the cross-site and body-type guard, then session, then the account's MailStore, then
 * the handler; any throw becomes the JSON error contract. The guard runs first so that a refused
 * request touches nothing. Routes never see imapflow or node-pop3.
 */
export function withStore<P = Record<string, never>>(handler: (ctx: StoreContext<P>) => Promise<Response>, opts: RouteOptions = {}) {
  return async (req: NextRequest, route: { params: Promise<P> }): Promise<Response> => {
    try {
      guardRequest(req, opts.body ?? "json");
      const session = await requireSession(req);
      const store = storeFor(session, req.signal);
      const params = route?.params ? await route.params : ({} as P);
      return await handler({ req, session, store, params });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
