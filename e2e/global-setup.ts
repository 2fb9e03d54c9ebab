import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

// Starts the test mail stack (idempotent; waits for the IMAP greeting) and seeds it, once per run.
export default async function globalSetup() {
  const root = path.resolve(__dirname, "..");
  const status = (() => {
    try {
      return execFileSync("bash", ["scripts/mail-stack.sh", "status"], { cwd: root, env: process.env, encoding: "utf8" });
    } catch {
      return "stopped";
    }
  })();
  const wasRunning = /running/i.test(status) && !/not running|stopped/i.test(status);
  execFileSync("bash", ["scripts/mail-stack.sh", "start"], { cwd: root, env: process.env, stdio: "inherit" });
  execFileSync("node_modules/.bin/tsx", ["scripts/seed.ts"], { cwd: root, env: process.env, stdio: "inherit" });
  writeFileSync(path.join(root, "test-results-stack.json"), JSON.stringify({ startedByTests: !wasRunning }));
}
