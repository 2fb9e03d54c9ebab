import "server-only";
import { z } from "zod";
import { MailroomError } from "@/lib/errors";
import { folderPath, uidNumber } from "@/lib/api/input";
import type { Address } from "@/lib/shared/types";
import { cleanHeaderText, DRAFT_KEY, isMessageId, parseAddress } from "@/lib/shared/compose";

const entries = z.array(z.string().max(1000)).max(200);
const modes = z.enum(["new", "reply", "replyAll", "forward", "forwardAttachment"]);

/** The composer's request body (send and save draft). Header text is cleaned, addresses parsed later. */
export const composeSchema = z.object({
  to: entries,
  cc: entries,
  bcc: entries,
  subject: z.string().max(2000).transform((s) => cleanHeaderText(s)),
  html: z.string().max(10_000_000),
  attachments: z.array(z.string().regex(/^[0-9a-f]{32}$/)).max(100),
  original: z.object({ folder: folderPath, uid: uidNumber, mode: modes }).nullable(),
  inReplyTo: z.string().max(998).nullable().transform((v) => (v && isMessageId(v) ? v : null)),
  references: z.array(z.string().max(998)).max(100).transform((ids) => ids.filter(isMessageId)),
  /** The draft this replaces (autosave) or that is being sent (removed after sending). */
  draftUid: uidNumber.nullable(),
  /** The composer's draft key: all versions of its draft share Message-ID <draft.KEY@domain>. */
  draftKey: z.string().regex(DRAFT_KEY).nullable(),
  /** Settings → Identities: whose From name to send with (absent or unknown: the default identity). */
  identityId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).nullish(),
});

export type ComposeBody = z.infer<typeof composeSchema>;

const FIELD_NAME = { to: "To", cc: "Cc", bcc: "Bcc" } as const;

/** One mailbox per entry, or INVALID_ADDRESS naming the field and the entry. */
export function parseRecipients(body: Pick<ComposeBody, "to" | "cc" | "bcc">, opts: { strict: boolean }): { to: Address[]; cc: Address[]; bcc: Address[] } {
  const out = { to: [] as Address[], cc: [] as Address[], bcc: [] as Address[] };
  for (const field of ["to", "cc", "bcc"] as const) {
    for (const entry of body[field]) {
      const a = parseAddress(entry);
      if (a) out[field].push(a);
      else if (opts.strict) {
        const shown = cleanHeaderText(entry, 80);
        throw new MailroomError("INVALID_ADDRESS", `In ${FIELD_NAME[field]}, “${shown}” is not a valid email address. Correct it or remove it.`);
      }
    }
  }
  if (opts.strict && out.to.length + out.cc.length + out.bcc.length === 0) {
    throw new MailroomError("INVALID_ADDRESS", "Add at least one recipient in To, Cc or Bcc.");
  }
  return out;
}
