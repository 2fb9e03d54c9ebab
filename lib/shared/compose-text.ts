// The plain-text alternative and the quoting of replies, without a DOM: the editor's HTML is a small,
// well-formed set of tags (p, br, strong, em, s, u, code, pre, a, ul, ol, li, blockquote, h1-h6, hr).

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", "#39": "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+[0-9]*);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const n = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

interface Frame {
  tag: string;
  /** Counter for <ol>. */
  n: number;
  href?: string;
  linkText?: string;
}

const BLOCK = new Set(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "ul", "ol"]);

/** The editor's HTML as readable plain text: paragraphs, "- "/"1. " lists, "> " quotes, "text <url>" links. */
export function htmlToText(html: string): string {
  const out: { depth: number; text: string }[] = [];
  const stack: Frame[] = [];
  let line = "";
  let lineDepth = 0;
  let gap = false;
  const depth = () => stack.filter((f) => f.tag === "blockquote").length;
  const inPre = () => stack.some((f) => f.tag === "pre");
  const inList = () => stack.some((f) => f.tag === "li");
  const emit = (text: string, d: number) => {
    if (gap && out.length) out.push({ depth: Math.min(out[out.length - 1]!.depth, d), text: "" });
    gap = false;
    out.push({ depth: d, text });
  };
  const flush = (force = false) => {
    if (line.trim() || force) emit(line.replace(/[ \t]+$/, ""), lineDepth);
    line = "";
  };
  const append = (text: string) => {
    if (!line) lineDepth = depth();
    line += text;
  };
  const re = /<(\/?)([a-z0-9]+)([^>]*)>|([^<]+)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    if (m[4] !== undefined) {
      let text = decodeEntities(m[4]);
      if (!inPre()) text = text.replace(/\s+/g, " ");
      if (!line && !inPre()) text = text.replace(/^ /, "");
      if (!text) continue;
      const link = [...stack].reverse().find((f) => f.tag === "a");
      if (link) link.linkText = (link.linkText ?? "") + text;
      const parts = inPre() ? text.split("\n") : [text];
      append(parts[0]!);
      for (const p of parts.slice(1)) {
        flush(true);
        append(p);
      }
      continue;
    }
    const closing = m[1] === "/";
    const tag = m[2]!.toLowerCase();
    const attrs = m[3] ?? "";
    if (tag === "br") {
      if (!line) lineDepth = depth();
      flush(true);
      continue;
    }
    if (tag === "hr") {
      flush();
      gap = true;
      emit("----", depth());
      gap = true;
      continue;
    }
    if (!closing) {
      if (BLOCK.has(tag)) {
        // A paragraph right after a list marker continues the marker's line.
        if (!(inList() && /^\s*(-|\d+\.) $/.test(line))) flush();
        // Blocks are separated by a blank line, except paragraphs and lists inside list items.
        if (!inList()) gap = true;
      }
      const frame: Frame = { tag, n: 0 };
      if (tag === "a") frame.href = decodeEntities(/href="([^"]*)"/i.exec(attrs)?.[1] ?? "");
      if (tag === "ol") frame.n = Number(/start="(\d+)"/i.exec(attrs)?.[1] ?? 1) - 1;
      stack.push(frame);
      if (tag === "li") {
        flush();
        const lists = stack.filter((f) => f.tag === "ul" || f.tag === "ol");
        const list = lists[lists.length - 1];
        const indent = "   ".repeat(Math.max(lists.length - 1, 0));
        append(list?.tag === "ol" ? `${indent}${++list.n}. ` : `${indent}- `);
      }
      continue;
    }
    // Closing tag: pop to the matching frame (tolerates sloppy nesting).
    let at = stack.length - 1;
    while (at >= 0 && stack[at]!.tag !== tag) at--;
    if (at < 0) continue;
    const frame = stack[at]!;
    if (tag === "a" && frame.href && /^(https?:|mailto:)/i.test(frame.href)) {
      const shown = (frame.linkText ?? "").trim();
      if (shown !== frame.href && shown !== frame.href.replace(/^mailto:/i, "")) append(` <${frame.href}>`);
    }
    if (BLOCK.has(tag) || tag === "li") flush();
    stack.length = at;
    if (BLOCK.has(tag) && !inList()) gap = true;
  }
  flush();
  const lines = out.map((l) => (l.depth ? `${"> ".repeat(l.depth)}${l.text}`.trimEnd() : l.text));
  while (lines.length && !lines[lines.length - 1]!.trim()) lines.pop();
  return lines.length ? lines.join("\n") + "\n" : "";
}

/** Plain text as editor paragraphs (one <p> per line, blank lines kept as empty paragraphs). */
export function textToHtml(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").replace(/\n+$/, "").split("\n");
  return lines.map((l) => (l.trim() ? `<p>${escapeHtml(l)}</p>` : "<p></p>")).join("");
}

/** Lines of plain text, each prefixed "> " (">" alone for an empty line), the way mail clients quote. */
export function quoteText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\n+$/, "")
    .split("\n")
    .map((l) => (l ? `> ${l}` : ">"))
    .join("\n");
}

/** The attribution line above a quote: "On 26 Nov 2026 at 12:00, Alice wrote:". */
export function attribution(date: Date, name: string): string {
  const d = date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const t = date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC", hour12: false });
  return `On ${d} at ${t} UTC, ${name} wrote:`;
}

/** The editor's starting content for a reply: an empty line, the attribution, the original in a blockquote. */
export function replyHtml(opts: { date: Date; name: string; text: string }): string {
  return `<p></p><p>${escapeHtml(attribution(opts.date, opts.name))}</p><blockquote>${textToHtml(opts.text)}</blockquote>`;
}

/** The editor's starting content for an inline forward: the original's header block and its text. */
export function forwardHtml(opts: { from: string; date: Date; subject: string; to: string; cc?: string; text: string }): string {
  const rows = [
    "---------- Forwarded message ----------",
    `From: ${opts.from}`,
    `Date: ${opts.date.toUTCString()}`,
    `Subject: ${opts.subject}`,
    `To: ${opts.to}`,
    ...(opts.cc ? [`Cc: ${opts.cc}`] : []),
  ];
  return `<p></p><p>${rows.map(escapeHtml).join("<br>")}</p>${textToHtml(opts.text)}`;
}
