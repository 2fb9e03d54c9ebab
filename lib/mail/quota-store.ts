import "server-only";
import type { MailStore } from "@/lib/mail/store";
import type { LargestResponse, QuotaInfo } from "@/lib/shared/quota";

/** A store that can tell the account's quota and its largest messages (IMAP; POP3 has no QUOTA). */
export interface QuotaStore {
  quota(): Promise<QuotaInfo | null>;
  largestMessages(limit: number): Promise<LargestResponse>;
}

export function hasQuota(store: MailStore): store is MailStore & QuotaStore {
  const s = store as Partial<QuotaStore>;
  return typeof s.quota === "function" && typeof s.largestMessages === "function";
}
