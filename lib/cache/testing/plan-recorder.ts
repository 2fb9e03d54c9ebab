import "server-only";
import type Database from "better-sqlite3";

/*
 * Test helper: records SQLite's EXPLAIN QUERY PLAN of every SELECT a store runs, with the very
 * arguments it ran with, so a test can check the plans of what the UI really asks (issue 13 point 9).
 * Install on a fresh store, before it has prepared (and cached) any statement.
 */

export type Plans = Map<string, string[]>;

type Prepare = (sql: string) => Database.Statement;

/**
 * Calls `watch(prepare)(sql)` for every statement the store prepares; a non-null answer runs before
 * each of that statement's runs, with its arguments (`prepare` is the original, unwatched).
 */
function onEachRun(db: Database.Database, watch: (prepare: Prepare) => (sql: string) => ((args: unknown[]) => void) | null): void {
  const prepare: Prepare = db.prepare.bind(db);
  const watchSql = watch(prepare);
  (db as { prepare: Prepare }).prepare = (sql: string) => {
    const stmt = prepare(sql);
    const before = watchSql(sql);
    if (!before) return stmt;
    for (const method of ["all", "get", "iterate"] as const) {
      const run = stmt[method].bind(stmt) as (...args: unknown[]) => unknown;
      (stmt as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        before(args);
        return run(...args);
      };
    }
    return stmt;
  };
}

export function recordPlans(db: Database.Database): Plans {
  const plans: Plans = new Map();
  onEachRun(db, (prepare) => (sql) => {
    if (!/^\s*SELECT/i.test(sql)) return null;
    const explain = prepare(`EXPLAIN QUERY PLAN ${sql}`);
    return (args) => void plans.set(sql, (explain.all(...args) as { detail: string }[]).map((r) => r.detail));
  });
  return plans;
}

/**
 * The steps of a plan that read a whole table (or a whole index without a range), or sort rows:
 * what makes a query grow with the mailbox. A full-text MATCH is a virtual-table scan driven by the
 * FTS index and is not one of them.
 */
export function unboundedSteps(steps: string[]): string[] {
  return steps.filter((d) => {
    if (/USE TEMP B-TREE/.test(d)) return true;
    if (/^SCAN \S+ VIRTUAL TABLE INDEX \d+:M/.test(d)) return false;
    // fts5vocab with both bounds on its term (idxNum bits 0x200 GE and 0x400 LE) or an equal one (0x100): a range of the vocabulary.
    const vocab = /^SCAN \S+_terms VIRTUAL TABLE INDEX (\d+):$/.exec(d);
    if (vocab) return !((Number(vocab[1]) & 0x600) === 0x600 || Number(vocab[1]) & 0x100);
    if (d === "SCAN CONSTANT ROW") return false; // SELECT of an expression, no table
    // The rows a subquery yields (a count over a LIMITed match set): its own steps are checked above.
    if (/^SCAN \(subquery-\d+\)$/.test(d)) return false;
    return /^SCAN /.test(d);
  });
}

/**
 * The SQLite type of every bound a run statement put on a full-text table's rowid (`messages_fts.rowid <
 * @before`), evaluated with the very arguments it ran with. FTS5 uses a rowid bound to seek only when it
 * is an INTEGER; a REAL (how better-sqlite3 binds a JS number) makes it walk every match from the end.
 * Install on a fresh store, before it has prepared any statement.
 */
export function recordFtsRowidBounds(db: Database.Database): { sql: string; operand: string; type: string }[] {
  const seen: { sql: string; operand: string; type: string }[] = [];
  onEachRun(db, (prepare) => (sql) => {
    const operands = [...sql.matchAll(/\w+_fts\.rowid\s*[<>]=?\s*(CAST\(@\w+ AS INTEGER\)|[@:$?]\w*)/g)].map((m) => m[1]!);
    if (!operands.length) return null;
    return (args) => {
      for (const operand of operands) seen.push({ sql, operand, type: (prepare(`SELECT typeof(${operand}) AS t`).get(...args) as { t: string }).t });
    };
  });
  return seen;
}
