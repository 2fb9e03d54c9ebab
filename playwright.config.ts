import { defineConfig } from "@playwright/test";
import { APP_PORT as appPort, appEnv } from "./e2e/helpers/app-env";
import { browserProjects, browserUse } from "./e2e/helpers/browser";

const downPort = appPort + 1;
const smtpDownPort = appPort + 2;
const baseEnv = appEnv();

export default defineConfig({
  testDir: "e2e",
  // The cluster suite runs behind HAProxy with its own config (playwright.cluster.config.ts).
  testIgnore: ["cluster/**"],
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  workers: 2,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never" }]],
  use: browserUse(`http://127.0.0.1:${appPort}`),
  projects: browserProjects,
  webServer: [
    {
      // One build per run (scripts/test.sh builds before Playwright); here we only start it.
      command: `node_modules/.bin/next start -H 127.0.0.1 -p ${appPort}`,
      url: `http://127.0.0.1:${appPort}/login`,
      env: { ...baseEnv, NEXTAUTH_URL: `http://127.0.0.1:${appPort}` },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The same build pointed at an IMAP port where nothing listens: "mail server unreachable".
      command: `node_modules/.bin/next start -H 127.0.0.1 -p ${downPort}`,
      url: `http://127.0.0.1:${downPort}/login`,
      env: { ...baseEnv, IMAP_PORT: "2999", NEXTAUTH_URL: `http://127.0.0.1:${downPort}` },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // Good IMAP, an SMTP port where nothing listens: sending fails and the draft must survive (compose);
      // a 1 MB attachment limit to test the message past it.
      command: `node_modules/.bin/next start -H 127.0.0.1 -p ${smtpDownPort}`,
      url: `http://127.0.0.1:${smtpDownPort}/login`,
      env: { ...baseEnv, SMTP_PORT: "2998", UPLOAD_MAX_MB: "1", NEXTAUTH_URL: `http://127.0.0.1:${smtpDownPort}` },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
