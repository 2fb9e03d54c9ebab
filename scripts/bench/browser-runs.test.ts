import type { Browser } from "@playwright/test";
import { describe, expect, it } from "vitest";
import type { Driver } from "./browser-drivers";
import type { AppName, StepTiming } from "./browser-plan";
import { runMailbox, TARGET_STEPS } from "./browser-runs";
import type { MailboxTargets } from "./browser-targets";

const targets: MailboxTargets = {
  user: "bulk@example.test",
  inbox_messages: 10,
  newest_subject: "Newest #10",
  folder: "Archive",
  folder_messages: 3,
  folder_newest_subject: "Archived #3",
  open: [1, 2, 3].map((i) => ({ uid: i, subject: `Open #${i}`, sentence: `Sentence ${i}.` })),
  search_term: "737",
  search_first_subject: "Found #737",
  search_matches: { mailroom: 1, roundcube: 1 },
  oldest_subject: "Oldest #1",
  oldest_page_subjects: ["Oldest #1", "Oldest #2"],
};

// A browser whose pages never make a request: the drivers below never touch them.
const fakeBrowser = { newContext: async () => ({ newPage: async () => ({ on: () => undefined }), close: async () => undefined }) } as unknown as Browser;

// The harness's own cost in the fake's wall clock: the in-page time is the step itself.
const HARNESS_MS = 40;
const timing = (ms: number | null): StepTiming | null => (ms === null ? null : { wall_ms: ms + HARNESS_MS, inpage_ms: ms });

/** A driver answering each step with fixed in-page milliseconds (null: "timed out"), and recording what it was asked. */
function fakeDriver(app: AppName, ms: Partial<Record<string, number | null>>, calls: string[]): Driver {
  const step = (name: string) => async () => {
    calls.push(`${app}:${name}`);
    return timing(name in ms ? ms[name]! : 10);
  };
  return {
    app,
    url: `http://${app}`,
    openSignIn: async () => void calls.push(`${app}:openSignIn`),
    signIn: step("signIn"),
    openMessage: async (_p, m) => (calls.push(`${app}:open ${m.subject}`), timing(ms.open === undefined ? 10 : ms.open)),
    switchFolder: async (_p, folder) => (calls.push(`${app}:switch ${folder}`), timing(folder === "INBOX" ? 5 : 20)),
    search: step("search"),
    jumpOldest: step("jump"),
    reset: async () => void calls.push(`${app}:reset`),
    ready: async () => void calls.push(`${app}:ready`),
  };
}

describe("runMailbox", () => {
  it("runs every step for both apps in A/B order, opens a different message each run and summarises per step", async () => {
    const calls: string[] = [];
    const drivers = { mailroom: fakeDriver("mailroom", { signIn: 100, open: 40 }, calls), roundcube: fakeDriver("roundcube", { signIn: 600, open: 100 }, calls) };
    const r = await runMailbox({ browser: fakeBrowser, drivers, creds: { email: "x", password: "y" }, targets, runs: 2, warmups: 1, deadlineS: 20, mayTimeOut: () => false, log: () => undefined, quietMs: 0 });
    expect(r.order).toEqual(["warm-up:mailroom", "warm-up:roundcube", "1:roundcube", "1:mailroom", "2:mailroom", "2:roundcube"]);
    expect(r.steps.sign_in_first_page.inpage.mailroom.samples_ms).toEqual([100, 100]);
    expect(r.steps.sign_in_first_page.wall.mailroom.samples_ms).toEqual([140, 140]);
    // The verdict is on the in-page ratio (100/600); the wall-clock one (140/640) stays next to it.
    expect(r.steps.sign_in_first_page).toMatchObject({ ratio: 0.167, meets_5x: true, wall_ratio: 0.219, meets_5x_wall: false });
    expect(r.steps.open_message).toMatchObject({ ratio: 0.4, meets_5x: false });
    expect(r.steps.switch_back.inpage.mailroom.median_ms).toBe(5);
    expect(r.steps.switch_back.wall.mailroom.median_ms).toBe(45);
    expect(r.meets_5x_all).toBe(false);
    expect(r.meets_5x_all_wall).toBe(false);
    expect(Object.keys(r.steps)).toEqual(expect.arrayContaining(TARGET_STEPS));
    const opened = calls.filter((c) => c.startsWith("mailroom:open ")).map((c) => c.slice("mailroom:open ".length));
    expect(opened).toEqual(["Open #1", "Open #2", "Open #3"]);
    // Every action waits until the app takes clicks; the search is followed by a reload of the inbox.
    const one = calls.slice(0, calls.indexOf("mailroom:jump") + 1);
    expect(one).toEqual([
      "mailroom:openSignIn", "mailroom:ready", "mailroom:signIn",
      "mailroom:ready", "mailroom:open Open #1",
      "mailroom:ready", "mailroom:switch Archive", "mailroom:ready", "mailroom:switch INBOX",
      "mailroom:ready", "mailroom:search", "mailroom:reset",
      "mailroom:ready", "mailroom:jump",
    ]);
  });

  it("reports a Roundcube step that never finishes as null with the deadline, not as a number", async () => {
    const calls: string[] = [];
    const drivers = { mailroom: fakeDriver("mailroom", {}, calls), roundcube: fakeDriver("roundcube", { search: null }, calls) };
    const r = await runMailbox({ browser: fakeBrowser, drivers, creds: { email: "x", password: "y" }, targets, runs: 3, warmups: 0, deadlineS: 30, mayTimeOut: (a) => a === "roundcube", log: () => undefined, quietMs: 0 });
    expect(r.steps.search.wall.roundcube).toMatchObject({ samples_ms: [null, null, null], median_ms: null, timed_out: 3, note: "timed out after 30 s in 3 of 3 runs" });
    expect(r.steps.search.ratio).toBeNull();
    expect(r.steps.search.meets_5x).toBeNull();
    // The page is reloaded after the failed search and the jump still runs.
    expect(calls.filter((c) => c === "roundcube:jump")).toHaveLength(3);
  });

  it("stops the bench when a Mailroom step never finishes (broken app or stale selectors), instead of reporting it", async () => {
    const drivers = { mailroom: fakeDriver("mailroom", { jump: null }, []), roundcube: fakeDriver("roundcube", {}, []) };
    await expect(
      runMailbox({ browser: fakeBrowser, drivers, creds: { email: "x", password: "y" }, targets, runs: 2, warmups: 0, deadlineS: 20, mayTimeOut: (a) => a === "roundcube", log: () => undefined, quietMs: 0 }),
    ).rejects.toThrow(/mailroom: step jump_oldest did not finish within 20 s in 2 of 2 runs/);
  });
});
