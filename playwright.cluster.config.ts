import { defineConfig, devices } from "@playwright/test";

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
  use: {
    baseURL: `http://127.0.0.1:${clusterPort}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
});
