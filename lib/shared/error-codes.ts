// The closed set of error codes every API error carries, and the HTTP status for each.
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  AUTH_FAILED: 401,
  UNKNOWN_USER: 401,
  RATE_LIMITED: 429,
  FORBIDDEN: 403,
  /** The mail server's ACL does not allow this (IMAP NO [NOPERM], a read-only shared folder). */
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  /** An API address asked with a method it does not take (lib/api/not-allowed.ts); Allow lists those it does. */
  METHOD_NOT_ALLOWED: 405,
  MESSAGE_GONE: 404,
  FOLDER_EXISTS: 409,
  CONFLICT: 409,
  MAIL_SERVER_UNREACHABLE: 503,
  /** No IMAP connection became free in time (IMAP_ACQUIRE_TIMEOUT_S), or too many accounts are busy. */
  MAIL_SERVER_UNAVAILABLE: 503,
  /** The browser went away while the request waited; it was dropped and never ran (nginx's 499). */
  REQUEST_CANCELLED: 499,
  /** The app server is shutting down (SIGTERM); work stopped cleanly, try again once it is back. */
  SHUTTING_DOWN: 503,
  MAIL_SERVER_ERROR: 502,
  /** The POP3 server broke the protocol (e.g. duplicate or missing UIDL) or answered -ERR mid-session. */
  POP3_PROTOCOL_ERROR: 502,
  /** A feature this server is not set up for (e.g. zip export without a zip library). */
  NOT_AVAILABLE: 501,
  /** Another process is syncing this POP3 account right now (the cross-process sync lock). */
  SYNC_ALREADY_RUNNING: 409,
  TIMEOUT: 504,
  /** Compose: the SMTP server can't be reached (connection refused, timeout, TLS failure). */
  SMTP_UNREACHABLE: 503,
  /** Compose: the SMTP server refused the sign-in, a recipient or the message. */
  SMTP_REFUSED: 502,
  /** Compose: an address in To/Cc/Bcc is not one valid mailbox. */
  INVALID_ADDRESS: 422,
  /** Compose: an upload is larger than UPLOAD_MAX_MB. */
  ATTACHMENT_TOO_LARGE: 413,
  /** A state-changing API request sent from another site (Origin / Sec-Fetch-Site): refused before it runs. */
  CROSS_SITE_REQUEST: 403,
  /** The request body is not the kind the route reads (e.g. a form post to a JSON route). */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** A JSON request body larger than the API accepts (1 MiB); refused before it is read whole. */
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
  /** Sign-in: too many attempts are waiting to be checked (per-account queue, per-client attempts in flight). */
  SIGN_IN_BUSY: 429,
  /** The mail server offered no encrypted connection (STARTTLS) to a non-loopback host: no password was sent. */
  MAIL_SERVER_INSECURE: 502,
  /** The account's disk quota (ACCOUNT_STORAGE_MAX_MB) would be exceeded: nothing stored was lost, nothing new taken. */
  STORAGE_QUOTA_EXCEEDED: 507,
  /** A file inside a winmail.dat was asked for, but the winmail.dat is larger than Mailroom decodes (16 MB). */
  TNEF_TOO_LARGE: 413,
  /** PostgreSQL (DATABASE_URL) did not answer in time or refused the connection: nothing was changed. */
  DATABASE_UNAVAILABLE: 503,
  /** REDIS_URL is set and Redis did not answer in time (down, unreachable, reconnecting): shared state unavailable. */
  SHARED_STATE_UNAVAILABLE: 503,
  /** A move/delete in this mailbox waited too long for another one (on any instance) to finish. */
  MAILBOX_BUSY: 409,
  // --- team work (issue 11): assignments and notes ---
  /** Assign: the chosen person is not one who can work in this mailbox (not in its Assign list). */
  NOT_A_TEAM_MEMBER: 422,
  /** A note longer than NOTE_MAX_CHARS (lib/shared/team-types.ts). */
  NOTE_TOO_LONG: 413,
  // --- the shell (issue 12) ---
  /** Sign-in: the address is filled in but is not an email address. */
  INVALID_EMAIL: 400,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Words for the sign-in page, keyed by the error code that authorize() throws. */
export const SIGN_IN_MESSAGES: Record<string, string> = {
  AUTH_FAILED: "That password is not right for this email address.",
  UNKNOWN_USER: "There is no mail account for this address on this server.",
  MAIL_SERVER_UNREACHABLE: "The mail server can't be reached right now. Try again in a minute.",
  MAIL_SERVER_UNAVAILABLE: "The mail server is busy right now. Try again in a minute.",
  RATE_LIMITED: "Too many failed sign-ins for this address from here. Try again in 15 minutes.",
  BAD_REQUEST: "Enter your email address and password.",
  INVALID_EMAIL: "That is not a complete email address. Check it and try again (for example name@example.com).",
  SIGN_IN_BUSY: "Too many sign-ins are being checked right now. Try again in a moment.",
  MAIL_SERVER_INSECURE: "The mail server did not offer an encrypted connection, so your password was not sent. Ask the administrator.",
  SHARED_STATE_UNAVAILABLE: "Mailroom can't reach its shared state (Redis) right now. Try again in a minute.",
  DATABASE_UNAVAILABLE: "Mailroom's database can't be reached right now. Try again in a minute.",
};
