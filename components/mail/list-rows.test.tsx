import { describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { MessageRow } from "@/components/mail/message-row";
import { MessageList } from "@/components/mail/message-list";
import { MailActionsContext, type MailActions } from "@/components/mail/use-mail-actions";
import { AUTO_DATES } from "@/components/mail/format";
import { FIRST_OVERSCAN, OVERSCAN, continuesList } from "@/hooks/use-list-generation";
import { hoverShowsActions } from "@/hooks/use-row-hover";
import { listDateOf, senderWarningOf } from "@/components/mail/row-text";
import { formatListDate } from "@/components/mail/format";
import { ListSkeleton } from "@/components/mail/list-skeleton";
import * as senderCheck from "@/lib/shared/sender-check";
import type { MessageSummary } from "@/lib/shared/types";

// Issue 13: what one row costs, since a list re-creates ~20 of them on every switch, search and jump.

const msg = (uid: number, extra: Partial<MessageSummary> = {}): MessageSummary => ({
  uid,
  subject: `Subject ${uid}`,
  from: { name: "Bank", address: "bank@bank.test" },
  to: [],
  date: "2026-12-01T10:00:00.000Z",
  size: 1000,
  seen: true,
  flagged: false,
  answered: false,
  hasAttachments: false,
  ...extra,
});

const actions = {
  folder: "INBOX",
  archiveFolder: { path: "Archive", name: "Archive", delimiter: "/", specialUse: "archive" },
  archive: vi.fn(),
  remove: vi.fn(),
  markRead: vi.fn(),
  markUnread: vi.fn(),
  flag: vi.fn(),
  unflag: vi.fn(),
} as unknown as MailActions;

const row = (m: MessageSummary, active = false) =>
  renderToStaticMarkup(
    <MailActionsContext.Provider value={actions}>
      <MessageRow message={m} index={0} setSize={1} top={0} open={false} checked={false} active={active} onOpen={vi.fn()} onToggleCheck={vi.fn()} rowHeight={64} datePrefs={AUTO_DATES} hydrated />
    </MailActionsContext.Provider>,
  );

describe("a row's hover actions exist only where they can be seen or reached", () => {
  it("a row the pointer is not on and without keyboard focus has no action buttons in its HTML", () => {
    const html = row(msg(7));
    expect(html).toContain('data-row-button=""');
    expect(html).not.toContain("Actions: Subject 7");
    expect(html).not.toContain("Archive: Subject 7");
    expect(html).not.toContain("Delete: Subject 7");
  });

  it("not even on the keyboard cursor's row until focus is in it (hidden buttons are not in the Tab order)", () => {
    expect(row(msg(7), true)).not.toContain("Actions: Subject 7");
  });

  it("the pointer can show them only where CSS shows them (md and up, a pointer that hovers): never on the server", () => {
    expect(hoverShowsActions()).toBe(false);
  });
});

describe("a row's icons and classes", () => {
  it("draws its markers from the list's sprite, not a copy of each icon's paths", () => {
    const html = row(msg(8, { flagged: true, answered: true, hasAttachments: true }));
    expect(html).toContain('href="#mr-i-flag-filled"');
    expect(html).toContain('href="#mr-i-reply"');
    expect(html).toContain('href="#mr-i-paperclip"');
    expect(html).toContain('aria-label="Flagged"');
    expect(html).not.toContain("<path");
  });

  it("a plain row is about a dozen elements with short classes", () => {
    const html = row(msg(9, { snippet: "Your statement is ready", seen: false }));
    const elements = html.match(/<[a-z]+[\s>]/g) ?? [];
    expect(elements.length).toBeLessThanOrEqual(12);
    // One class per part (app/rows.css), not a dozen utilities each.
    expect(html.length).toBeLessThan(1100);
    expect(html).toContain('class="mr-row mr-unread"');
  });

  it("a row without markers has no empty marker box", () => {
    expect(row(msg(10))).not.toContain("mr-marks");
  });
});

describe("the list renders the screen and one row in the frame that shows a new list", () => {
  const page = Array.from({ length: 50 }, (_, i) => msg(1000 - i));
  const html = renderToStaticMarkup(
    <MessageList messages={page} total={10_000} loading={false} loadingMore={false} error={null} loadMoreError={null} hasMore openUid={null} checked={new Set()} query="" listLabel="Message list" onLoadMore={vi.fn()} onRetry={vi.fn()} onOpen={vi.fn()} onToggleCheck={vi.fn()} />,
  );

  it("the server's HTML (sign-in's first page) holds the first screen's rows, not the overscan's", () => {
    const rows = html.match(/role="listitem"/g)?.length ?? 0;
    // initialRect is 900 px high: 15 rows of 64 px on screen, then FIRST_OVERSCAN.
    expect(rows).toBe(Math.ceil(900 / 64) + FIRST_OVERSCAN);
    expect(rows).toBeLessThan(Math.ceil(900 / 64) + OVERSCAN);
  });

  it("holds the icon sprite once", () => {
    expect(html.match(/<symbol /g)?.length).toBeGreaterThan(5);
    expect(html.match(/id="mr-i-flag"/g)?.length).toBe(1);
  });
});

describe("continuesList: a list changing keeps its rows, another list starts small", () => {
  const a = Array.from({ length: 50 }, (_, i) => ({ uid: 500 - i }));
  it("the same list, new mail on top, the top message removed, an older page appended", () => {
    expect(continuesList(a, a)).toBe(true);
    expect(continuesList(a, [{ uid: 502 }, { uid: 501 }, ...a])).toBe(true);
    expect(continuesList(a, a.slice(1))).toBe(true);
    expect(continuesList(a, [...a, { uid: 450 }])).toBe(true);
    expect(continuesList(a, a.map((m) => ({ ...m })))).toBe(true);
  });
  it("another folder, the oldest page, an empty list", () => {
    expect(continuesList(a, Array.from({ length: 50 }, (_, i) => ({ uid: 300 - i })))).toBe(false);
    expect(continuesList(a, Array.from({ length: 50 }, (_, i) => ({ uid: 50 - i })))).toBe(false);
    expect(continuesList(a, [])).toBe(false);
    expect(continuesList([], a)).toBe(false);
  });
});

describe("a row's date and sender check are computed once per message", () => {
  it("the list date is formatListDate's, remembered per settings", () => {
    const now = new Date("2026-12-05T12:00:00.000Z");
    for (const iso of ["2026-12-05T08:30:00.000Z", "2026-11-03T10:00:00.000Z", "2024-11-03T10:00:00.000Z"]) {
      expect(listDateOf(iso, AUTO_DATES, now)).toBe(formatListDate(iso, now, AUTO_DATES));
      expect(listDateOf(iso, { timeZone: "UTC", dateFormat: "ymd" }, now)).toBe(formatListDate(iso, now, { timeZone: "UTC", dateFormat: "ymd" }));
    }
    // A new quarter hour (or day) starts over: yesterday's "08:30" is a date today.
    const tomorrow = new Date("2026-12-06T12:00:00.000Z");
    expect(listDateOf("2026-12-05T08:30:00.000Z", { timeZone: "UTC", dateFormat: "auto" }, tomorrow)).toBe("5 Dec");
  });

  it("checks a message's senders once however often its row renders", () => {
    const spy = vi.spyOn(senderCheck, "rowSenderWarning");
    const m = msg(11, { from: { name: "support@bank.test", address: "crook@evil.test" } });
    const first = senderWarningOf(m);
    expect(first).toMatch(/different address/);
    expect(senderWarningOf(m)).toBe(first);
    row(m);
    row(m);
    expect(spy.mock.calls.filter(([x]) => x === m)).toHaveLength(1);
    spy.mockRestore();
  });
});

describe("the loading skeleton", () => {
  it("pulses as one: one animation, not one per bar", () => {
    const html = renderToStaticMarkup(<ListSkeleton rowHeight={64} />);
    expect(html.match(/animate-pulse/g)).toHaveLength(1);
    expect(html).toContain("Loading messages…");
  });
});
