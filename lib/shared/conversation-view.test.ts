import { describe, expect, it } from "vitest";
import { mergeThreadPages, newestIn, participants, planThreadAction } from "@/lib/shared/conversation-view";
import type { ConversationThread, ThreadMember } from "@/lib/shared/conversation-types";

let next = 1;
function m(over: Partial<ThreadMember> = {}): ThreadMember {
  const uid = next++;
  return {
    uid, folder: "INBOX", subject: "Plan", from: { name: "Carol Chen", address: "carol@x" }, to: [],
    date: new Date(Date.UTC(2026, 10, 1, 0, uid)).toISOString(), size: 1, seen: true, flagged: false, answered: false, hasAttachments: false, ...over,
  };
}

describe("conversation view rules", () => {
  it("merges a thread that spans two windows into one row, oldest first, without duplicates", () => {
    const old1 = m();
    const old2 = m();
    const newer = m();
    const a: ConversationThread[] = [{ id: "t1", messages: [old2, newer] }, { id: "t2", messages: [m()] }];
    const b: ConversationThread[] = [{ id: "t1", messages: [old1, old2] }, { id: "t3", messages: [m()] }];
    const merged = mergeThreadPages(a, b);
    expect(merged.map((t) => t.id)).toEqual(["t1", "t2", "t3"]);
    expect(merged[0].messages.map((x) => x.uid)).toEqual([old1.uid, old2.uid, newer.uid]);
  });

  it("names participants once each, in order, with the person as 'me'", () => {
    const t: ConversationThread = {
      id: "t",
      messages: [m(), m({ from: { name: "", address: "Me@Example.test" }, folder: "Sent" }), m({ from: { name: "Dan Diaz", address: "dan@x" } }), m()],
    };
    expect(participants(t, "me@example.test")).toEqual(["Carol", "me", "Dan"]);
  });

  it("names a lone sender in full: 'The Weekly Frontend', not 'The'", () => {
    const news = { name: "The Weekly Frontend", address: "digest@frontend.example" };
    expect(participants({ id: "t", messages: [m({ from: news }), m({ from: news })] }, "me@example.test")).toEqual(["The Weekly Frontend"]);
    expect(participants({ id: "t", messages: [m({ from: { name: "", address: "billing@globex.example" } })] }, "me@example.test")).toEqual(["billing@globex.example"]);
    expect(participants({ id: "t", messages: [m({ from: { name: "Me Myself", address: "me@example.test" } })] }, "me@example.test")).toEqual(["me"]);
  });

  it("opens the newest message of this folder, not a newer reply in Sent", () => {
    const inbox = m();
    const sent = m({ folder: "Sent" });
    expect(newestIn({ id: "t", messages: [inbox, sent] }, "INBOX")).toBe(inbox);
  });

  it("plans actions per folder by UID: flags on every message, moves in this folder only", () => {
    const a = m({ seen: false });
    const s = m({ folder: "Sent", seen: true });
    const b = m({ seen: true, flagged: true });
    const t: ConversationThread = { id: "t", messages: [a, s, b] };
    expect(planThreadAction(t, "INBOX", "read")).toEqual([{ folder: "INBOX", uids: [a.uid] }]);
    const byFolder = (p: { folder: string }[]) => [...p].sort((x, y) => x.folder.localeCompare(y.folder));
    expect(byFolder(planThreadAction(t, "INBOX", "unread"))).toEqual([{ folder: "INBOX", uids: [b.uid] }, { folder: "Sent", uids: [s.uid] }]);
    expect(planThreadAction(t, "INBOX", "flag")).toEqual([{ folder: "INBOX", uids: [a.uid] }, { folder: "Sent", uids: [s.uid] }]);
    expect(planThreadAction(t, "INBOX", "archive")).toEqual([{ folder: "INBOX", uids: [a.uid, b.uid] }]);
    expect(planThreadAction(t, "INBOX", "delete")).toEqual([{ folder: "INBOX", uids: [a.uid, b.uid] }]);
  });
});
