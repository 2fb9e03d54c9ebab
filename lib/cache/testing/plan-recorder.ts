import "server-only";
import type Database from "better-sqlite3";

/*
 * Test helper: records SQLite's EXPLAIN QUERY PLAN of every SELECT a store runs, with the very
 * arguments it ran with, so a test can check the plans of what the UI really asks (issue 13 point 9).
 * Install on a fresh store, before it has prepared (and cached) any statement.
 */

export type Plans = Map<string, string[]>;

export function recordPlans(db: Database.Database): Plans {
  const plans: Plans = new Map();
  const prepare = db.prepare.bind(db);
  (db as { prepare: (sql: string) => Database.Statement }).prepare = (sql: string) => {
    const stmt = prepare(sql);
    if (!/^\s*SELECT/i.test(sql)) return stmt;
    const explain = prepare(`EXPLAIN QUERY PLAN ${sql}`);
    for (const method of ["all", "get"] as const) {
      const run = stmt[method].bind(stmt) as (...args: unknown[]) => unknown;
      (stmt as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        plans.set(sql, (explain.all(...args) as { detail: string }[]).map((r) => r.detail));
        return run(...args);
      };
    }
    return stmt;
  };
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
    if (d === "SCAN CONSTANT ROW") return false; // SELECT of an expression, no table
    // The rows a subquery yields (a count over a LIMITed match set): its own steps are checked above.
    if (/^SCAN \(subquery-\d+\)$/.test(d)) return false;
    return /^SCAN /.test(d);
  });
}
