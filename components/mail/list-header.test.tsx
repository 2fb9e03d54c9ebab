import { describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { ListHeader } from "@/components/mail/list-header";

const header = (count: number | null, countAtLeast?: boolean) =>
  renderToStaticMarkup(<ListHeader title="Inbox" count={count} countAtLeast={countAtLeast} query="report" field="all" onShowFolders={vi.fn()} toolbar={null} />);

describe("the list header's count of a search", () => {
  it("is exact, or a lower bound where the store counted only up to its cap", () => {
    expect(header(1)).toContain("· 1 message<");
    expect(header(2_500)).toContain("· 2,500 messages<");
    expect(header(1_000, true)).toContain("· 1,000+ messages<");
    expect(header(null)).not.toContain("·");
  });
});
