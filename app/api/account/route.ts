import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { accountInfo } from "@/lib/mail/account-info";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Who is signed in, and for POP3 accounts the cache's settings, sync state and size. */
export const GET = withStore(async ({ session }) => json(await accountInfo(session)));

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
