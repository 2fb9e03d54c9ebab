import { describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { MessageRow, rowLabel } from "@/components/mail/message-row";
import type { MessageSummary } from "@/lib/shared/types";
import { AUTO_DATES } from "@/components/mail/format";

const base: MessageSummary = {
  uid: 1, subject: "Invoice", from: { name: "Bank", address: "bank@bank.test" }, to: [], date: "2026-12-01T10:00:00.000Z",
  size: 1000, seen: true, flagged: false, answered: false, hasAttachments: false,
};

const row = (m: MessageSummary, showRecipients = false) =>
  renderToStaticMarkup(<MessageRow message={m} index={0} setSize={1} top={0} open={false} checked={false} active onOpen={vi.fn()} onToggleCheck={vi.fn()} showRecipients={showRecipients} rowHeight={64} datePrefs={AUTO_DATES} hydrated />);

describe("message row: lying senders", () => {
  it("marks a display name that shows another address, with an accessible name", () => {
    const m = { ...base, from: { name: "support@bank.test", address: "crook@evil.test" } };
    const html = row(m);
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="Sender warning: The name shows a different address than the one this was sent from"');
    expect(rowLabel(m)).toContain("sender warning: The name shows a different address");
  });

  it("marks several From headers", () => {
    const m = { ...base, fromAll: [base.from!, { name: "Crook", address: "crook@evil.test" }], fromHeaders: 2 };
    expect(row(m)).toContain("Sender warning: This message has several From headers");
  });

  it("shows no mark for an honest sender", () => {
    expect(row(base)).not.toContain("Sender warning");
    expect(rowLabel(base)).not.toContain("sender warning");
  });
});

describe("message row: snippet and recipients (issue 12 points 1 and 6)", () => {
  it("shows the snippet instead of the byte size", () => {
    const html = row({ ...base, size: 123456, snippet: "Your statement is ready" });
    expect(html).toContain("Your statement is ready");
    expect(html).not.toContain("121 KB");
  });
  it("names the recipients in Sent and Drafts", () => {
    const m = { ...base, to: [{ name: "Carol Chen", address: "carol@example.test" }] };
    expect(row(m, true)).toContain("To: Carol Chen");
    expect(rowLabel(m, true)).toMatch(/^To: Carol Chen, Invoice/);
    expect(row(m)).not.toContain("To: Carol Chen");
  });
});
