import { describe, expect, it } from "vitest";
import { decideReplyCheck } from "@/lib/presence/reply-check";
import { collisionQuestion, collisionWarning } from "@/lib/shared/collision";
import { activityLine } from "@/lib/shared/presence-words";

const base = { answeredNow: false, answeredAtOpen: false, since: 0, others: [], trail: [], me: "me" };

describe("the collision guard and assignments", () => {
  it("warns when replying to a message assigned to someone else, and asks to reply anyway", () => {
    const check = decideReplyCheck({ ...base, assignee: { name: "Ben", mine: false } });
    expect(check.assignedTo).toBe("Ben");
    expect(collisionWarning(check)).toBe("This is assigned to Ben.");
    expect(collisionQuestion(check)).toBe("Reply anyway?");
  });

  it("does not warn about a message assigned to me, or to nobody", () => {
    expect(collisionWarning(decideReplyCheck({ ...base, assignee: { name: "Me", mine: true } }))).toBeNull();
    expect(collisionWarning(decideReplyCheck({ ...base, assignee: null }))).toBeNull();
  });

  it("keeps 'Send anyway?' when someone also replied", () => {
    const check = decideReplyCheck({ ...base, answeredNow: true, assignee: { name: "Ben", mine: false } });
    expect(collisionWarning(check)).toBe("Someone replied to this message since you opened it. This is assigned to Ben.");
    expect(collisionQuestion(check)).toBe("Send anyway?");
  });
});

describe("trail lines for team work", () => {
  const at = "2026-12-04T10:00:00Z";
  it("says who assigned to whom and who added a note", () => {
    expect(activityLine({ action: "assigned", actor: "Ana", self: false, at, folder: "INBOX", target: "Ben" })).toBe("Ana assigned this to Ben");
    expect(activityLine({ action: "noted", actor: "Ben", self: false, at, folder: "INBOX" })).toBe("Ben added a note");
    expect(activityLine({ action: "unassigned", actor: "Ana", self: true, at, folder: "INBOX" })).toBe("You unassigned this");
  });
});
