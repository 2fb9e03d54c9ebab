import { describe, expect, it, vi } from "vitest";
import type { ActionRequest, ActionResponse } from "@/lib/shared/types";
import { restoreMove } from "@/components/mail/undo-toast";
import { runBulk } from "@/components/mail/bulk-bar";
import { batches, BULK_BATCH } from "@/lib/shared/bulk";

describe("undo of a move", () => {
  it("moves back by the UIDs in the destination, then restores each message's flags", async () => {
    const calls: ActionRequest[] = [];
    const call = vi.fn(async (b: ActionRequest): Promise<ActionResponse> => {
      calls.push(b);
      if (b.action === "move") return { ok: true, destination: b.target, moved: [[501, 9001], [502, 9002]] };
      return { ok: true };
    });
    const n = await restoreMove(
      { text: "Moved 2 messages to Trash", from: "INBOX", to: "Trash", moved: [[11, 501], [12, 502]], flags: [{ uid: 11, seen: false, flagged: true }, { uid: 12, seen: true, flagged: false }] },
      call,
    );
    expect(n).toBe(2);
    expect(calls[0]).toEqual({ folder: "Trash", uids: [501, 502], action: "move", target: "INBOX" });
    expect(calls.slice(1)).toEqual([
      { folder: "INBOX", uids: [9002], action: "read" },
      { folder: "INBOX", uids: [9001], action: "unread" },
      { folder: "INBOX", uids: [9001], action: "flag" },
      { folder: "INBOX", uids: [9002], action: "unflag" },
    ]);
  });
});

describe("whole-folder actions", () => {
  it("splits the folder's UIDs into bounded batches and reports progress after each", async () => {
    const uids = Array.from({ length: BULK_BATCH * 2 + 7 }, (_, i) => 5000 - i);
    const sent: ActionRequest[] = [];
    const progress: [number, number][] = [];
    const urls: string[] = [];
    const res = await runBulk(
      "Big Folder",
      "archive",
      "Archive",
      (d, t) => progress.push([d, t]),
      async (b) => {
        sent.push(b);
        return { ok: true };
      },
      async (url) => {
        urls.push(url);
        return { uids, capped: false };
      },
    );
    expect(urls).toEqual(["/api/messages/uids?folder=Big%20Folder"]);
    expect(sent.map((b) => b.uids.length)).toEqual([BULK_BATCH, BULK_BATCH, 7]);
    expect(sent.every((b) => b.action === "move" && b.target === "Archive")).toBe(true);
    expect(sent.flatMap((b) => b.uids)).toEqual(uids);
    expect(progress.at(-1)).toEqual([uids.length, uids.length]);
    expect(res).toEqual({ done: uids.length, capped: false });
  });

  it("mark all as read asks only for the unread UIDs", async () => {
    const urls: string[] = [];
    await runBulk("INBOX", "read", null, () => {}, async () => ({ ok: true }), async (u) => {
      urls.push(u);
      return { uids: [3, 2], capped: false };
    });
    expect(urls[0]).toContain("unseen=1");
  });

  it("batches keeps order and covers everything", () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches([], 2)).toEqual([]);
  });
});
