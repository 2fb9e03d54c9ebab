import { describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { CollisionDialog } from "@/components/mail/collision-dialog";

describe("CollisionDialog", () => {
  it("asks with the warning, Cancel focused first, as an alert dialog", () => {
    const html = renderToStaticMarkup(<CollisionDialog message="Dana replied to this message 2 minutes ago." onSend={vi.fn()} onCancel={vi.fn()} />);
    expect(html).toContain('role="alertdialog"');
    expect(html).toContain("Dana replied to this message 2 minutes ago. Send anyway?");
    expect(html.indexOf(">Cancel<")).toBeLessThan(html.indexOf(">Send anyway<"));
  });

  it("shows nothing without a warning", () => {
    const html = renderToStaticMarkup(<CollisionDialog message={null} onSend={vi.fn()} onCancel={vi.fn()} />);
    expect(html).not.toContain("Send anyway");
  });
});

describe("CollisionDialog for an assigned message", () => {
  it("asks to reply anyway when the message is someone else's", () => {
    const html = renderToStaticMarkup(<CollisionDialog message="This is assigned to Ben." question="Reply anyway?" onSend={vi.fn()} onCancel={vi.fn()} />);
    expect(html).toContain("This is assigned to Ben. Reply anyway?");
  });
});
