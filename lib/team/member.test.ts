import { describe, expect, it } from "vitest";
import { findMentions, member } from "@/lib/team/member";

const bob = member("support@example.test", "Bob");
const bobP = member("support@example.test", "Bob P");
const ana = member("ana@example.test", "Ana");

describe("findMentions", () => {
  it("finds @Name, case-insensitively, with spaces in names, longest first", () => {
    expect(findMentions("Can you take this, @bob p?", [bob, bobP, ana])).toEqual([bobP.id]);
    expect(findMentions("@Bob and @Ana", [bob, bobP, ana]).sort()).toEqual([bob.id, ana.id].sort());
  });

  it("ignores names that only start a longer word, and mail addresses", () => {
    expect(findMentions("@Anastasia said", [ana])).toEqual([]);
    expect(findMentions("write to x@ana.example", [ana])).toEqual([]);
    expect(findMentions("no mention here", [ana, bob])).toEqual([]);
  });
});

describe("member identity", () => {
  it("tells apart two people on one login by display name, and one person across case and spaces", () => {
    const ana = member("support@example.test", "Ana");
    expect(ana.id).not.toBe(member("support@example.test", "Ben").id);
    expect(member("SUPPORT@example.test", " ana ").id).toBe(ana.id);
    expect(member("bob@example.test", "Ana").id).not.toBe(ana.id);
  });
});
