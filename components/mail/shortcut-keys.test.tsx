import { describe, expect, it } from "vitest";
import { commandFor, SHORTCUT_HELP } from "@/hooks/use-shortcuts";

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe("keyboard shortcuts", () => {
  it("maps every single key of issue 12", () => {
    const want: Record<string, string> = { c: "compose", r: "reply", a: "replyAll", f: "forward", e: "archive", "#": "delete", "!": "spam", s: "flag", u: "unread", U: "read", x: "select", "/": "search", Escape: "escape", "?": "help" };
    for (const [k, cmd] of Object.entries(want)) expect(commandFor(key(k), false), k).toBe(cmd);
  });

  it("g then i / s / d goes to a folder; other keys after g do nothing", () => {
    expect(commandFor(key("g"), false)).toBe("g");
    expect(commandFor(key("i"), true)).toBe("goInbox");
    expect(commandFor(key("s"), true)).toBe("goSent");
    expect(commandFor(key("d"), true)).toBe("goDrafts");
    expect(commandFor(key("c"), true)).toBeNull();
  });

  it("leaves modified keys to the browser (Ctrl+C copies, ⌘R reloads)", () => {
    expect(commandFor(key("c", { ctrlKey: true }), false)).toBeNull();
    expect(commandFor(key("r", { metaKey: true }), false)).toBeNull();
    expect(commandFor(key("e", { altKey: true }), false)).toBeNull();
  });

  it("the help lists every key it maps", () => {
    const listed = SHORTCUT_HELP.map((s) => s.keys.join(" "));
    for (const k of ["c", "r", "a", "f", "e", "#", "!", "s", "u", "Shift u", "x", "/", "Esc", "g i", "g s", "g d", "Ctrl/⌘ Enter", "j", "k", "?"]) expect(listed).toContain(k);
  });
});
