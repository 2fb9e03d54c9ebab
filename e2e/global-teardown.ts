import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

// Stops the mail stack if this run started it; a stack someone else started keeps running.
export default async function globalTeardown() {
  const root = path.resolve(__dirname, "..");
  const marker = path.join(root, "test-results-stack.json");
  const started = existsSync(marker) ? JSON.parse(readFileSync(marker, "utf8")).startedByTests : false;
  rmSync(marker, { force: true });
  if (started && !process.env.KEEP_MAILSTACK) {
    execFileSync("bash", ["scripts/mail-stack.sh", "stop"], { cwd: root, env: process.env, stdio: "inherit" });
  }
}
