// Quota and "Free up space" (issue 12, point 17): what the API answers. Browser-safe.

/** IMAP QUOTA (RFC 9208) of the account's INBOX root; null when the server has no QUOTA or no storage limit. */
export interface QuotaInfo {
  usedBytes: number;
  limitBytes: number;
}

export interface BigAttachment {
  filename: string;
  size: number;
}

export interface BigMessage {
  folder: string;
  uid: number;
  subject: string;
  from: string;
  /** ISO date: the Date header, else INTERNALDATE. */
  date: string;
  size: number;
  attachments: BigAttachment[];
}

export interface LargestResponse {
  messages: BigMessage[];
  /** Smallest size looked at: messages under it were not listed. */
  minBytes: number;
  /** True when a folder had more candidates than were read (the list is the largest of what was read). */
  truncated: boolean;
}
