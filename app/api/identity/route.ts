import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { getIdentity, saveIdentity } from "@/lib/compose/identity";
import type { Identity } from "@/lib/shared/compose";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The From display name used when sending. */
export const GET = withStore(async ({ session }) => json<Identity & { email: string }>({ ...(await getIdentity(session.email, session.name)), email: session.email }));

export const PUT = withStore(async ({ req, session }) => json<Identity & { email: string }>({ ...(await saveIdentity(session.email, await readJson(req))), email: session.email }));

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PATCH, DELETE } = otherMethods(["GET", "PUT"]);
