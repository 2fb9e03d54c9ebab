/*
 * The standing bad-input table: every /api route, each of its methods, and malformed requests for it.
 * e2e/bad-input.spec.ts sends every case to the running app and expects a 4xx JSON { code, message };
 * lib/api/bad-input-table.test.ts fails when a route file under app/api has no entry here, or when an
 * entry's methods differ from what the route file exports. A new route therefore starts here.
 *
 * Plain data only (no Playwright import): the unit test reads it too.
 */
import { ACCOUNT_ROUTES } from "./bad-input/routes-account";
import { MESSAGE_ROUTES } from "./bad-input/routes-messages";
import { TEAM_ROUTES } from "./bad-input/routes-team";
import type { RouteEntry } from "./bad-input/values";

export * from "./bad-input/values";

/** Every route under app/api, by area (e2e/helpers/bad-input/). */
export const BAD_INPUT_ROUTES: RouteEntry[] = [...ACCOUNT_ROUTES, ...MESSAGE_ROUTES, ...TEAM_ROUTES];
