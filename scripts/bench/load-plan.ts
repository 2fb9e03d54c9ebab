/**
 * The pure parts of the load section (scripts/bench/load.ts): which account each session signs in as,
 * what one session asks for next (list → open → its HTML body → search, with some deeper pages), and
 * how the measured latencies become the report. No I/O here, so it is unit-tested on its own
 * (load-plan.test.ts).
 */

/** "list": the first page; "page": a page further down (before=cursor); both count for the list target. */
export type LoadOp = "list" | "page" | "open" | "body" | "search";
export const LOAD_OPS: readonly LoadOp[] = ["list", "page", "open", "body", "search"];

/** Session i signs in as account i mod n: every account gets sessions/n (±1) sessions. */
export function spreadSessions(accounts: readonly string[], sessions: number): string[] {
  if (accounts.length === 0) throw new Error("no accounts to spread sessions over");
  if (!Number.isInteger(sessions) || sessions < 1) throw new Error(`sessions must be a positive integer, got ${sessions}`);
  return Array.from({ length: sessions }, (_, i) => accounts[i % accounts.length]!);
}

/** How many sessions each account got (in the accounts' order). */
export function sessionsPerAccount(assignment: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of assignment) out[a] = (out[a] ?? 0) + 1;
  return out;
}

/**
 * Words the seeded mail contains (scripts/seed-lib.ts TOPICS and WORDS): every search finds something,
 * and sessions vary their words so a search cache cannot answer them all.
 */
export const SEARCH_WORDS = ["invoice", "report", "meeting", "deploy", "budget", "release", "security", "travel", "customer", "order", "design", "weekly", "contract", "reminder", "server", "welcome"];

/** A step of the loop; "page" is a "list" that goes further down, decided when it is sent. */
type PlanStep = Exclude<LoadOp, "page">;

interface ListAnswer {
  messages?: { uid: number }[];
  nextCursor?: number | null;
}
interface OpenAnswer {
  bodyKind?: string;
  bodyUrl?: string | null;
}

/**
 * One person's loop: list the first page (every `deepEvery`-th list goes one page further down instead),
 * open a listed message and load its HTML body as the frame would (text messages have none), open a
 * second one, then search all folders for a word. `pick` chooses (0 ≤ x < 1); pass a seeded one for
 * tests. `next()` is what autocannon's setupRequest asks for; `answer()` what its onResponse reports.
 */
export class SessionScript {
  private readonly plan: PlanStep[];
  private step = -1;
  private lists = 0;
  private searches = 0;
  private uids: number[] = [];
  private cursor: number | null = null;
  private bodyUrl: string | null = null;
  /** Searches whose answer said the server stopped at its deadline (SEARCH_ALL_DEADLINE_MS) with folders left. */
  searchesCut = 0;
  /** The operation of the request in flight (read by the response listener for per-operation stats). */
  inFlight: LoadOp | null = null;

  constructor(
    private readonly o: { folder: string; limit: number; deepEvery: number; index: number; pick: () => number; search?: boolean },
  ) {
    // search: false leaves the all-folders search out (BENCH_LOAD_SEARCH=0), to see what it costs the rest.
    this.plan = o.search === false ? ["list", "open", "body", "open", "body"] : ["list", "open", "body", "open", "body", "search"];
  }

  /** The path of the next request, and which operation it is. */
  next(): { op: LoadOp; path: string } {
    for (;;) {
      this.step = (this.step + 1) % this.plan.length;
      const op = this.plan[this.step]!;
      const path = this.pathFor(op);
      if (path === null) continue; // nothing to open yet, or the opened message has no HTML body
      const actual: LoadOp = op === "list" && path.includes("&before=") ? "page" : op;
      this.inFlight = actual;
      return { op: actual, path };
    }
  }

  private pathFor(op: PlanStep): string | null {
    const folder = encodeURIComponent(this.o.folder);
    switch (op) {
      case "list": {
        const deep = this.o.deepEvery > 0 && ++this.lists % this.o.deepEvery === 0 && this.cursor !== null;
        // A deeper page continues from the last page seen, so successive ones walk down the folder.
        return `/api/messages?folder=${folder}&limit=${this.o.limit}${deep ? `&before=${this.cursor}` : ""}`;
      }
      case "open": {
        this.bodyUrl = null;
        if (this.uids.length === 0) return null;
        const uid = this.uids[Math.floor(this.o.pick() * this.uids.length)]!;
        return `/api/messages/${uid}?folder=${folder}`;
      }
      case "body":
        return this.bodyUrl;
      case "search": {
        const word = SEARCH_WORDS[(this.o.index + this.searches++) % SEARCH_WORDS.length]!;
        return `/api/search?q=${encodeURIComponent(word)}`;
      }
    }
  }

