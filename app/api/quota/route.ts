import { withStore } from "@/lib/api/with-store";
import { json } from "@/lib/api/respond";
import { hasQuota } from "@/lib/mail/quota-store";
import type { QuotaInfo } from "@/lib/shared/quota";
import { otherMethods } from "@/lib/api/not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The account's storage quota (IMAP GETQUOTAROOT "INBOX"); null when the server has none, and for POP3. */
export const GET = withStore(async ({ store }) => json<{ quota: QuotaInfo | null }>({ quota: hasQuota(store) ? await store.quota() : null }));

// Every other method: a JSON 405 (lib/api/not-allowed.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
