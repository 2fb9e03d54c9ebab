import { describe, expect, it } from "vitest";
import { decideReplyCheck } from "@/lib/presence/reply-check";
import type { ActivityRecord } from "@/lib/activity/activity-store";
import { collisionWarning } from "@/lib/shared/collision";
import { activityLine, presenceSentence, rowPresenceLabel } from "@/lib/shared/presence-words";

const since = Date.parse("2026-11-26T10:00:00Z");
const replied = (person: string, actor: string, at: number): ActivityRecord => ({ scope: "s", account: "a", messageKey: "k", folder: "INBOX", uid: 1, action: "replied", actor, person, at });

describe("decideReplyCheck", () => {
  it("reports \\Answered that appeared since the open, even from another mail client", () => {
    const r = decideReplyCheck({ answeredNow: true, answeredAtOpen: false, since, others: [], trail: [], me: "me" });
    expect(r).toEqual({ answered: true, answeredSince: true, replying: [] });
  });

  it("does not warn about a message that was already answered when opened", () => {
    const r = decideReplyCheck({ answeredNow: true, answeredAtOpen: true, since, others: [], trail: [], me: "me" });
    expect(r.answeredSince).toBe(false);
  });

  it("names the Mailroom user who replied since, ignoring my own and older replies", () => {
    const r = decideReplyCheck({
      answeredNow: true,
      answeredAtOpen: null,
      since,
      others: [],
      trail: [replied("p-dana", "Dana", since - 5_000), replied("me", "Me", since + 1_000), replied("p-sam", "Sam", since + 2_000)],
      me: "me",
    });
    expect(r).toMatchObject({ answeredSince: true, repliedBy: "Sam", repliedAt: new Date(since + 2_000).toISOString() });
  });

  it("lists others replying right now, not those only viewing", () => {
    const r = decideReplyCheck({
      answeredNow: false,
      answeredAtOpen: false,
      since,
      others: [
        { id: "1", uid: 1, name: "Sam", activity: "replying" },
        { id: "2", uid: 1, name: "Dana", activity: "viewing" },
        { id: "3", uid: 1, name: "Ana", activity: "replying" },
      ],
      trail: [],
      me: "me",
    });
    expect(r).toEqual({ answered: false, answeredSince: false, replying: ["Ana", "Sam"] });
  });
});

describe("collisionWarning (the dialog's words)", () => {
  const now = since + 2 * 60_000;
  it("is null when nothing collides", () => {
    expect(collisionWarning({ answered: true, answeredSince: false, replying: [] }, now)).toBeNull();
  });
  it("names who replied and when", () => {
    expect(collisionWarning({ answered: true, answeredSince: true, replying: [], repliedBy: "Dana", repliedAt: new Date(since).toISOString() }, now)).toBe(
      "Dana replied to this message 2 minutes ago.",
    );
  });
  it("speaks of someone when another client replied", () => {
    expect(collisionWarning({ answered: true, answeredSince: true, replying: [] }, now)).toBe("Someone replied to this message since you opened it.");
  });
  it("adds who is replying right now", () => {
    expect(collisionWarning({ answered: false, answeredSince: false, replying: ["Dana", "Sam"] }, now)).toBe("Dana and Sam are replying to it right now.");
    expect(collisionWarning({ answered: true, answeredSince: true, replying: ["Sam"] }, now)).toBe("Someone replied to this message since you opened it. Sam is replying to it right now.");
  });
});

describe("presence words", () => {
  it("words chips and row markers", () => {
    expect(presenceSentence({ name: "Dana", activity: "replying" })).toBe("Dana is replying");
    expect(presenceSentence({ name: "Sam", activity: "viewing" })).toBe("Sam is also viewing");
    expect(
      rowPresenceLabel([
        { id: "1", uid: 1, name: "Dana", activity: "replying" },
        { id: "2", uid: 1, name: "Sam", activity: "viewing" },
        { id: "3", uid: 1, name: "Ana", activity: "viewing" },
      ]),
    ).toBe("Dana is replying, Sam and Ana are viewing");
  });
  it("words trail lines", () => {
    const base = { actor: "Sam", self: false, at: "2026-11-26T10:45:00Z", folder: "INBOX" };
    expect(activityLine({ ...base, action: "moved", target: "Projects/Archive" })).toBe("Moved to Archive by Sam");
    expect(activityLine({ ...base, action: "read", self: true })).toBe("Read by you");
    expect(activityLine({ ...base, action: "deleted", target: "" })).toBe("Deleted permanently by Sam");
  });
});
