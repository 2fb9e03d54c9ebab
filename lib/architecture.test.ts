import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The house rules that keep secrets and sockets on the server, checked on every run.
const root = path.resolve(__dirname, "..");

function files(dir: string): string[] {
  const abs = path.join(root, dir);
  let out: string[] = [];
  for (const name of readdirSync(abs)) {
    const p = path.join(abs, name);
    if (statSync(p).isDirectory()) out = out.concat(files(path.join(dir, name)));
    else if (/\.(ts|tsx)$/.test(name)) out.push(path.join(dir, name));
  }
  return out;
}

const importsOf = (file: string) => [...readFileSync(path.join(root, file), "utf8").matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1]!);

describe("architecture", () => {
  it("client code imports only @/lib/shared from lib/", () => {
    const offenders = [...files("components"), ...files("hooks")].flatMap((f) =>
      importsOf(f).filter((i) => i.startsWith("@/lib/") && !i.startsWith("@/lib/shared/")).map((i) => `${f} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it("every server module under lib/ (outside lib/shared) starts with import \"server-only\"", () => {
    const missing = files("lib").filter((f) => !f.startsWith("lib/shared/") && !/\.test\.ts$/.test(f) && !readFileSync(path.join(root, f), "utf8").startsWith('import "server-only";'));
    expect(missing).toEqual([]);
  });

  it("imapflow is imported only under lib/imap, node-pop3 only under lib/pop3", () => {
    const appAndLib = [...files("app"), ...files("lib"), ...files("components"), ...files("hooks")];
    const bad = appAndLib.flatMap((f) =>
      importsOf(f)
        .filter((i) => (i === "imapflow" && !f.startsWith("lib/imap/")) || (i === "node-pop3" && !f.startsWith("lib/pop3/")))
        .map((i) => `${f} → ${i}`),
    );
    expect(bad).toEqual([]);
  });

  it("no code outside lib/env.ts reads process.env in app/ or lib/", () => {
    const readers = [...files("app"), ...files("lib")].filter((f) => f !== "lib/env.ts" && f !== "lib/logger.ts" && !/\.test\.ts$/.test(f) && /process\.env\b/.test(readFileSync(path.join(root, f), "utf8")));
    expect(readers).toEqual([]);
  });
});
