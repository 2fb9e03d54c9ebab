import { defineConfig } from "@playwright/test";
import { browserProjects, browserUse } from "./e2e/helpers/browser";

// The cluster suite: two Mailroom instances behind HAProxy (scripts/cluster.sh, started by
// scripts/test.sh around this run). Playwright starts no server of its own; baseURL is HAProxy.
const clusterPort = Number(process.env.CLUSTER_PORT ?? 2180);

export default defineConfig({
  testDir: "e2e/cluster",
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "test-results/cluster",
  use: browserUse(`http://127.0.0.1:${clusterPort}`),
  projects: browserProjects,
});
