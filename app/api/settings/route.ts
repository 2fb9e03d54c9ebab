import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { readJson } from "@/lib/api/read-json";
import { getSettings, saveSettings } from "@/lib/settings/account-settings";
import type { Settings } from "@/lib/shared/settings";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The signed-in account's settings (theme, density, identities, …); every browser of the account gets the same. */
export const GET = withStore(async ({ session }) => json<Settings>(await getSettings(session.email, session.name)));

/** A partial change; same-origin only (withStore's guard). Answers the whole document. */
export const PUT = withStore(async ({ req, session }) => json<Settings>(await saveSettings(session.email, session.name, await readJson(req))));

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PATCH, DELETE } = otherMethods(["GET", "PUT"]);
