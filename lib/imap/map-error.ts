import "server-only";
import { MailroomError } from "@/lib/errors";
import { logger } from "@/lib/logger";

const UNREACHABLE = new Set([
  "ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "ECONNRESET", "EPIPE",
  "CONNECT_TIMEOUT", "GREETING_TIMEOUT", "UPGRADE_TIMEOUT", "ClosedAfterConnectText", "ClosedAfterConnectTLS",
]);
const DROPPED = new Set(["NoConnection", "EConnectionClosed", "StateLogout", "ETIMEOUT"]);

interface ImapLikeError {
  code?: string;
  authenticationFailed?: boolean;
  serverResponseCode?: string;
  responseText?: string;
  message?: string;
  mailboxMissing?: boolean;
}

/** Maps an imapflow or socket error to a MailroomError by its codes, never by message text. */
export function mapImapError(err: unknown): MailroomError {
  if (err instanceof MailroomError) return err;
  const e = (err ?? {}) as ImapLikeError;
  if (e.authenticationFailed || e.serverResponseCode === "AUTHENTICATIONFAILED") {
    return new MailroomError("AUTH_FAILED", "The mail server did not accept this email and password.", { cause: err });
  }
  if (e.code && UNREACHABLE.has(e.code)) {
    return new MailroomError("MAIL_SERVER_UNREACHABLE", "The mail server can't be reached right now. Try again in a minute.", { cause: err });
  }
  if (e.code && DROPPED.has(e.code)) {
    return new MailroomError("MAIL_SERVER_UNREACHABLE", "The connection to the mail server was lost. Try again.", { cause: err });
  }
  // imapflow's STATUS says NotFound for a mailbox that is not there (issue 9: it was a 502).
  if (e.mailboxMissing || e.code === "NotFound") {
    return new MailroomError("NOT_FOUND", "That folder doesn't exist. It may have been renamed or deleted.", { cause: err });
  }
  switch (e.serverResponseCode) {
    case "NONEXISTENT":
      return new MailroomError("NOT_FOUND", "That folder no longer exists.", { cause: err });
    case "ALREADYEXISTS":
      return new MailroomError("FOLDER_EXISTS", "A folder with that name already exists.", { cause: err });
    case "NOPERM":
      return new MailroomError("PERMISSION_DENIED", "You don't have permission to do that in this folder.", { cause: err });
    case "OVERQUOTA":
      return new MailroomError("MAIL_SERVER_ERROR", "The mailbox is full (over quota). Delete some mail and try again.", { cause: err });
    case "INUSE":
      return new MailroomError("CONFLICT", "The mail server is busy with this folder. Try again in a moment.", { cause: err });
    case "CANNOT":
    case "LIMIT":
      return new MailroomError("MAIL_SERVER_ERROR", "The mail server refused this operation.", { cause: err });
  }
  if (e.code === "LockTimeout") {
    return new MailroomError("TIMEOUT", "The mail server took too long to answer. Try again.", { cause: err });
  }
  logger.warn("unmapped imap error", { code: e.code, serverResponseCode: e.serverResponseCode, keys: Object.keys(e).join(",") });
  return new MailroomError("MAIL_SERVER_ERROR", "The mail server could not complete the request.", { cause: err });
}
