import { describe, expect, it } from "vitest";
import { FULL_RIGHTS, isReadOnly, parseRights, rightsHint, rightsOf } from "@/lib/shared/rights";

describe("folder rights", () => {
  it("reads RFC 4314 MYRIGHTS: lr is read-only, lrswipte allows flags, moves and deletes", () => {
    const ro = parseRights("lr");
    expect(ro).toMatchObject({ read: true, seen: false, write: false, insert: false, delete: false, create: false, admin: false, raw: "lr" });
    expect(isReadOnly(ro)).toBe(true);
    expect(rightsHint(ro)).toBe("You have read-only access to this folder");
    const rw = parseRights("lrswipte");
    expect(rw).toMatchObject({ seen: true, write: true, insert: true, delete: true, admin: false });
    expect(isReadOnly(rw)).toBe(false);
  });
  it("delete needs both t and e (or RFC 2086's d); bob's lrs may only mark read", () => {
    expect(parseRights("lrt").delete).toBe(false);
    expect(parseRights("lrd").delete).toBe(true);
    const bob = parseRights("lrs");
    expect([bob.seen, bob.write, bob.delete]).toEqual([true, false, false]);
  });
  it("a folder without rights from the server is the user's own: everything allowed", () => {
    expect(rightsOf(undefined)).toBe(FULL_RIGHTS);
    expect(rightsOf({ rights: parseRights("lr") } as never).write).toBe(false);
  });
});
