import { describe, expect, it } from "vitest";
import { PerKeyLimit } from "@/lib/api/per-key-limit";

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
};
const refuse = (why: "key" | "keys") => new Error(`refused: ${why}`);

describe("PerKeyLimit", () => {
  it("refuses a key's job past its limit while the others run, and takes it again once one ends", async () => {
    const limit = new PerKeyLimit(2, 10);
    const g = gate();
    const a = limit.run("ana", () => g.opened.then(() => 1), refuse);
    const b = limit.run("ana", () => g.opened.then(() => 2), refuse);
    await expect(limit.run("ana", async () => 3, refuse)).rejects.toThrow("refused: key");
    // Another key is not held up.
    await expect(limit.run("ben", async () => 4, refuse)).resolves.toBe(4);
    g.open();
    await expect(Promise.all([a, b])).resolves.toEqual([1, 2]);
    await expect(limit.run("ana", async () => 5, refuse)).resolves.toBe(5);
    expect(limit.size()).toBe(0);
  });

  it("holds at most maxKeys keys, and drops a key whose job failed", async () => {
    const limit = new PerKeyLimit(1, 2);
    const g = gate();
    const running = [limit.run("a", () => g.opened, refuse), limit.run("b", () => g.opened, refuse)];
    await expect(limit.run("c", async () => 1, refuse)).rejects.toThrow("refused: keys");
    g.open();
    await Promise.all(running);
    await expect(limit.run("c", async () => { throw new Error("boom"); }, refuse)).rejects.toThrow("boom");
    expect(limit.size()).toBe(0);
  });
});
