// The account type (IMAP/POP3) this browser last signed in with, so "More options" on the sign-in page
// starts on it. localStorage: a choice only, never anything secret.
import type { Protocol } from "@/lib/shared/types";

const KEY = "mailroom.protocol";

export function rememberedProtocol(): Protocol | null {
  if (typeof window === "undefined") return null;
  try {
    const v = window.localStorage.getItem(KEY);
    return v === "imap" || v === "pop3" ? v : null;
  } catch {
    return null;
  }
}

export function rememberProtocol(protocol: Protocol): void {
  try {
    window.localStorage.setItem(KEY, protocol);
  } catch {
    // private mode or full storage: the next sign-in starts on the default
  }
}
