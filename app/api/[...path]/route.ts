import { withStore } from "@/lib/api/with-store";
import { MailroomError } from "@/lib/errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Any /api address no route answers: a JSON error like every other (code NOT_FOUND), not the app's HTML
 * "not found" page. It goes through the same guard and session check as every route (a cross-site or
 * signed-out request learns no more than any other), then reads nothing and changes nothing.
 */
const notFound = withStore<{ path: string[] }>(
  async () => {
    throw new MailroomError("NOT_FOUND", "There is no such API address.");
  },
  { body: "none" },
);

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
