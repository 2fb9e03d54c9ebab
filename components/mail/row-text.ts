import type { MessageSummary } from "@/lib/shared/types";
import { rowSenderWarning } from "@/lib/shared/sender-check";
import { formatListDate, type DatePrefs } from "@/components/mail/format";

/*
 * What a row shows that costs more than reading a field, kept between renders (issue 13): switching back to
 * a folder re-creates its rows from the same message objects (the tab's cache), so their dates and sender
 * checks are looked up, not computed again.
 */

const warnings = new WeakMap<MessageSummary, string | null>();

/** rowSenderWarning, once per message object (a changed message is a new object). */
export function senderWarningOf(m: MessageSummary): string | null {
  let w = warnings.get(m);
  if (w === undefined) {
    w = rowSenderWarning(m);
    warnings.set(m, w);
  }
  return w;
}

const DATES_MAX = 2000;
let dates = new Map<string, string>();
let datesSlot = -1;

/**
 * formatListDate, remembered for the current quarter hour of UTC (every zone's midnight falls on one, so
 * "today" cannot change within it) and the date settings; at most DATES_MAX entries.
 */
export function listDateOf(iso: string, prefs: DatePrefs, now = new Date()): string {
  const slot = Math.floor(now.getTime() / 900_000);
  if (slot !== datesSlot || dates.size >= DATES_MAX) {
    dates = new Map();
    datesSlot = slot;
  }
  const key = `${prefs.timeZone}|${prefs.dateFormat}|${iso}`;
  let text = dates.get(key);
  if (text === undefined) {
    text = formatListDate(iso, now, prefs);
    dates.set(key, text);
  }
  return text;
}
