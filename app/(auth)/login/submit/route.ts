import type { NextRequest } from "next/server";
import { signInWithForm } from "@/lib/auth/form-sign-in";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The sign-in form's action when its JavaScript has not loaded: a POST, so the password is never in a URL. */
export function POST(req: NextRequest): Promise<Response> {
  return signInWithForm(req);
}
