import "server-only";
import { Lru } from "@/lib/lru";
import type { MailSession } from "@/lib/auth/session";
import { loadInitialView, type InitialViewRequest } from "@/lib/mail/initial-view";
import type { InitialView } from "@/lib/shared/initial-view";
import { folderFromPathname } from "@/components/mail/mail-url";

/*
 * The first screen, started during the sign-in POST (issue 13 point 5). When the mail server has just
 * accepted the password, the login connection is open and authenticated in the account's pool; the
 * browser still has to read the answer and ask for the mail page. Starting the page's IMAP work (LIST,
 * STATUS, SELECT + FETCH of the landing folder) right then overlaps it with that hop, and the page's
 * GET picks up the result instead of asking the server again.
 *
 * Per session (the sign-in's fresh, random sid), for the one folder the POST sent the browser to, used
 * once, dropped unused after HANDOFF_TTL_MS; bounded like every client-keyed map (lib/lru.ts).
 */

export const HANDOFF_MAX = 500;
/** Longer than any honest hop from the POST's answer to the page's GET; short enough to never show an old list. */
export const HANDOFF_TTL_MS = 5_000;

interface Handoff {
  email: string;
  folder: string;
  view: Promise<InitialView>;
}

const handoffs = ((globalThis as Record<string, unknown>).__mailroomInitialViewHandoffs ??= new Lru<string, Handoff>(HANDOFF_MAX, HANDOFF_TTL_MS)) as Lru<string, Handoff>;

/** The folder a landing URL (the POST's redirect target) shows as a plain first page, or null (a search, another page). */
export function landingFolder(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url, "http://mailroom.invalid");
  } catch {
    return null;
  }
  if (u.origin !== "http://mailroom.invalid" || u.searchParams.get("q")?.trim()) return null;
  // The same rule as the page's: /mail and /mail/INBOX are the inbox, segments joined by "/".
  return /^\/mail(\/|$)/.test(u.pathname) ? folderFromPathname(u.pathname) : null;
}

/** Starts loading `folder`'s first screen for a session that has just signed in; never throws, never waits. */
export function startInitialView(session: MailSession, folder: string, deadlineMs: number): void {
  if (deadlineMs <= 0 || !session.sid) return;
  const view = loadInitialView(session, { folder, plain: true, deadlineMs });
  // A rejection is the page's to handle (it loads again); never an unhandled one here.
  view.catch(() => undefined);
  handoffs.set(session.sid, { email: session.email.toLowerCase(), folder, view });
}

/**
 * The first screen the sign-in started for this session and folder, taken once; null when there is none
 * (another folder, a search, a reload later on, another process): the page then loads its own.
 */
export function takeInitialView(session: MailSession, folder: string, plain: boolean): Promise<InitialView> | null {
  const h = handoffs.get(session.sid);
  if (!h) return null;
  handoffs.delete(session.sid);
  if (!plain || h.folder !== folder || h.email !== session.email.toLowerCase()) return null;
  return h.view;
}

/** The mail page's first screen: the one the sign-in started, or loaded now. */
export function firstScreen(session: MailSession, req: InitialViewRequest): Promise<InitialView> {
  return takeInitialView(session, req.folder, req.plain) ?? loadInitialView(session, req);
}

/** Tests: how many hand-offs are waiting. */
export function pendingHandoffs(): number {
  return handoffs.size;
}
