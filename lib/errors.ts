import "server-only";
import { ERROR_STATUS, type ErrorCode } from "@/lib/shared/error-codes";

/** The one error type that carries a user-facing message. Anything else becomes INTERNAL. */
export class MailroomError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = "MailroomError";
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isMailroomError(err: unknown): err is MailroomError {
  return err instanceof MailroomError;
}
