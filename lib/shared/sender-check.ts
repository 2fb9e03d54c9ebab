// Senders that cannot lie: what the reading pane says about a From line, as pure rules. Browser-safe.
import type { Address } from "@/lib/shared/types";

export const DECOY_NAME_WARNING = "The name shows a different address than the one this was sent from";
export const SEVERAL_FROM_WARNING = "This message has several From headers. All of them are shown: any of them may be forged.";

export function mixedScriptWarning(domain: string, ascii: string): string {
  return `The sender's domain ${domain} mixes alphabets, a trick used to imitate other addresses. Its plain form is ${ascii}.`;
}

export interface SenderView {
  name: string;
  address: string;
  /** The address with its domain in punycode, set when the domain mixes scripts. */
  asciiAddress: string | null;
}

export interface SenderCheck {
  senders: SenderView[];
  /** Warnings in words, in the order they should be shown. */
  warnings: string[];
}

// "user@host.tld", and the dressed-up forms people are fooled by: "user(at)host.tld", "user [at] host.tld", "user at host.tld".
const ADDRESS_LIKE = /([^\s<>()[\]"',;:@]+)\s*(?:@|\(at\)|\[at\]|\{at\}|\s+at\s+)\s*([^\s<>()[\]"',;:@]+\.[^\s<>()[\]"',;:@.]{2,})/giu;

const NON_ASCII = /[^\x00-\x7f]/;
// The separators ADDRESS_LIKE accepts, as they can appear in ASCII.
const ASCII_AT = /@|\(at\)|\[at\]|\{at\}|\sat\s/i;

/** Addresses (or address-looking strings) inside a display name, normalised for comparison. */
export function addressesInName(name: string): string[] {
  // Every list row asks (issue 13: ~50 rows per search or switch): a plain-ASCII name without "@", "(at)",
  // "[at]", "{at}" or " at " cannot match, and NFKC and the invisible characters concern non-ASCII only.
  if (!NON_ASCII.test(name) && !ASCII_AT.test(name)) return [];
  // NFKC folds full-width "＠" and other look-alike forms into the ASCII they imitate.
  const folded = name.normalize("NFKC").replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "");
  const out: string[] = [];
  for (const m of folded.matchAll(ADDRESS_LIKE)) out.push(`${m[1]}@${m[2]}`.toLowerCase().replace(/\.+$/, ""));
  return out;
}

const SCRIPTS: Array<[string, RegExp]> = [
  ["Latin", /\p{Script=Latin}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Armenian", /\p{Script=Armenian}/u],
  ["Georgian", /\p{Script=Georgian}/u],
  ["Hebrew", /\p{Script=Hebrew}/u],
  ["Arabic", /\p{Script=Arabic}/u],
  ["Thai", /\p{Script=Thai}/u],
  ["Devanagari", /\p{Script=Devanagari}/u],
  ["Cherokee", /\p{Script=Cherokee}/u],
  ["Han", /\p{Script=Han}/u],
  ["Hiragana", /\p{Script=Hiragana}/u],
  ["Katakana", /\p{Script=Katakana}/u],
  ["Hangul", /\p{Script=Hangul}/u],
];

// Script sets that belong together in one label (UTS #39's "highly restrictive" profile).
const ALLOWED = [new Set(["Latin", "Han", "Hiragana", "Katakana"]), new Set(["Latin", "Han", "Hangul"]), new Set(["Latin", "Han"])];

/** The scripts a domain label's letters are written in (Common and Inherited characters count for none). */
export function scriptsOf(label: string): Set<string> {
  const found = new Set<string>();
  for (const ch of label) {
    const hit = SCRIPTS.find(([, re]) => re.test(ch));
    if (hit) found.add(hit[0]);
  }
  return found;
}

/** True when some label of the domain mixes scripts in a way no language does (e.g. Latin with one Cyrillic "а"). */
export function domainMixesScripts(domain: string): boolean {
  return domain.split(".").some((label) => {
    const s = scriptsOf(label);
    return s.size > 1 && !ALLOWED.some((ok) => [...s].every((x) => ok.has(x)));
  });
}

/** The domain in punycode (the WHATWG URL parser does IDNA, in the browser and in Node alike); null when it is no valid host. */
export function domainToAscii(domain: string): string | null {
  try {
    return new URL(`http://${domain}/`).hostname || null;
  } catch {
    return null;
  }
}

/** Every From address with what the reader must be told about it. */
export function checkSenders(from: Address[], fromHeaders = from.length ? 1 : 0): SenderCheck {
  const warnings: string[] = [];
  const senders = from.map((a): SenderView => {
    const at = a.address.lastIndexOf("@");
    const domain = at >= 0 ? a.address.slice(at + 1) : "";
    let asciiAddress: string | null = null;
    if (domain && /[^\x00-\x7f]/.test(domain) && domainMixesScripts(domain)) {
      const ascii = domainToAscii(domain);
      if (ascii && ascii !== domain.toLowerCase()) {
        asciiAddress = `${a.address.slice(0, at)}@${ascii}`;
        warnings.push(mixedScriptWarning(domain, ascii));
      }
    }
    const real = a.address.toLowerCase();
    if (addressesInName(a.name).some((x) => x !== real)) warnings.push(DECOY_NAME_WARNING);
    return { name: a.name, address: a.address, asciiAddress };
  });
  if (fromHeaders > 1) warnings.unshift(SEVERAL_FROM_WARNING);
  return { senders, warnings: [...new Set(warnings)] };
}

/**
 * The warning a message list row shows for its sender, or null: the same rules as the reading pane
 * (decoy address in the name, several From headers, mixed-script domain), first warning only.
 */
export function rowSenderWarning(m: { from: Address | null; fromAll?: Address[]; fromHeaders?: number }): string | null {
  const from = m.fromAll?.length ? m.fromAll : m.from ? [m.from] : [];
  return checkSenders(from, m.fromHeaders ?? (from.length ? 1 : 0)).warnings[0] ?? null;
}
