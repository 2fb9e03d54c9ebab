// Validates the configuration once at boot so a bad .env fails loudly with every problem named; makes
// every file this process creates private to its user; migrates PostgreSQL (DATABASE_URL); drains on
// SIGTERM (lib/shutdown.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Files 0600, directories 0700 even where a create forgets its mode (mail, sessions, uploads).
    process.umask(0o077);
    const { env } = await import("@/lib/env");
    env();
    // The sign-in throttle needs each request's socket address, which Next does not pass on.
    const { installPeerAddressHeader } = await import("@/lib/auth/client-address");
    installPeerAddressHeader();
    // Several instances behind a load balancer: every response names the one that answered.
    const { installInstanceHeader } = await import("@/lib/cluster/instance-header");
    installInstanceHeader(env().MAILROOM_INSTANCE);
    // DATABASE_URL: the schema is created or migrated now (advisory lock: instances starting together
    // take turns). A database that is down does not stop the start: requests answer DATABASE_UNAVAILABLE
    // and the first one after it is back migrates.
    const { backend, migrateAtStartup } = await import("@/lib/db/backend");
    if (backend() === "postgres") {
      const { logger } = await import("@/lib/logger");
      await migrateAtStartup()
        .then(() => logger.info("database ready", { backend: "postgres" }))
        .catch((err: unknown) => logger.error("database migration at start-up failed", { error: err instanceof Error ? err.message : String(err) }));
    }
    const { installGracefulShutdown } = await import("@/lib/shutdown");
    installGracefulShutdown();
    // The first sign-in after a start should not pay for loading code and opening stores (lib/warm-up.ts).
    const { warmUpInBackground } = await import("@/lib/warm-up");
    warmUpInBackground();
  }
}
