// The display name this browser last used per mail address, so a person sharing an account is named
// the same way at every sign-in. localStorage: only a name, never anything secret.

const KEY = "mailroom.displayNames";

function read(): Record<string, string> {
  try {
    const v = JSON.parse(window.localStorage.getItem(KEY) ?? "{}") as unknown;
    return v && typeof v === "object" ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function rememberedName(email: string): string {
  if (typeof window === "undefined") return "";
  const v = read()[email.trim().toLowerCase()];
  return typeof v === "string" ? v : "";
}

export function rememberName(email: string, name: string): void {
  if (typeof window === "undefined") return;
  try {
    const all = read();
    const key = email.trim().toLowerCase();
    if (name) all[key] = name;
    else delete all[key];
    window.localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // private mode or full storage: the name is simply not remembered
  }
}
