import "server-only";
import type { MailSession } from "@/lib/auth/session";
import { storeFor } from "@/lib/mail/store-for";
import { listConversations } from "@/lib/mail/conversations";
import { accountInfo } from "@/lib/mail/account-info";
import { folderSortStore } from "@/lib/settings/folder-sort-store";
import { conversationPrefStore } from "@/lib/settings/conversation-pref-store";
import { logger } from "@/lib/logger";
import type { InitialView } from "@/lib/shared/initial-view";

/** The list's page size (hooks/use-messages.ts PAGE_SIZE): the server's page must be the one the list would ask for. */
export const INITIAL_PAGE_SIZE = 50;
/** How long the folder tree waits for the page's folder to be open (a warm page takes 10–100 ms). */
export const FOLDERS_WAIT_MS = 300;

export interface InitialViewRequest {
  folder: string;
  /** Searches and jumps are not preloaded: the URL's first screen is then the browser's to fetch. */
  plain: boolean;
  deadlineMs: number;
}

/**
 * Loads what the mail page's first screen shows — account, folder tree, the folder's first page (in
 * the folder's remembered order), the conversations choice and window — all at once, through the same
 * MailStore the API routes use. A part that fails, or is not ready by the deadline, is left out (null):
 * the browser asks for it itself and shows its error in words, as it did before this existed.
 */
export async function loadInitialView(session: MailSession, req: InitialViewRequest): Promise<InitialView> {
  const view: InitialView = { email: session.email, folder: req.folder, account: null, folders: null, page: null, conversations: null, threads: null };
  if (req.deadlineMs <= 0) return view;
  // Aborted at the deadline: IMAP work still queued for this render is dropped, never run late.
  const controller = new AbortController();
  const store = storeFor(session, controller.signal);

  const t0 = performance.now();
  const took: Record<string, number> = {};
  function part<K extends keyof InitialView>(key: K, work: () => Promise<InitialView[K]>): Promise<InitialView[K] | null> {
    // Through a promise, so that even a synchronous throw is one part left out, not the page.
    return Promise.resolve().then(work).then(
      (value) => {
        took[key] = Math.round((performance.now() - t0) * 10) / 10;
        if (!controller.signal.aborted) view[key] = value;
        return value;
      },
      (err: unknown) => {
        logger.info("initial view: part left to the browser", { part: key, error: err instanceof Error ? err.message : String(err) });
        return null;
      },
    );
  }

  const conversations = part("conversations", async () => (await conversationPrefStore().get(session.email)) ?? false);
  const page =
    req.plain &&
    part("page", async () => {
      const sort = (await folderSortStore().get(session.email, req.folder)) ?? undefined;
      return store.listMessages(req.folder, { limit: INITIAL_PAGE_SIZE, sort });
    });
  // The folder tree's counts (LIST-STATUS) after the page, on the connection that now has the folder
  // open: the server answers that folder's counts from its open view. Asked first, or beside it on a
  // second connection, the server reopens a big folder's index for them (Dovecot: 100–300 ms at
  // 100,000 messages, every time, against ~1 ms with it selected). A page still not there after
  // FOLDERS_WAIT_MS is a cold one (a new connection, a server that is slow now): the tree then goes
  // beside it, as before, rather than risk missing the deadline.
  let grace: NodeJS.Timeout | undefined;
  const folders = Promise.race([page || null, new Promise<void>((r) => (grace = setTimeout(r, Math.min(FOLDERS_WAIT_MS, req.deadlineMs / 2))))]).then(() => {
    clearTimeout(grace);
    return part("folders", () => store.listFolders());
  });
  const all = Promise.all([
    part("account", () => accountInfo(session)),
    folders,
    conversations,
    page,
    req.plain && conversations.then((on) => (on ? part("threads", () => listConversations(store, req.folder, { limit: INITIAL_PAGE_SIZE })) : null)),
  ]);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, req.deadlineMs);
  });
  await Promise.race([all, deadline]);
  clearTimeout(timer);
  controller.abort();
  // The page's IMAP part of the sign-in waterfall, per part (MAILROOM_LOG_LEVEL=debug).
  logger.debug("initial view", { folder: req.folder, ms: Math.round((performance.now() - t0) * 10) / 10, parts: took });
  // A copy: parts finishing after the deadline must not change what was already rendered.
  return { ...view };
}
