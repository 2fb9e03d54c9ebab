import "server-only";
import { headers } from "next/headers";
import { NextRequest } from "next/server";
import { requireSession, type MailSession } from "@/lib/auth/session";

/**
 * The signed-in person of a server-rendered page, checked exactly as the API routes check theirs
 * (cookie decoded, session live, POP3 password still good); null when there is none.
 */
export async function pageSession(): Promise<MailSession | null> {
  const h = new Headers(await headers());
  const host = h.get("host") ?? "localhost";
  try {
    return await requireSession(new NextRequest(`http://${host}/`, { headers: h }));
  } catch {
    return null;
  }
}
