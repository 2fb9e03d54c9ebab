import { describe, expect, it } from "vitest";
import { SEARCH_WORDS, SessionScript, connectionPeaks, opStats, percentile, sessionsPerAccount, spreadSessions, verdict, type LoadOp, type OpStats } from "./load-plan";

const ACCOUNTS = Array.from({ length: 20 }, (_, i) => `t${401 + i}@example.test`);

describe("spreadSessions", () => {
  it("gives each of 20 accounts exactly 10 of 200 sessions, neighbours on different accounts", () => {
    const a = spreadSessions(ACCOUNTS, 200);
    expect(a).toHaveLength(200);
    expect(Object.values(sessionsPerAccount(a))).toEqual(Array(20).fill(10));
    for (let i = 1; i < 20; i++) expect(a[i]).not.toBe(a[i - 1]);
  });

  it("spreads an uneven count within one of each other", () => {
    const counts = Object.values(sessionsPerAccount(spreadSessions(ACCOUNTS, 205)));
    expect(Math.max(...counts) - Math.min(...counts)).toBe(1);
    expect(counts.reduce((s, x) => s + x, 0)).toBe(205);
  });

  it("refuses no accounts or a non-positive session count", () => {
    expect(() => spreadSessions([], 10)).toThrow(/no accounts/);
    expect(() => spreadSessions(ACCOUNTS, 0)).toThrow(/positive/);
  });
});

describe("percentile (nearest rank)", () => {
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1); // 1…100
  it("returns observed values at the ranks", () => {
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(percentile([], 50)).toBeNaN();
  });

  it("opStats sorts, counts non-2xx in requests and leaves empty ops null", () => {
    const s = opStats([30, 10, 20, 40], 2);
    expect(s).toEqual({ requests: 6, non_2xx: 2, p50_ms: 20, p95_ms: 40, p99_ms: 40, max_ms: 40 });
    expect(opStats([], 0)).toEqual({ requests: 0, non_2xx: 0, p50_ms: null, p95_ms: null, p99_ms: null, max_ms: null });
  });
});

function page(uids: number[], nextCursor: number | null) {
  return JSON.stringify({ messages: uids.map((uid) => ({ uid })), nextCursor });
}

describe("SessionScript", () => {
  const script = (index = 0) => new SessionScript({ folder: "INBOX", limit: 50, deepEvery: 2, index, pick: () => 0 });

  it("lists first, then opens a listed message, loads the HTML body the answer names, opens again, searches", () => {
    const s = script();
    const seen: [LoadOp, string][] = [];
    const step = (status: number, body: string) => {
      const n = s.next();
      seen.push([n.op, n.path]);
      expect(s.inFlight).toBe(n.op);
      s.answer(status, body);
    };
    step(200, page([300, 299, 298], 250));
    step(200, JSON.stringify({ bodyKind: "html", bodyUrl: "/api/messages/300/body?folder=INBOX" }));
    step(200, "<html></html>");
    step(200, JSON.stringify({ bodyKind: "text", bodyUrl: null }));
    // A text message has no body to load: straight on to the search.
    step(200, JSON.stringify({ groups: [], stoppedBy: "deadline" }));
    expect(s.searchesCut).toBe(1);
    expect(seen).toEqual([
      ["list", "/api/messages?folder=INBOX&limit=50"],
      ["open", "/api/messages/300?folder=INBOX"],
      ["body", "/api/messages/300/body?folder=INBOX"],
      ["open", "/api/messages/300?folder=INBOX"],
      ["search", `/api/search?q=${SEARCH_WORDS[0]}`],
    ]);
  });

  it("every deepEvery-th list continues one page further down from the last cursor, and the next search uses the next word", () => {
    const s = script(3);
    const lists: string[] = [];
    const searches: string[] = [];
    let cursor = 250;
    const ops: string[] = [];
    for (let loop = 0; loop < 4; loop++) {
      for (;;) {
        const n = s.next();
        if (n.op === "list" || n.op === "page") {
          ops.push(n.op);
          lists.push(n.path);
          s.answer(200, page([cursor + 10, cursor + 5], cursor));
          cursor -= 50;
        } else if (n.op === "search") {
          searches.push(n.path);
          s.answer(200, "{}");
          break;
        } else s.answer(200, JSON.stringify({ bodyKind: "text" }));
      }
    }
    expect(lists).toEqual(["/api/messages?folder=INBOX&limit=50", "/api/messages?folder=INBOX&limit=50&before=250", "/api/messages?folder=INBOX&limit=50", "/api/messages?folder=INBOX&limit=50&before=150"]);
    expect(ops).toEqual(["list", "page", "list", "page"]);
    expect(searches.map((p) => decodeURIComponent(p.split("q=")[1]!))).toEqual(SEARCH_WORDS.slice(3, 7));
  });

  it("leaves the search out when asked to", () => {
    const s = new SessionScript({ folder: "INBOX", limit: 50, deepEvery: 0, index: 0, pick: () => 0, search: false });
    const ops: LoadOp[] = [];
    for (let i = 0; i < 12; i++) {
      const n = s.next();
      ops.push(n.op);
      s.answer(200, n.op === "list" ? page([5, 4], null) : JSON.stringify({ bodyKind: "text" }));
    }
    expect(ops).toEqual(["list", "open", "open", "list", "open", "open", "list", "open", "open", "list", "open", "open"]);
  });

  it("opens nothing before a list succeeded, and a failed answer changes no state", () => {
    const s = script();
    expect(s.next().op).toBe("list");
    s.answer(500, '{"code":"MAIL_SERVER_UNAVAILABLE"}');
    // No uids yet: open and body are skipped, the search runs, then the list again.
    expect(s.next().op).toBe("search");
    s.answer(200, "{}");
    expect(s.next().op).toBe("list");
  });
});

