import { describe, expect, it } from "vitest";
import { addressesInName, checkSenders, DECOY_NAME_WARNING, domainMixesScripts, domainToAscii, SEVERAL_FROM_WARNING } from "@/lib/shared/sender-check";

const one = (name: string, address: string) => checkSenders([{ name, address }]);

describe("display names that show another address", () => {
  it.each([
    ["support@paypal.com", "x@evil.example"],
    ["PayPal <service@paypal.com>", "x@evil.example"],
    ["service＠paypal.com", "x@evil.example"],
    ["billing (at) bank.example", "x@evil.example"],
    ["billing [at] bank.example", "x@evil.example"],
    ["service@paypal.com via x@evil.example", "x@evil.example"],
  ])("warns for %j sent from %s", (name, address) => {
    expect(one(name, address).warnings).toEqual([DECOY_NAME_WARNING]);
  });

  it.each([
    ["Ann Example", "ann@example.com"],
    ["ann@example.com", "ann@example.com"],
    ["ANN@Example.com", "ann@example.com"],
    ["Meet at 5 at the café", "ann@example.com"],
    ["", "ann@example.com"],
  ])("is quiet for %j sent from %s", (name, address) => {
    expect(one(name, address).warnings).toEqual([]);
  });

  it("finds address-looking strings", () => {
    expect(addressesInName("Bob (bob@x.org)")).toEqual(["bob@x.org"]);
    expect(addressesInName("Bob Smith")).toEqual([]);
  });

  it("skips the Unicode work for plain-ASCII names and still finds every dressed-up form in them", () => {
    for (const [name, found] of [
      ["ann (at) evil.example", ["ann@evil.example"]],
      ["ann [AT] evil.example", ["ann@evil.example"]],
      ["ann{at}evil.example", ["ann@evil.example"]],
      ["ann\tat\tevil.example", ["ann@evil.example"]],
      ["Support <help@evil.example>", ["help@evil.example"]],
      ["Kate Patterson", []],
      ["Natalia at home", []],
    ] as const) expect(addressesInName(name), name).toEqual(found);
    // The same answers as the full rules (NFKC, invisible characters, the pattern) on random ASCII names.
    const full = (name: string) =>
      [...name.normalize("NFKC").matchAll(/([^\s<>()[\]"',;:@]+)\s*(?:@|\(at\)|\[at\]|\{at\}|\s+at\s+)\s*([^\s<>()[\]"',;:@]+\.[^\s<>()[\]"',;:@.]{2,})/giu)].map((m) => `${m[1]}@${m[2]}`.toLowerCase().replace(/\.+$/, ""));
    const alphabet = "ab@. ()[]{}tAT\t-x";
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const name = Array.from({ length: 4 + Math.floor(next() * 20) }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
      expect(addressesInName(name), JSON.stringify(name)).toEqual(full(name));
    }
  });
});

describe("several From headers", () => {
  it("shows all with a warning", () => {
    const out = checkSenders([{ name: "Bank", address: "service@bank.example" }, { name: "", address: "thief@evil.example" }], 2);
    expect(out.senders.map((s) => s.address)).toEqual(["service@bank.example", "thief@evil.example"]);
    expect(out.warnings).toEqual([SEVERAL_FROM_WARNING]);
  });
});

describe("internationalised domains", () => {
  it("shows punycode for a domain mixing Latin and Cyrillic", () => {
    const out = one("PayPal", "service@p\u0430ypal.com"); // Cyrillic а
    expect(out.senders[0].asciiAddress).toBe("service@xn--pypal-4ve.com");
    expect(out.warnings[0]).toContain("xn--pypal-4ve.com");
  });

  it("leaves single-script and Japanese domains alone", () => {
    expect(domainMixesScripts("bücher.de")).toBe(false);
    expect(domainMixesScripts("пример.рф")).toBe(false);
    expect(domainMixesScripts("日本語ドメイン.jp")).toBe(false);
    expect(domainMixesScripts("g\u03bfogle.com")).toBe(true); // Greek ο
    expect(one("", "a@bücher.de")).toMatchObject({ warnings: [], senders: [{ asciiAddress: null }] });
  });

  it("converts to ASCII", () => {
    expect(domainToAscii("bücher.de")).toBe("xn--bcher-kva.de");
    expect(domainToAscii("bad host")).toBeNull();
  });
});
