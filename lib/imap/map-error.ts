import "server-only";
import { MailroomError } from "@/lib/errors";
import { logger } from "@/lib/logger";

const UNREACHABLE = new Set([
  "ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "ECONNRESET", "EPIPE",
  "CONNECT_TIMEOUT", "GREETING_TIMEOUT", "UPGRADE_TIMEOUT", "ClosedAfterConnectText", "ClosedAfterConnectTLS",
]);
const DROPPED = new Set(["NoConnection", "EConnectionClosed", "StateLogout", "ETIMEOUT"]);

/*
 * At sign-in imapflow sets authenticationFailed on every tagged NO or BAD to LOGIN/AUTHENTICATE, even
 * "NO [UNAVAILABLE]". These RFC 5530 codes say the server could not or would not check the password,
 * so they are not "wrong password" and must not count against the throttle. Any other answer,
 * including unknown codes, stays an authentication failure: guessing must never go uncounted.
 */
const LOGIN_NOT_ABOUT_PASSWORD = new Set(["UNAVAILABLE", "SERVERBUG", "INUSE", "LIMIT", "CONTACTADMIN", "PRIVACYREQUIRED", "OVERQUOTA", "CANNOT"]);

interface ImapLikeError {
  code?: string;
  /** "NO" or "BAD" when the server answered the command; absent when imapflow refused on its own. */
  responseStatus?: string;
  tlsFailed?: boolean;
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
  if (e.tlsFailed) {
    return new MailroomError("MAIL_SERVER_INSECURE", "The mail server did not set up an encrypted connection, so your password was not sent. Ask the administrator to enable TLS on the mail server.", { cause: err });
  }
  if (e.authenticationFailed && e.serverResponseCode && LOGIN_NOT_ABOUT_PASSWORD.has(e.serverResponseCode.toUpperCase())) {
    return new MailroomError("MAIL_SERVER_UNREACHABLE", "The mail server is unavailable right now and could not check your password. Try again in a few minutes.", { cause: err });
  }
  // imapflow's own refusals before sending a password (LOGINDISABLED, no usable mechanism) carry no
  // server status: the server wants a setup we do not have, the password was never tried.
  if (e.authenticationFailed && !e.responseStatus && !e.code) {
    return new MailroomError("MAIL_SERVER_INSECURE", "The mail server does not accept a password sign-in on this connection (it may require TLS). Ask the administrator.", { cause: err });
  }
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
    // COPY / MOVE / APPEND to a folder that is not there (RFC 3501 6.4.7): it was renamed or deleted,
    // not a server failure (issue 12: this said "The mail server could not complete the request").
    case "TRYCREATE":
      return new MailroomError("NOT_FOUND", "That folder doesn't exist. It may have been renamed or deleted.", { cause: err });
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
