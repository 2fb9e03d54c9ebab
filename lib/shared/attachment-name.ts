// Attachment names that cannot lie: one cleaning for the list, the download's Content-Disposition and
// anything else that shows a name. Browser-safe (the attachment list splits names with it too).

export const ATTACHMENT_NAME_MAX = 120;

// Extensions for a nameless part, from its type; anything else downloads as .bin.
const EXT_BY_TYPE: Record<string, string> = {
  "application/pdf": "pdf",
  "application/zip": "zip",
  "application/json": "json",
  "application/msword": "doc",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.ms-excel": "xls",
  "application/ms-tnef": "dat",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/svg+xml": "svg",
  "text/plain": "txt",
  "text/html": "html",
  "text/markdown": "md",
  "text/csv": "csv",
  "text/calendar": "ics",
  "message/rfc822": "eml",
  "message/global": "eml",
  "audio/mpeg": "mp3",
  "video/mp4": "mp4",
};

// Files that run when opened on common systems: their extension is always shown and called out.
const PROGRAM_EXT = new Set([
  "exe", "com", "scr", "pif", "bat", "cmd", "msi", "msp", "dll", "cpl", "hta", "jar", "js", "jse", "vbs", "vbe", "wsf", "wsh",
  "ps1", "psm1", "lnk", "reg", "sh", "app", "dmg", "pkg", "apk", "iso", "img", "vhd", "docm", "xlsm", "pptm", "url", "scf", "chm",
]);

/** The extension a MIME type implies ("bin" when unknown). */
export function extensionForType(contentType: string): string {
  return EXT_BY_TYPE[(contentType || "").split(";")[0].trim().toLowerCase()] ?? "bin";
}

// Bidi embeddings, overrides and isolates, directional marks, zero-width and other invisible characters.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0]/g;
// Every C0 and C1 control character, including NUL, CR and LF, and DEL.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * The name to show and to download under. Keeps only the last path component, drops control,
 * bidi and zero-width characters, collapses whitespace and caps the length while keeping the
 * real extension; an empty result becomes "attachment.<ext for the type>".
 */
export function cleanAttachmentName(raw: string | null | undefined, contentType = "application/octet-stream", max = ATTACHMENT_NAME_MAX): string {
  let name = String(raw ?? "")
    .normalize("NFC")
    // Line breaks and tabs separate words: a space, collapsed below; every other control goes.
    .replace(/[\t\n\v\f\r]+/g, " ")
    .replace(CONTROL, "")
    .replace(INVISIBLE, "");
  // Path components from either system, then a leftover drive letter ("C:evil.exe").
  name = name.split(/[\\/]/).pop() ?? "";
  name = name.replace(/^[A-Za-z]:/, "");
  name = name
    .replace(/[\s\u2028\u2029]+/gu, " ")
    .trim()
    // ".." and hidden-file dots at the start, and trailing dots and spaces Windows would drop.
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (!name) return `attachment.${extensionForType(contentType)}`;
  const { base, ext } = splitAttachmentName(name);
  const chars = Array.from(base);
  const room = Math.max(1, max - Array.from(ext).length);
  if (chars.length > room) name = chars.slice(0, room).join("").trimEnd() + ext;
  return name;
}

/** The base and the real (last) extension with its dot, so a UI can truncate the base but never the extension. */
export function splitAttachmentName(name: string): { base: string; ext: string } {
  const m = /^(.+?)(\.[\p{L}\p{N}_-]{1,12})$/u.exec(name);
  return m ? { base: m[1], ext: m[2] } : { base: name, ext: "" };
}

/** True when opening the file would run a program (or a macro), whatever the rest of the name says. */
export function isProgramName(name: string): boolean {
  const ext = splitAttachmentName(name).ext.slice(1).toLowerCase();
  return PROGRAM_EXT.has(ext);
}
