import { describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { AllFoldersResults } from "@/components/search/all-folders-results";
import { SearchHighlightProvider } from "@/components/search/highlight";
import type { Folder, MessageSummary } from "@/lib/shared/types";

const folder = (path: string, specialUse: Folder["specialUse"] = null): Folder =>
  ({ path, name: path, delimiter: "/", parentPath: null, depth: 0, specialUse, shared: false, selectable: true, total: 1, unread: 0 }) as Folder;

const msg = (o: Partial<MessageSummary>): MessageSummary => ({
  uid: 1, subject: "Launch plan", from: { name: "Alice Example", address: "alice@example.test" }, to: [{ name: "Bob Builder", address: "bob@example.test" }],
  date: "2025-10-29T10:00:00.000Z", size: 100, seen: true, flagged: false, answered: false, hasAttachments: false, ...o,
});

const render = (groups: { folder: string; messages: MessageSummary[]; total?: number; totalAtLeast?: true }[], folders: Folder[], query = "") =>
  renderToStaticMarkup(
    <SearchHighlightProvider query={query}>
    <AllFoldersResults
      query="launch"
      state={{ result: { groups: groups.map((g) => ({ ...g, total: g.total ?? g.messages.length })), searchedFolders: 2, totalFolders: 2, stoppedBy: null, notSearched: [] }, loading: false, error: null, reload: vi.fn() }}
      folders={folders}
      openFolder="INBOX"
      openUid={null}
      onOpen={vi.fn()}
      onShowFolder={vi.fn()}
    />
    </SearchHighlightProvider>,
  );

describe("all-folders results read like the list's rows", () => {
  const folders = [folder("INBOX", "inbox"), folder("Sent", "sent")];

  it("names the recipients of a Sent match, the sender elsewhere", () => {
    const html = render([{ folder: "INBOX", messages: [msg({ uid: 1 })] }, { folder: "Sent", messages: [msg({ uid: 2 })] }], folders);
    const [inbox, sent] = html.split("Matches in Sent");
    expect(inbox).toContain("Alice Example");
    expect(sent).toContain("Bob Builder");
    expect(sent).not.toContain("Alice Example");
  });

  it("shows the unread dot, the snippet and the flag, and says them in the row's name", () => {
    const html = render([{ folder: "INBOX", messages: [msg({ seen: false, flagged: true, snippet: "Dates for the launch" })] }], folders);
    expect(html).toContain('class="mr-unread"');
    expect(html).toContain('class="mr-dot"');
    expect(html).toContain("Dates for the launch");
    expect(html).toMatch(/aria-label="[^"]*, unread, flagged, [^"]*"/);
    const read = render([{ folder: "INBOX", messages: [msg({})] }], folders);
    expect(read).not.toContain("mr-dot");
  });

  it("marks the search's words in the subject and in the snippet", () => {
    const html = render([{ folder: "INBOX", messages: [msg({ snippet: "Dates for the launch" })] }], folders, "launch");
    expect(html.match(/<mark[^>]*>[^<]*<\/mark>/g)?.map((m) => m.replace(/<[^>]+>/g, ""))).toEqual(["Launch", "launch"]);
    expect(html).toMatch(/data-snippet="">[^]*<mark[^>]*>launch<\/mark>/);
  });

  it("says a total counted only up to its store's cap as a lower bound: 1,000+", () => {
    const html = render([
      { folder: "INBOX", messages: [msg({ uid: 1 })], total: 1_000, totalAtLeast: true },
      { folder: "Sent", messages: [msg({ uid: 2 })], total: 3 },
    ], folders);
    expect(html).toContain("1,003+ matches in 2 folders");
    expect(html).toContain("· 1,000+</span>");
    expect(html).toContain("Show all 1,000+ in Inbox");
    expect(html).toContain("Show all 3 in Sent");
    const exact = render([{ folder: "INBOX", messages: [msg({ uid: 1 })], total: 1 }], folders);
    expect(exact).toContain("1 match in 1 folder");
    expect(exact).not.toContain("+");
  });
});
