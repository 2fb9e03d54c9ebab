import "server-only";
import type { NextRequest } from "next/server";
import { getToken, type JWT } from "next-auth/jwt";
import { env } from "@/lib/env";
import { MailroomError } from "@/lib/errors";
import { unseal } from "@/lib/auth/seal";
import type { MailCredentials } from "@/lib/imap/connect";

export interface MailSession {
  email: string;
  name: string;
  sid: string;
  creds: MailCredentials;
}

export function credentialsFromToken(token: JWT): MailCredentials | null {
  if (typeof token.email !== "string" || typeof token.sealed !== "string") return null;
  try {
    return { user: token.email, password: unseal(token.sealed, env().NEXTAUTH_SECRET) };
  } catch {
    return null;
  }
}

/** Reads the signed-in person from the request's encrypted session cookie. */
export async function requireSession(req: NextRequest): Promise<MailSession> {
  const token = await getToken({ req, secret: env().NEXTAUTH_SECRET });
  const creds = token ? credentialsFromToken(token) : null;
  if (!token || !creds) throw new MailroomError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  return { email: creds.user, name: typeof token.name === "string" ? token.name : creds.user, sid: String(token.sid ?? ""), creds };
}
