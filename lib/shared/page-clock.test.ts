import { describe, expect, it } from "vitest";
import { encodeClock, parseClock } from "@/lib/shared/page-clock";

describe("the reader's clock cookie", () => {
  it("reads back what the browser wrote", () => {
    const clock = { zone: "Europe/Berlin", locale: "en-GB" };
    expect(parseClock(encodeClock(clock))).toEqual(clock);
    expect(parseClock(encodeClock({ zone: "America/Argentina/Buenos_Aires", locale: "es-419" }))).toEqual({ zone: "America/Argentina/Buenos_Aires", locale: "es-419" });
  });

  it("refuses anything it could not format with", () => {
    for (const bad of [
      undefined,
      "",
      "Europe%2FBerlin", // no locale
      encodeClock({ zone: "Mars/Olympus", locale: "en-GB" }),
      encodeClock({ zone: "", locale: "en-GB" }), // "" means "the browser's own" in Settings, not a zone
      encodeClock({ zone: "Europe/Berlin", locale: "not a locale" }),
      encodeClock({ zone: "Europe/Berlin", locale: "en-GB" }) + "%7Cextra",
      "%E0%A4%A", // not decodable
      "x".repeat(200),
    ]) {
      expect(parseClock(bad), String(bad)).toBeNull();
    }
  });
});