describe("connection peaks and the verdict", () => {
  it("takes the largest per-account and total counts over the samples, the last for the end", () => {
    const p = connectionPeaks([null, { a: 1, b: 3 }, { a: 4, b: 2 }, { a: 0, b: 1 }]);
    expect(p).toEqual({ max_per_account: 4, max_total: 6, end_total: 1, samples: 3 });
    expect(connectionPeaks([null])).toEqual({ max_per_account: null, max_total: null, end_total: null, samples: 0 });
  });

  const ops = (listP95: number | null, openP95: number | null): Record<LoadOp, OpStats> => {
    const s = (p95: number | null): OpStats => ({ requests: 1, non_2xx: 0, p50_ms: p95, p95_ms: p95, p99_ms: p95, max_ms: p95 });
    return { list: s(listP95), page: s(listP95), open: s(openP95), body: s(500), search: s(900) };
  };
  const targets = { maxErrors: 0, p95ListOpenMs: 150, maxConnectionsPerAccount: 6 };
  const conns = (max: number | null) => ({ max_per_account: max, max_total: max, end_total: 0, samples: max === null ? 0 : 1 });

  it("meets the target only with 0 errors, p95 list and open under 150 ms and connections within the pool limit", () => {
    expect(verdict({ errors: 0, ops: ops(80, 120), connections: conns(4), targets })).toEqual({ errors: true, p95_list: true, p95_open: true, connections: true, all: true });
    expect(verdict({ errors: 1, ops: ops(80, 120), connections: conns(4), targets }).all).toBe(false);
    expect(verdict({ errors: 0, ops: ops(150, 120), connections: conns(4), targets }).p95_list).toBe(false);
    expect(verdict({ errors: 0, ops: ops(80, null), connections: conns(4), targets }).p95_open).toBe(false);
    expect(verdict({ errors: 0, ops: ops(80, 120), connections: conns(7), targets }).connections).toBe(false);
    expect(verdict({ errors: 0, ops: { ...ops(80, 120), page: { requests: 3, non_2xx: 0, p50_ms: 100, p95_ms: 400, p99_ms: 400, max_ms: 400 } }, connections: conns(4), targets }).p95_list).toBe(false);
    expect(verdict({ errors: 0, ops: ops(80, 120), connections: conns(null), targets }).connections).toBe(false);
  });
});
