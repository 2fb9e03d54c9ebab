// Writes the hand-written corpus: e2e/corpus/messages/own-*/<name>.eml and <name>.json.
// Run: npx tsx e2e/corpus/gen/index.ts   (its output is committed; the e2e spec reads the files only)
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { attachments, forwarded, parts, tnefAndCalendar } from "./mime-groups";
import { charsets, direction, names, newsletters, plain, quotes, senders } from "./text-groups";
import { gaps } from "./gap-groups";

const root = join(__dirname, "..", "messages");
const all = [forwarded, parts, attachments, tnefAndCalendar, charsets, names, senders, direction, quotes, newsletters, plain, gaps].flatMap((f) => f());
for (const m of all) {
  const dir = join(root, m.group);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${m.name}.eml`), m.raw);
  writeFileSync(join(dir, `${m.name}.json`), JSON.stringify(m.expect, null, 2) + "\n");
}
console.log(`${all.length} messages written`);
