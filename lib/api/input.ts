import "server-only";
import { z } from "zod";

/*
 * The input shapes every route shares. Each refuses, with a 400 in words, what the mail server would
 * otherwise refuse with a protocol error (a 5xx): UIDs past 32 bits, names with control characters.
 */

/** IMAP UIDs are unsigned 32-bit numbers (RFC 3501 nz-number). */
export const UID_MAX = 4_294_967_295;
export const uid = z.coerce.number().int().min(1).max(UID_MAX);
/** The same in a JSON body, where a number must be a number. */
export const uidNumber = z.number().int().min(1).max(UID_MAX);

// C0 controls and DEL: CR/LF would end an IMAP command line, NUL is never valid in a mailbox name.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A folder path as the folder list gave it. */
export const folderPath = z
  .string()
  .min(1)
  .max(1000)
  .refine((s) => !CONTROL.test(s), "a folder name cannot contain control characters");

/** A new folder name (one level). */
export const folderName = z
  .string()
  .max(200)
  .refine((s) => !CONTROL.test(s), "a folder name cannot contain control characters");
