import "server-only";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { MailroomError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { ApiErrorBody } from "@/lib/shared/types";

/** Every API error leaves as JSON { code, message }; unknown errors become INTERNAL and are logged, never leaked. */
export function errorResponse(err: unknown): NextResponse<ApiErrorBody> {
  if (err instanceof MailroomError) {
    return NextResponse.json({ code: err.code, message: err.message }, { status: err.status });
  }
  if (err instanceof ZodError) {
    const first = err.issues[0];
    const where = first?.path.length ? ` (${first.path.join(".")})` : "";
    return NextResponse.json({ code: "BAD_REQUEST", message: `The request is not valid${where}: ${first?.message ?? "bad input"}.` }, { status: 400 });
  }
  logger.error("unhandled error in route", { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err), stack: err instanceof Error ? err.stack : undefined });
  return NextResponse.json({ code: "INTERNAL", message: "Something went wrong on our side. Try again." }, { status: 500 });
}

export function json<T>(body: T, init?: ResponseInit): NextResponse<T> {
  return NextResponse.json(body, { ...init, headers: { "Cache-Control": "private, no-store", ...(init?.headers ?? {}) } });
}
