// Validates the configuration once at boot so a bad .env fails loudly with every problem named; makes
// every file this process creates private to its user; drains on SIGTERM (lib/shutdown.ts).
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
    const { installGracefulShutdown } = await import("@/lib/shutdown");
    installGracefulShutdown();
  }
}