  /** Takes in the answer to the request in flight; a non-2xx answer changes nothing (it is counted as an error). */
  answer(status: number, body: string): void {
    if (status < 200 || status >= 300) return;
    if (this.inFlight === "list" || this.inFlight === "page") {
      const page = JSON.parse(body) as ListAnswer;
      const uids = (page.messages ?? []).map((m) => m.uid);
      if (uids.length > 0) this.uids = uids;
      // At the end of the folder, start again from the top.
      this.cursor = page.nextCursor ?? null;
    } else if (this.inFlight === "open") {
      const detail = JSON.parse(body) as OpenAnswer;
      this.bodyUrl = detail.bodyKind === "html" && detail.bodyUrl ? detail.bodyUrl : null;
    } else if (this.inFlight === "search") {
      if ((JSON.parse(body) as { stoppedBy?: string | null }).stoppedBy === "deadline") this.searchesCut += 1;
    }
  }
}

/** Nearest-rank percentile of sorted values: always a value that was observed. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

export interface OpStats {
  requests: number;
  /** Answers outside 2xx (redirects included: a redirect to /login is a lost session). */
  non_2xx: number;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  max_ms: number | null;
}

/** Latencies of the 2xx answers; the count of the others. */
export function opStats(latenciesMs: readonly number[], non2xx: number): OpStats {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? r1(percentile(sorted, p)) : null);
  return { requests: sorted.length + non2xx, non_2xx: non2xx, p50_ms: at(50), p95_ms: at(95), p99_ms: at(99), max_ms: sorted.length ? r1(sorted[sorted.length - 1]!) : null };
}

export interface ConnectionPeaks {
  /** Most IMAP sessions any one load account held at one sample. */
  max_per_account: number | null;
  /** Most IMAP sessions of all load accounts together at one sample. */
  max_total: number | null;
  /** At the last sample of the run. */
  end_total: number | null;
  samples: number;
}

/** Per-sample counts (account → IMAP sessions; null where doveadm could not tell) into peaks. */
export function connectionPeaks(samples: readonly (Record<string, number> | null)[]): ConnectionPeaks {
  const ok = samples.filter((s): s is Record<string, number> => s !== null);
  if (ok.length === 0) return { max_per_account: null, max_total: null, end_total: null, samples: 0 };
  const total = (s: Record<string, number>) => Object.values(s).reduce((a, b) => a + b, 0);
  return {
    max_per_account: Math.max(0, ...ok.flatMap((s) => Object.values(s))),
    max_total: Math.max(...ok.map(total)),
    end_total: total(ok[ok.length - 1]!),
    samples: ok.length,
  };
}

export interface LoadTargets {
  maxErrors: number;
  /** p95 of list and of open (the JSON of a message; its body frame is reported beside it). */
  p95ListOpenMs: number;
  /** Per account: at most IMAP_POOL_SIZE + 3 (pool + the live watchers' cap). */
  maxConnectionsPerAccount: number;
}

export interface LoadVerdict {
  errors: boolean;
  /** The first page and the pages further down, each. */
  p95_list: boolean;
  p95_open: boolean;
  connections: boolean;
  all: boolean;
}

/** The `meets_target` booleans; a missing number (no samples) never meets a target. */
export function verdict(o: { errors: number; ops: Record<LoadOp, OpStats>; connections: ConnectionPeaks; targets: LoadTargets }): LoadVerdict {
  const under = (v: number | null, max: number) => v !== null && v < max;
  const v = {
    errors: o.errors <= o.targets.maxErrors,
    p95_list: under(o.ops.list.p95_ms, o.targets.p95ListOpenMs) && (o.ops.page.requests === 0 || under(o.ops.page.p95_ms, o.targets.p95ListOpenMs)),
    p95_open: under(o.ops.open.p95_ms, o.targets.p95ListOpenMs),
    connections: o.connections.max_per_account !== null && o.connections.max_per_account <= o.targets.maxConnectionsPerAccount,
  };
  return { ...v, all: v.errors && v.p95_list && v.p95_open && v.connections };
}

/** A small seeded PRNG, so every run picks the same messages in the same order. */
export function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
