// The environment of every app the e2e suite starts (playwright.config.ts's web servers and the specs'
// own servers). Values come from scripts/test-env.sh (npm test sources it); the defaults match it for a
// bare `npx playwright test`.
export const APP_PORT = Number(process.env.APP_PORT ?? 3100);

export function appEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
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
    ...overrides,
  };
}
