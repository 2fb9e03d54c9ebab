"use client";

import type { ApiErrorBody } from "@/lib/shared/types";

/** An API failure with words the user can read. `code` is one of lib/shared/error-codes.ts, or "NETWORK". */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
  }
}

export const NETWORK_MESSAGE = "Can't reach Mailroom. Check your connection.";
const FALLBACK_MESSAGE = "Something went wrong. Try again.";

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ApiErrorBody).code === "string" &&
    typeof (value as ApiErrorBody).message === "string"
  );
}

let redirecting = false;
function goToSignIn() {
  if (redirecting || typeof window === "undefined") return;
  redirecting = true;
  const here = window.location.pathname + window.location.search;
  window.location.assign(`/login?callbackUrl=${encodeURIComponent(here)}`);
}

/** fetch + JSON with the API's error contract: every non-2xx answer throws an ApiError. */
export async function apiFetch<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(url, {
      credentials: "same-origin",
      cache: "no-store",
      ...rest,
      headers: {
        Accept: "application/json",
        ...(json !== undefined ? { "Content-Type": "application/json" } : {}),
        ...headers,
      },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError("NETWORK", NETWORK_MESSAGE, 0);
  }

  let body: unknown = null;
  const text = await res.text().catch(() => "");
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }

  if (!res.ok) {
    const error = isErrorBody(body)
      ? new ApiError(body.code, body.message, res.status)
      : new ApiError(res.status === 401 ? "UNAUTHENTICATED" : "INTERNAL", FALLBACK_MESSAGE, res.status);
    if (error.code === "UNAUTHENTICATED") goToSignIn();
    throw error;
  }
  return body as T;
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === "AbortError";
}

/** Words for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return FALLBACK_MESSAGE;
}
