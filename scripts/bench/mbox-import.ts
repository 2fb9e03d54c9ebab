/**
 * The mbox importer on hostile input: a 64 MB mbox whose largest line is 32 MB (one message with a
 * 32 MB line, the rest ordinary 1 MB messages of 80-byte lines). Imported by
 * scripts/bench/mbox-import-worker.ts in its own process (import "server-only" needs the react-server
 * condition), which reports the import's time and the longest event-loop stall meanwhile. Every
 * message's blob hash must equal the hash of the bytes written into the mbox (byte-identical import).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { round } from "./stats";
import { log } from "./stack";

const MB = 1024 * 1024;

export interface MboxImportResult {
  description: string;
  file_mb: number;
  largest_line_mb: number;
  messages: number;
  import_seconds: number;
  longest_stall_ms: number;
  byte_identical: boolean;
  targets: { import_seconds: { max: number; source: "issue 9" }; longest_stall_ms: { max: number; source: "issue 9" } };
  pass: boolean;
}

/** Writes the mbox and returns the sha256 of each message's bytes, in order. */
async function writeMbox(file: string, totalMb: number, longLineMb: number): Promise<string[]> {
  const out = createWriteStream(file);
  const write = (b: Buffer | string) => new Promise<void>((resolve) => (out.write(b) ? resolve() : out.once("drain", () => resolve())));
  const hashes: string[] = [];
  const message = async (head: string, body: Buffer[]) => {
    const h = createHash("sha256").update(head);
    await write(`From bench@example.test Thu Jan  1 00:00:00 1970\n${head}`);
    for (const b of body) {
      h.update(b);
      await write(b);
    }
    await write("\n"); // the blank line an exporter puts between messages (the body ends in "\n")
    hashes.push(h.digest("hex"));
  };
  const line = Buffer.alloc(MB, "A");
  await message("From: long@example.test\nSubject: one long line\n\n", [...Array.from({ length: longLineMb }, () => line), Buffer.from("\nend\n")]);
  const body = Buffer.alloc(MB, "b");
  for (let j = 79; j < body.length; j += 80) body[j] = 0x0a;
  body[body.length - 1] = 0x0a;
  for (let i = 0; i < totalMb - longLineMb; i++) await message(`From: bulk@example.test\nSubject: bulk ${i}\n\n`, [body]);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return hashes;
}

export async function benchMboxImport(opts: { project: string; totalMb?: number; longLineMb?: number }): Promise<MboxImportResult> {
  const totalMb = opts.totalMb ?? 64;
  const longLineMb = opts.longLineMb ?? 32;
  const dir = mkdtempSync(path.join(os.tmpdir(), "mailroom-bench-mbox-"));
  try {
    const file = path.join(dir, "big.mbox");
    const want = await writeMbox(file, totalMb, longLineMb);
    log(`  mbox: wrote ${totalMb} MB (largest line ${longLineMb} MB), importing`);
    const started = performance.now();
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/bench/mbox-import-worker.ts", file, path.join(dir, "data")], {
        cwd: opts.project,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, NODE_OPTIONS: "", MAILROOM_DATA_DIR: path.join(dir, "data"), MAILROOM_LOG_LEVEL: "error", IMAP_HOST: process.env.IMAP_HOST || "127.0.0.1", NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || "mailroom-bench-only-secret-0123456789abcdef" },
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (b: Buffer) => (out += b.toString()));
      child.stderr.on("data", (b: Buffer) => (err += b.toString()));
      child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`mbox import worker exited ${code}: ${err.slice(-2000)}`))));
    });
    log(`  mbox: worker done in ${round((performance.now() - started) / 1000, 1)} s (process start included)`);
    const res = JSON.parse(output.trim().split("\n").at(-1)!) as { imported: number; ms: number; stall_ms: number; hashes: string[] };
    const identical = res.imported === want.length && [...res.hashes].sort().join() === [...want].sort().join();
    const seconds = round(res.ms / 1000, 2);
    const stall = round(res.stall_ms, 1);
    return {
      description: `import of a ${totalMb} MB mbox whose largest line is ${longLineMb} MB; longest event-loop stall during it`,
      file_mb: totalMb,
      largest_line_mb: longLineMb,
      messages: res.imported,
      import_seconds: seconds,
      longest_stall_ms: stall,
      byte_identical: identical,
      targets: { import_seconds: { max: 5, source: "issue 9" }, longest_stall_ms: { max: 100, source: "issue 9" } },
      pass: identical && seconds < 5 && stall <= 100,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
