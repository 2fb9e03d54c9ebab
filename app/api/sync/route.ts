import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { getSyncStatus, startSync } from "@/lib/pop3/account";
import type { SyncStatus } from "@/lib/shared/types";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// IMAP accounts are live: there is nothing to sync.
const IDLE: SyncStatus = { state: "idle", done: 0, total: 0, bytes: 0, startedAt: null, finishedAt: null, error: null };

export const GET = withStore(async ({ session }) => json(session.protocol === "pop3" ? getSyncStatus(session.email) : IDLE));

/** Starts a sync now (or returns the one already running, whoever started it). */
export const POST = withStore(async ({ session }) => json(session.protocol === "pop3" ? startSync(session.creds, "manual") : IDLE), { body: "none" });

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
