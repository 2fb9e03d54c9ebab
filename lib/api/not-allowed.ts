import "server-only";
import { NextResponse } from "next/server";
import type { ApiErrorBody } from "@/lib/shared/types";

export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Handler = () => NextResponse<ApiErrorBody>;

const ALL: RouteMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * The handlers for the methods a route file does not take. Next.js answers such a method with an empty
 * 405 of its own; every API error is JSON, so each route file exports these for the rest:
 *
 *   export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
 *
 * The answer reads nothing and changes nothing, so it needs no session; `Allow` lists what the route does
 * take (HEAD and OPTIONS are Next's own, from GET and for every route). lib/api/bad-input-table.test.ts
 * checks that every route file answers all five methods and that the list given here is its own.
 */
export function otherMethods(allowed: RouteMethod[]): Record<RouteMethod, Handler> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse = (method: RouteMethod): Handler => () =>
    NextResponse.json<ApiErrorBody>(
      { code: "METHOD_NOT_ALLOWED", message: `This address does not take ${method} requests (it takes ${allowed.join(", ")}).` },
      { status: 405, headers: { Allow: allow, "Cache-Control": "no-store" } },
    );
  return Object.fromEntries(ALL.map((m) => [m, refuse(m)])) as Record<RouteMethod, Handler>;
}
