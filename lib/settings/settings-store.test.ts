import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { PgSettingsStore, SqliteSettingsStore, setSettingsStore, type SettingsStore } from "@/lib/settings/settings-store";
import { SqliteIdentityStore, setIdentityStore } from "@/lib/settings/identity-store";
import { getSettings, saveSettings } from "@/lib/settings/account-settings";
import { getIdentity } from "@/lib/compose/identity";
import { defaultSettings, mergeSettings } from "@/lib/shared/settings";
import { TEST_PG_URL, dropTestSchemas, freshPg } from "@/test/pg";

const backends = [
  { name: "SqliteSettingsStore", run: true, open: (): SettingsStore => new SqliteSettingsStore(new Database(":memory:")) },
  { name: TEST_PG_URL ? "PgSettingsStore" : "PgSettingsStore (skipped: TEST_DATABASE_URL unset)", run: !!TEST_PG_URL, open: (): SettingsStore => new PgSettingsStore(freshPg()) },
];

afterEach(async () => {
  setSettingsStore(null);
  setIdentityStore(null);
  await dropTestSchemas();
});

describe.each(backends)("$name", ({ open, run }) => {
  it.runIf(run)("starts from the defaults, keeps a partial change per account, and shares the From name with the identity store", async () => {
    setSettingsStore(open());
    setIdentityStore(new SqliteIdentityStore(new Database(":memory:")));
    expect(await getSettings("t301@example.test", "Tess")).toEqual(defaultSettings("Tess"));

    const saved = await saveSettings("T301@example.test", "Tess", { theme: "dark", density: "compact", undoSendSeconds: 10 });
    expect(saved).toMatchObject({ theme: "dark", density: "compact", undoSendSeconds: 10, readingPane: "right", conversations: false });
    expect(await getSettings("t301@example.test", "Tess")).toEqual(saved);
    expect(await getSettings("t302@example.test", "t302@example.test")).toEqual(defaultSettings(""));

    await saveSettings("t301@example.test", "Tess", {
      identities: [
        { id: "default", name: "  Tess  Support ", signature: "Tess\r\nSupport desk" },
        { id: "sales", name: "Tess (Sales)", signature: "" },
      ],
    });
    const after = await getSettings("t301@example.test", "Tess");
    expect(after.theme).toBe("dark");
    expect(after.identities).toEqual([
      { id: "default", name: "Tess Support", signature: "Tess\nSupport desk" },
      { id: "sales", name: "Tess (Sales)", signature: "" },
    ]);
    // The default identity is the From name used when sending (lib/compose/identity.ts).
    expect(await getIdentity("t301@example.test", "Tess")).toEqual({ fromName: "Tess Support" });
  });

  it.runIf(run)("refuses what does not validate and changes nothing", async () => {
    setSettingsStore(open());
    setIdentityStore(new SqliteIdentityStore(new Database(":memory:")));
    for (const bad of [{ theme: "neon" }, { undoSendSeconds: 31 }, { timeZone: "Mars/Olympus" }, { identities: [] }, { extra: 1 }, null]) {
      await expect(saveSettings("t303@example.test", "", bad)).rejects.toThrow();
    }
    expect(await getSettings("t303@example.test", "")).toEqual(defaultSettings(""));
    expect((await saveSettings("t303@example.test", "", { timeZone: "Europe/Berlin", dateFormat: "ymd" })).timeZone).toBe("Europe/Berlin");
  });
});

describe("mergeSettings", () => {
  it("keeps what still validates from a stored document and drops the rest", () => {
    expect(mergeSettings(defaultSettings("A"), { theme: "light", density: "tiny", gone: 1 })).toEqual({ ...defaultSettings("A"), theme: "light" });
    expect(mergeSettings(defaultSettings("A"), "garbage")).toEqual(defaultSettings("A"));
  });
});
