import "server-only";
import type { NextRequest } from "next/server";
import { requireSession, type MailSession } from "@/lib/auth/session";
import type { MailStore } from "@/lib/mail/store";
import { storeFor } from "@/lib/mail/store-for";
import { errorResponse } from "@/lib/api/respond";

export interface StoreContext<P> {
  req: NextRequest;
  session: MailSession;
  store: MailStore;
  params: P;
}

/**
 * Route wrapper: session, then the account's MailStore, then the handler; any throw becomes the JSON
 * error contract. Routes never see imapflow or node-pop3.
 */
export function withStore<P = Record<string, never>>(handler: (ctx: StoreContext<P>) => Promise<Response>) {
  return async (req: NextRequest, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const session = await requireSession(req);
      const store = storeFor(session, req.signal);
      const params = route?.params ? await route.params : ({} as P);
      return await handler({ req, session, store, params });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
