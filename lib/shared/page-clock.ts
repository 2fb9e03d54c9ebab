// The reader's clock for server-rendered pages: the browser's time zone and date locale, which the browser
// keeps in a cookie so that the server can write list dates into a page's HTML exactly as the browser
// would (before, the rows' dates were empty until the page's script ran). Browser-safe.
import { isTimeZone } from "@/lib/shared/settings";

export const CLOCK_COOKIE = "mailroom.clock";

export interface ReaderClock {
  /** IANA zone, e.g. "Europe/Berlin". */
  zone: string;
  /** The locale the browser formats dates in, e.g. "en-GB". */
  locale: string;
}

/** A page's clock: the reader's, and the server's time when it rendered (the hydrating render uses the same). */
export interface PageClock extends ReaderClock {
  now: number;
}

/** A cookie's value back to a clock; null unless both parts are ones this runtime knows. */
export function parseClock(value: string | null | undefined): ReaderClock | null {
  if (!value || value.length > 160) return null;
  let text: string;
  try {
    text = decodeURIComponent(value);
  } catch {
    return null;
  }
  const [zone = "", locale = "", ...rest] = text.split("|");
  if (rest.length > 0 || !zone || zone.length > 64 || !isTimeZone(zone)) return null;
  if (!/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,6}$/.test(locale)) return null;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? { zone, locale } : null;
  } catch {
    return null;
  }
}

export function encodeClock(c: ReaderClock): string {
  return encodeURIComponent(`${c.zone}|${c.locale}`);
}

/** This browser's zone and the locale its Intl formats dates in. */
export function browserClock(): ReaderClock {
  const o = new Intl.DateTimeFormat().resolvedOptions();
  return { zone: o.timeZone, locale: o.locale };
}

/** Browser: keeps this browser's clock in the cookie for the server's next render (not a secret; a year). */
export function rememberBrowserClock(): void {
  const value = encodeClock(browserClock());
  if (document.cookie.split("; ").includes(`${CLOCK_COOKIE}=${value}`)) return;
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${CLOCK_COOKIE}=${value}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
}
