import "server-only";
import { MailroomError } from "@/lib/errors";
import { logger } from "@/lib/logger";

const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "EAI_AGAIN"]);
const DROPPED = new Set(["ECONNRESET", "EPIPE", "ERR_STREAM_PREMATURE_CLOSE"]);

/*
 * RFC 2449 / RFC 3206 response codes on a -ERR to USER or PASS. Only [AUTH] (or no code) is about the
 * credentials; these say the server could not let the person in for another reason, so they are not
 * "wrong password" and do not count against the sign-in throttle. Unknown codes stay authentication
 * failures, so that guessing is never left uncounted.
 */
const LOGIN_NOT_ABOUT_PASSWORD: Record<string, string> = {
  "SYS/TEMP": "The mail server is unavailable right now and could not check your password. Try again in a few minutes.",
  "SYS/PERM": "The mail server could not sign you in because of a problem on the server. Ask the administrator.",
  "IN-USE": "Your mailbox is in use by another mail program right now. Try again in a minute.",
  "LOGIN-DELAY": "The mail server asks to wait a little between sign-ins. Try again in a few minutes.",
};

/** The response code in brackets at the start of a -ERR text, e.g. "[SYS/TEMP] Try later" → "SYS/TEMP". */
export function pop3ResponseCode(text: unknown): string | null {
  const m = /^\s*\[([A-Za-z0-9/-]{1,40})\]/.exec(String(text ?? ""));
  return m ? m[1]!.toUpperCase() : null;
}

interface Pop3LikeError {
  /** node-pop3: "error" (-ERR reply or socket error), "timeout", "close", "end", "bad-server-response". */
  eventName?: string;
  /** node-pop3: the command a -ERR answered ("PASS ***" for the password). */
  command?: string;
  code?: string;
  /** node-pop3 puts the -ERR line's text (after "-ERR ") here; only its leading [CODE] is read. */
  message?: string;
}

/**
 * Maps node-pop3 and socket errors to MailroomError by eventName, command and code — never by the
 * server's free text, only by its bracketed RFC 2449 response code. `phase: "login"` makes a -ERR to
 * USER/PASS an authentication failure unless that code says otherwise.
 */
export function mapPop3Error(err: unknown, ctx: { phase?: "login" | "session" } = {}): MailroomError {
  if (err instanceof MailroomError) return err;
  const e = (err ?? {}) as Pop3LikeError;
  if (e.code === "ENOTCONFIGURED") return new MailroomError("MAIL_SERVER_UNREACHABLE", "No POP3 server is configured (POP3_HOST).", { cause: err });
  if (e.code && UNREACHABLE.has(e.code)) {
    return new MailroomError("MAIL_SERVER_UNREACHABLE", "The mail server can't be reached right now. Try again in a minute.", { cause: err });
  }
  if (e.eventName === "error" && e.command !== undefined && !e.code) {
    const cmd = e.command.split(" ")[0]!.toUpperCase();
    if (cmd === "USER" || cmd === "PASS") {
      const rc = pop3ResponseCode(e.message);
      const notAboutPassword = rc ? LOGIN_NOT_ABOUT_PASSWORD[rc] : undefined;
      if (notAboutPassword) return new MailroomError("MAIL_SERVER_UNREACHABLE", notAboutPassword, { cause: err });
      return new MailroomError("AUTH_FAILED", "The mail server did not accept this email and password.", { cause: err });
    }
    return new MailroomError("POP3_PROTOCOL_ERROR", `The mail server refused the ${cmd} command. Mail already downloaded is safe; try again later.`, { cause: err });
  }
  if (e.eventName === "timeout") return new MailroomError("TIMEOUT", "The mail server took too long to answer. Try again.", { cause: err });
  if (e.eventName === "close" || e.eventName === "end" || (e.code && DROPPED.has(e.code))) {
    return ctx.phase === "login"
      ? new MailroomError("MAIL_SERVER_UNREACHABLE", "The mail server closed the connection. Try again in a minute.", { cause: err })
      : new MailroomError("MAIL_SERVER_UNREACHABLE", "The connection to the mail server was lost. Mail already downloaded is safe; try again.", { cause: err });
  }
  if (e.eventName === "bad-server-response") return new MailroomError("POP3_PROTOCOL_ERROR", "The mail server sent a reply that is not POP3.", { cause: err });
  logger.warn("unmapped pop3 error", { eventName: e.eventName, code: e.code, command: e.command?.startsWith("PASS") ? "PASS" : e.command });
  return new MailroomError("MAIL_SERVER_ERROR", "The mail server could not complete the request.", { cause: err });
}
