import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BAD_INPUT_ROUTES, type Method } from "@/e2e/helpers/bad-input-cases";

// Every route file must be in the bad-input suite's table (e2e/bad-input.spec.ts), with the methods it exports.
const root = path.resolve(__dirname, "../..");

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return routeFiles(full);
    return d.name === "route.ts" || d.name === "route.tsx" ? [path.relative(root, full).split(path.sep).join("/")] : [];
  });
}

/** The HTTP methods a route file exports: `export const GET`, `export async function POST`, `export { h as GET }`. */
function exportedMethods(file: string): Method[] {
  const src = readFileSync(path.join(root, file), "utf8");
  const found = new Set<string>();
  for (const m of src.matchAll(/export\s+(?:const|let|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) found.add(m[1]!);
  for (const m of src.matchAll(/export\s*\{([^}]*)\}/g)) for (const n of m[1]!.matchAll(/\b(?:as\s+)?(GET|POST|PUT|PATCH|DELETE)\b/g)) found.add(n[1]!);
  return [...found].sort() as Method[];
}

const ALL_METHODS: Method[] = ["DELETE", "GET", "PATCH", "POST", "PUT"];

/** `export const { PUT, DELETE } = otherMethods(["GET", "POST"])`: the JSON 405s and the list they were given. */
function refusedMethods(file: string): { refused: Method[]; allowed: Method[] } | null {
  const src = readFileSync(path.join(root, file), "utf8");
  const m = /export\s+const\s*\{([^}]*)\}\s*=\s*otherMethods\(\[([^\]]*)\]\)/.exec(src);
  if (!m) return null;
  const names = (list: string) => [...list.matchAll(/\b(GET|POST|PUT|PATCH|DELETE)\b/g)].map((n) => n[1]! as Method).sort();
  return { refused: names(m[1]!), allowed: names(m[2]!) };
}

describe("the bad-input suite covers every API route", () => {
  const files = routeFiles(path.join(root, "app/api"));
  const table = new Map(BAD_INPUT_ROUTES.map((e) => [e.route, e]));

  it("finds the route files", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files)("%s has an entry with the methods it exports", (file) => {
    const entry = table.get(file);
    expect(entry, `${file} has no entry in e2e/helpers/bad-input-cases.ts: add its malformed inputs there`).toBeDefined();
    expect(Object.keys(entry!.methods).sort(), `${file}: methods in the table differ from its exports`).toEqual(exportedMethods(file));
    if (!entry!.excluded && !entry!.public) {
      // A route that takes input must have cases of its own; only input-less GETs may rely on the generic ones.
      const takesInput = entry!.sample.includes("?") || entry!.sample.includes("[") || Object.keys(entry!.methods).some((m) => m !== "GET") || /\[/.test(file);
      if (takesInput) expect(entry!.cases.length, `${file} takes input but has no bad-input cases`).toBeGreaterThan(0);
    }
  });

  it.each(files)("%s answers every other method with a JSON 405 that names its own methods", (file) => {
    const own = exportedMethods(file);
    const refused = refusedMethods(file);
    if (own.length === ALL_METHODS.length) return expect(refused).toBeNull();
    expect(refused, `${file}: add export const { …the rest } = otherMethods([${own.join(", ")}]) (lib/api/not-allowed.ts)`).not.toBeNull();
    expect(refused!.allowed, `${file}: otherMethods() is given other methods than the file's own`).toEqual(own);
    expect([...own, ...refused!.refused].sort(), `${file}: a method is neither taken nor refused`).toEqual(ALL_METHODS);
  });

  it("has no entries for routes that are gone", () => {
    for (const e of BAD_INPUT_ROUTES) expect(files, `stale entry ${e.route}`).toContain(e.route);
  });

  it("excludes nothing but next-auth's own routes", () => {
    expect(BAD_INPUT_ROUTES.filter((e) => e.excluded).map((e) => e.route)).toEqual(["app/api/auth/[...nextauth]/route.ts"]);
  });
});
