// Reads the corpus: every e2e/corpus/messages/<group>/<name>.eml with its <name>.json expectations.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface CorpusExpect {
  subject?: string;
  visible?: string[];
  notVisible?: string[];
  attachments?: string[];
  warnings?: string[];
  invite?: string;
}

export interface CorpusEntry {
  id: string;
  raw: Buffer;
  expect: CorpusExpect;
}

export const CORPUS_DIR = join(__dirname, "messages");

/** Every file in the corpus as "<group>/<file>", sorted. */
export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(CORPUS_DIR, d.name)).map((f) => `${d.name}/${f}`))
    .sort();
}

export function loadCorpus(): CorpusEntry[] {
  return corpusFiles()
    .filter((f) => f.endsWith(".eml"))
    .map((f) => {
      const id = f.slice(0, -4);
      return { id, raw: readFileSync(join(CORPUS_DIR, f)), expect: JSON.parse(readFileSync(join(CORPUS_DIR, `${id}.json`), "utf8")) as CorpusExpect };
    });
}
