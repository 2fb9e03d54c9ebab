import { describe, expect, it } from "vitest";
import { corpusFiles, loadCorpus } from "../e2e/corpus/load";

// The corpus (e2e/corpus/messages) is the proof for issue 10: every message needs its expectations, and it must not shrink.
describe("message corpus", () => {
  const files = corpusFiles();
  const stems = (ext: string) => new Set(files.filter((f) => f.endsWith(ext)).map((f) => f.slice(0, -ext.length)));

  it("has a .json expectation file for every .eml, and no orphan .json", () => {
    const eml = stems(".eml");
    const json = stems(".json");
    expect([...eml].filter((s) => !json.has(s))).toEqual([]);
    expect([...json].filter((s) => !eml.has(s))).toEqual([]);
  });

  it("holds at least 150 messages", () => {
    expect(stems(".eml").size).toBeGreaterThanOrEqual(150);
  });

  it("every expectation file parses and expects something a person can check", () => {
    for (const { id, expect: e } of loadCorpus()) {
      const keys = Object.keys(e).filter((k) => !["subject", "visible", "notVisible", "attachments", "warnings", "invite"].includes(k));
      expect(keys, id).toEqual([]);
    }
  });
});
