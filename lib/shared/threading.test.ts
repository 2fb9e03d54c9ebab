import { describe, expect, it } from "vitest";
import { normalizeSubject, parseMessageIds, threadMessages, type ThreadInput } from "@/lib/shared/threading";

const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2026, 10, 1);

function msg(key: string, over: Partial<ThreadInput> = {}): ThreadInput {
  return { key, messageId: `${key}@x`, inReplyTo: null, references: [], subject: "Plan", date: T0, ...over };
}

/** Threads as sorted key lists, for comparisons that do not depend on thread order. */
function groups(input: ThreadInput[], opts = {}): string[][] {
  return threadMessages(input, opts).map((t) => t.keys);
}

describe("normalizeSubject", () => {
  it("strips reply and forward prefixes in several languages, repeated and counted", () => {
    expect(normalizeSubject("Re: RE: Fwd: Plan")).toBe("plan");
    expect(normalizeSubject("AW: Sv: Antw: Plan")).toBe("plan");
    expect(normalizeSubject("Re[2]: Plan")).toBe("plan");
    expect(normalizeSubject("RE :  Plan   for  Q4")).toBe("plan for q4");
    expect(normalizeSubject("Re:")).toBe("");
    expect(normalizeSubject("Regarding the plan")).toBe("regarding the plan");
  });
});

describe("parseMessageIds", () => {
  it("reads bracketed ids, folded lines and junk between them", () => {
    expect(parseMessageIds("<a@x>\r\n <b@x> (comment) <c@x>")).toEqual(["a@x", "b@x", "c@x"]);
    expect(parseMessageIds("bare@x")).toEqual(["bare@x"]);
    expect(parseMessageIds("")).toEqual([]);
    expect(parseMessageIds(null)).toEqual([]);
  });
});

describe("threadMessages (JWZ)", () => {
  it("threads a chain by References and In-Reply-To, oldest first, newest thread first", () => {
    const a = msg("a", { date: T0 });
    const b = msg("b", { references: ["a@x"], inReplyTo: "a@x", subject: "Re: Plan", date: T0 + 1000 });
    const c = msg("c", { inReplyTo: "b@x", subject: "Re: Plan", date: T0 + 2000 });
    const other = msg("o", { subject: "Lunch", date: T0 + 5000 });
    const t = threadMessages([c, other, a, b]);
    expect(t.map((x) => x.keys)).toEqual([["o"], ["a", "b", "c"]]);
    expect(t[1].id).toBe("a@x");
  });

  it("keeps replies together when their parent is missing (a dummy root with several children)", () => {
    const b = msg("b", { references: ["gone@x"], subject: "Re: Gone", date: T0 + 1 });
    const c = msg("c", { references: ["gone@x"], subject: "Re: Different words", date: T0 + 2 });
    const t = threadMessages([b, c]);
    expect(t).toHaveLength(1);
    expect(t[0].keys).toEqual(["b", "c"]);
    expect(t[0].id).toBe("gone@x");
  });

  it("promotes the only child of a missing parent, and links through missing middle messages", () => {
    const a = msg("a", { date: T0 });
    const c = msg("c", { references: ["a@x", "b-missing@x"], subject: "Re: Plan", date: T0 + 2 });
    expect(groups([a, c])).toEqual([["a", "c"]]);
    const lone = msg("lone", { references: ["missing@x"], subject: "Re: Alone" });
    // Named by its origin, as a window holding the start of the thread would name it.
    expect(threadMessages([lone])[0]).toEqual({ id: "missing@x", keys: ["lone"] });
  });

  it("names a thread the same in a window that holds only its later replies (pages merge by id)", () => {
    const a = msg("a", { date: T0 });
    const b = msg("b", { references: ["a@x"], subject: "Re: Plan", date: T0 + 1 });
    const c = msg("c", { references: ["a@x", "b@x"], subject: "Re: Plan", date: T0 + 2 });
    const whole = threadMessages([a, b, c])[0].id;
    expect(threadMessages([c])[0].id).toBe(whole);
    expect(threadMessages([b, c])[0].id).toBe(whole);
  });

  it("survives reference loops and self references without hanging or losing messages", () => {
    const a = msg("a", { references: ["b@x"], date: T0 });
    const b = msg("b", { references: ["a@x"], date: T0 + 1 });
    const s = msg("s", { references: ["s@x"], inReplyTo: "s@x", subject: "Self", date: T0 + 2 });
    const t = groups([a, b, s]);
    expect(t.flat().sort()).toEqual(["a", "b", "s"]);
    expect(t).toContainEqual(["a", "b"]);
    expect(t).toContainEqual(["s"]);
  });

  it("does not let a later message's References undo a parent the headers already set", () => {
    const a = msg("a", { subject: "A", date: T0 });
    const b = msg("b", { references: ["a@x"], subject: "Re: A", date: T0 + 1 });
    // A confused client says b's parent is x; b already has parent a, and must stay in a's thread.
    const c = msg("c", { references: ["x@x", "b@x"], subject: "Re: A", date: T0 + 2 });
    expect(groups([a, b, c])).toEqual([["a", "b", "c"]]);
  });

  it("keeps duplicate Message-IDs (copies) as separate messages of one thread", () => {
    const a = msg("INBOX\u00001", { messageId: "same@x", date: T0 });
    const copy = msg("Sent\u00001", { messageId: "same@x", date: T0 });
    const reply = msg("INBOX\u00002", { messageId: "r@x", inReplyTo: "same@x", subject: "Re: Plan", date: T0 + 1 });
    const t = groups([a, copy, reply]);
    expect(t).toHaveLength(1);
    expect(t[0].sort()).toEqual(["INBOX\u00001", "INBOX\u00002", "Sent\u00001"]);
  });

  it("falls back to the normalized subject only within the time window", () => {
    const a = msg("a", { messageId: null, subject: "Budget", date: T0 });
    const b = msg("b", { messageId: null, subject: "RE: budget", date: T0 + 3 * DAY });
    const late = msg("late", { messageId: null, subject: "Re: Budget", date: T0 + 40 * DAY });
    const t = threadMessages([a, b, late]);
    expect(t.map((x) => x.keys)).toEqual([["late"], ["a", "b"]]);
    // Two threads with the same subject still get distinct ids.
    expect(new Set(t.map((x) => x.id)).size).toBe(2);
    expect(groups([a, b, late], { subjectWindowMs: 60 * DAY })).toEqual([["a", "b", "late"]]);
  });

  it("never joins messages with empty subjects by subject", () => {
    const a = msg("a", { messageId: null, subject: "", date: T0 });
    const b = msg("b", { messageId: null, subject: "Re:", date: T0 + 1 });
    expect(groups([a, b])).toHaveLength(2);
  });

  it("handles a very long reply chain without recursion limits", () => {
    const chain: ThreadInput[] = [];
    for (let i = 0; i < 5000; i++) chain.push(msg(`m${i}`, { references: i ? [`m${i - 1}@x`] : [], date: T0 + i }));
    const t = threadMessages(chain.reverse());
    expect(t).toHaveLength(1);
    expect(t[0].keys[0]).toBe("m0");
    expect(t[0].keys.at(-1)).toBe("m4999");
  });
});
