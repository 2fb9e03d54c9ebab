import { describe, expect, it } from "vitest";
import type { Folder } from "@/lib/shared/types";
import { IDLE_PREFETCH_MAX, planIdlePrefetch } from "@/lib/shared/idle-prefetch-plan";

const folder = (path: string, over: Partial<Folder> = {}): Folder => ({
  path, name: path, delimiter: "/", parentPath: null, depth: 0, specialUse: null, shared: false, selectable: true, total: 10, unread: 0, ...over,
});

const none = () => false;

describe("idle prefetch plan", () => {
  const tree = [
    folder("INBOX", { unread: 9 }),
    folder("Archive", { specialUse: "archive" }),
    folder("Sent", { specialUse: "sent" }),
    folder("Drafts", { specialUse: "drafts" }),
    folder("Trash", { specialUse: "trash", unread: 50 }),
    folder("Junk", { specialUse: "junk", unread: 70 }),
    folder("Lists", { unread: 3 }),
    folder("Projects", { unread: 12 }),
    folder("Quiet"),
  ];

  it("takes Sent, Drafts, Archive, then the folders with the most unread mail, at most four", () => {
    expect(planIdlePrefetch(tree, "INBOX", none)).toEqual(["Sent", "Drafts", "Archive", "Projects"]);
    expect(IDLE_PREFETCH_MAX).toBe(4);
  });

  it("never plans more than asked, however many folders have unread mail", () => {
    const many = Array.from({ length: 200 }, (_, i) => folder(`F${i}`, { unread: i + 1 }));
    expect(planIdlePrefetch(many, "INBOX", none)).toHaveLength(4);
    expect(planIdlePrefetch(many, "INBOX", none, 2)).toEqual(["F199", "F198"]);
    expect(planIdlePrefetch(many, "INBOX", none, 0)).toEqual([]);
  });

  it("skips the folder on screen, cached ones, empty, unselectable and shared folders, Trash and Junk", () => {
    const plan = planIdlePrefetch(
      [...tree, folder("Group", { selectable: false, unread: 99 }), folder("shared/bob/Team", { shared: true, unread: 99 }), folder("Empty", { specialUse: "archive", total: 0 })],
      "Sent",
      (p) => p === "Drafts",
    );
    expect(plan).toEqual(["Archive", "Projects", "INBOX", "Lists"]);
  });
});
