// Splits plain text into text and link segments for rendering as React elements (never as HTML).
// Only http:, https: and mailto: become links: anything else (javascript:, data:, ftp:, …) stays text.

export interface LinkifySegment {
  kind: "text" | "link";
  text: string;
  /** Present for links; always starts with http://, https:// or mailto:. */
  href?: string;
}

// Not preceded by a word character, "@", "/" or "." so "xhttp://" or "a.https://" inside a word is left alone.
const CANDIDATE = /(?<![\w@/.])(?:https?:\/\/|mailto:)[^\s<>"'`]+/gi;
const ALLOWED = /^(?:https?:\/\/[^/?#\s]+|mailto:[^\s]+)/i;
// Sentence punctuation that ends a sentence more often than it ends a URL.
const TRAILING = /[.,;:!?*_~'"»”’…]$/;

function trimTrailing(candidate: string): string {
  let url = candidate;
  for (;;) {
    if (TRAILING.test(url)) {
      url = url.slice(0, -1);
      continue;
    }
    const last = url.at(-1);
    const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{", ">": "<" };
    if (last && last in pairs) {
      // Keep a closing bracket only when it balances one inside the URL, as in Wikipedia's "Foo_(bar)".
      const open = pairs[last];
      const opens = url.split(open).length - 1;
      const closes = url.split(last).length - 1;
      if (closes > opens) {
        url = url.slice(0, -1);
        continue;
      }
    }
    return url;
  }
}

export function linkify(text: string): LinkifySegment[] {
  const segments: LinkifySegment[] = [];
  let cursor = 0;
  const pushText = (value: string) => {
    if (!value) return;
    const prev = segments.at(-1);
    if (prev && prev.kind === "text") prev.text += value;
    else segments.push({ kind: "text", text: value });
  };

  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index ?? 0;
    const url = trimTrailing(match[0]);
    if (!ALLOWED.test(url)) continue;
    pushText(text.slice(cursor, start));
    segments.push({ kind: "link", text: url, href: url });
    cursor = start + url.length;
  }
  pushText(text.slice(cursor));
  return segments;
}
