// Display names: how colleagues in one shared mailbox tell each other apart. Browser-safe.

export const DISPLAY_NAME_MAX = 40;

/** Trims, folds whitespace and drops control characters; "" when nothing is left. */
export function cleanDisplayName(raw: unknown): string {
  if (typeof raw !== "string") return "";
  return raw
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, DISPLAY_NAME_MAX)
    .trim();
}

/** The name used when a person does not choose one: the address's local part. */
export function defaultDisplayName(email: string): string {
  return cleanDisplayName(email.split("@")[0] ?? email) || email;
}
