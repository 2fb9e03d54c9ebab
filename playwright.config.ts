import { defineConfig, devices } from "@playwright/test";

// Values come from scripts/test-env.sh (npm test sources it); defaults match it for a bare `npx playwright test`.
const appPort = Number(process.env.APP_PORT ?? 3100);
const downPort = appPort + 1;
const smtpDownPort = appPort + 2;
const baseEnv: Record<string, string> = {
  IMAP_HOST: "127.0.0.1",
  IMAP_PORT: process.env.IMAP_PORT ?? "2143",
  IMAP_TLS: "false",
  POP3_HOST: "127.0.0.1",
  POP3_PORT: process.env.POP3_PORT ?? "2110",
  POP3_TLS: "false",
  SMTP_HOST: "127.0.0.1",
  SMTP_PORT: process.env.SMTP_PORT ?? "2025",
  SMTP_TLS: "false",
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "test-secret-for-mailroom-e2e-only-0123456789",
  MAILROOM_DATA_DIR: process.env.MAILROOM_DATA_DIR ?? ".mailstack-test/app-data",
  MAIL_DOMAINS: "example.test",
  NEXT_TELEMETRY_DISABLED: "1",
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "/root",
};

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  workers: 2,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${appPort}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
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
