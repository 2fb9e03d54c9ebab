/**
 * Resident memory of a process tree, read from /proc: the sum of VmRSS over a root process and all
 * of its descendants (`next start` runs the server in a child process, so the root alone is not it).
 */
import { readdirSync, readFileSync } from "node:fs";

const MIB = 1024 * 1024;

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    // The command name is in parentheses and may contain spaces; fields after it are fixed.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(rest[1]);
  } catch {
    return null;
  }
}

/** The root and every live descendant, found by walking the parent links of all processes. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const ppid = parentOf(pid);
    if (ppid === null) continue;
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

function rssBytes(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, "latin1"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0; // exited between listing and reading
  }
}

export function treeRssBytes(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + rssBytes(pid), 0);
}

export interface RssSummary {
  samples: number;
  peak_mb: number;
  median_mb: number;
  pids: number[];
}

/**
 * Samples the tree's RSS on a timer. The set of pids is refreshed about once a second rather than on
 * every tick, so sampling stays cheap while the download under test competes for the same two cores.
 */
export class RssSampler {
  private values: number[] = [];
  private pids: number[];
  private timer: NodeJS.Timeout | null = null;
  private ticks = 0;

  constructor(
    private readonly root: number,
    private readonly intervalMs: number,
  ) {
    this.pids = processTree(root);
  }

  sample(): number {
    if (++this.ticks % Math.max(1, Math.round(1000 / this.intervalMs)) === 0) this.pids = processTree(this.root);
    const v = treeRssBytes(this.pids);
    this.values.push(v);
    return v;
  }

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  stop(): RssSummary {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    const sorted = [...this.values].sort((a, b) => a - b);
    return {
      samples: sorted.length,
      peak_mb: toMb(sorted[sorted.length - 1] ?? 0),
      median_mb: toMb(sorted[sorted.length >> 1] ?? 0),
      pids: [...this.pids],
    };
  }
}

export function toMb(bytes: number): number {
  return Math.round((bytes / MIB) * 10) / 10;
}

/** Median RSS over a short quiet window: one reading can land on a GC or a timer and mislead. */
export async function quietRss(root: number, windowMs: number, intervalMs: number): Promise<RssSummary> {
  const s = new RssSampler(root, intervalMs);
  s.start();
  await new Promise((r) => setTimeout(r, windowMs));
  return s.stop();
}
