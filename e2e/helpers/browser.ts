import { devices, type PlaywrightTestConfig } from "@playwright/test";

/*
 * The browser every Playwright config (the e2e suite, the cluster suite) drives: Debian's chromium,
 * headless in a container (no sandbox, no GPU), without the background traffic that slows and
 * unsettles runs; traces and screenshots kept only for failures.
 */
export const browserUse = (baseURL: string): PlaywrightTestConfig["use"] => ({
  baseURL,
  trace: "retain-on-failure",
  screenshot: "only-on-failure",
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  },
});

export const browserProjects: PlaywrightTestConfig["projects"] = [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }];
