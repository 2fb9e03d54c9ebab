"use client";

import { useId, type ReactNode } from "react";
import type { InviteSummary } from "@/lib/shared/types";
import { useDatePrefs } from "@/components/mail/use-date-prefs";

/*
 * A calendar invitation summarised above the body. The server sends instants (or dates for all-day
 * events); they are formatted here, with Intl, in the viewer's own time zone and locale.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** "Thu, 10 Dec 2026, 15:00 – 16:00 CET", or the dates of an all-day event. */
export function formatInviteWhen(invite: Pick<InviteSummary, "start" | "end" | "allDay">, opts: { locale?: string; timeZone?: string } = {}): string | null {
  const { locale, timeZone } = opts;
  if (!invite.start) return null;
  if (invite.allDay) {
    // Dates have no zone: read and print them as UTC so no offset moves them a day.
    const start = new Date(`${invite.start}T00:00:00Z`);
    if (Number.isNaN(start.getTime())) return null;
    const endExclusive = invite.end ? new Date(`${invite.end}T00:00:00Z`) : null;
    const last = endExclusive && !Number.isNaN(endExclusive.getTime()) ? new Date(endExclusive.getTime() - DAY_MS) : start;
    const f = new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric" });
    const dates = last.getTime() > start.getTime() ? f.formatRange(start, last) : f.format(start);
    return `${dates} (all day)`;
  }
  const start = new Date(invite.start);
  if (Number.isNaN(start.getTime())) return null;
  const end = invite.end ? new Date(invite.end) : null;
  const f = new Intl.DateTimeFormat(locale, { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });
  return end && !Number.isNaN(end.getTime()) && end.getTime() > start.getTime() ? f.formatRange(start, end) : f.format(start);
}

function CalendarIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" className="size-5" aria-hidden="true" focusable="false">
      <rect x="3" y="4.5" width="18" height="16.5" rx="2" />
      <path d="M3 9.5h18M8 2.5v4M16 2.5v4" />
    </svg>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex gap-2">
      <dt className="w-20 shrink-0 text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 flex-1 text-zinc-800 [overflow-wrap:anywhere] dark:text-zinc-200">{children}</dd>
    </div>
  );
}

function InviteCard({ invite }: { invite: InviteSummary }) {
  const id = useId();
  // An event's time in the zone chosen in Settings (its numeric order stays the locale's: a sentence, not a column).
  const { timeZone } = useDatePrefs();
  const when = formatInviteWhen(invite, { timeZone: timeZone || undefined });
  const org = invite.organizer;
  return (
    <section aria-labelledby={id} className="rounded-xl border border-zinc-200 bg-zinc-50 px-4 py-3 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex items-start gap-3">
        <span className="mt-0.5 flex size-9 shrink-0 items-center justify-center rounded-lg bg-accent-100 text-accent-800 dark:bg-accent-500/20 dark:text-accent-200">
          <CalendarIcon />
        </span>
        <div className="min-w-0 flex-1">
          <p className="text-xs font-semibold uppercase tracking-wider text-zinc-500 dark:text-zinc-400">
            {invite.cancelled ? "Cancelled event" : invite.method === "REQUEST" ? "Invitation" : "Event"}
          </p>
          <h3 id={id} dir="auto" className={`text-base font-semibold text-zinc-950 [overflow-wrap:anywhere] dark:text-white ${invite.cancelled ? "line-through" : ""}`}>
            {invite.title}
          </h3>
          <dl className="mt-2 space-y-1">
            {when && (
              <Row label="When">
                <span data-testid="invite-when">{when}</span>
                {invite.recurring && <span className="text-zinc-500 dark:text-zinc-400"> · repeats{invite.frequency ? ` ${invite.frequency}` : ""}</span>}
              </Row>
            )}
            {invite.location && (
              <Row label="Where">
                <span dir="auto">{invite.location}</span>
              </Row>
            )}
            {org && (
              <Row label="Organizer">
                {org.name ? (
                  <>
                    <span dir="auto">{org.name}</span> {org.address && <span className="text-zinc-500 dark:text-zinc-400">&lt;{org.address}&gt;</span>}
                  </>
                ) : (
                  org.address
                )}
              </Row>
            )}
            {invite.attendeeCount > 0 && <Row label="Guests">{invite.attendeeCount === 1 ? "1 attendee" : `${invite.attendeeCount} attendees`}</Row>}
          </dl>
        </div>
      </div>
    </section>
  );
}

/** The invitations of a message, above its body; nothing when there are none. */
export function InviteCards({ invites }: { invites: InviteSummary[] | undefined }) {
  if (!invites?.length) return null;
  return (
    <div className="space-y-3 px-4 pb-4 md:px-8">
      {invites.map((inv, i) => (
        <InviteCard key={`${inv.title}-${inv.start}-${i}`} invite={inv} />
      ))}
    </div>
  );
}
