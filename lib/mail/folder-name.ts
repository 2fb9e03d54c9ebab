import "server-only";
import { MailroomError } from "@/lib/errors";

/** A new folder name, checked the same way for every kind of account. Returns it trimmed. */
export function checkFolderName(name: string, delimiter: string): string {
  const clean = name.trim();
  if (!clean) throw new MailroomError("BAD_REQUEST", "Enter a folder name.");
  if (clean.length > 200) throw new MailroomError("BAD_REQUEST", "That folder name is too long.");
  if (clean.includes(delimiter)) throw new MailroomError("BAD_REQUEST", `A folder name can't contain “${delimiter}”.`);
  if (/[\u0000-\u001f\u007f*%]/.test(clean)) throw new MailroomError("BAD_REQUEST", "A folder name can't contain control characters, * or %.");
  return clean;
}
