// Validates the configuration once at boot so a bad .env fails loudly with every problem named.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("@/lib/env");
    env();
    // The sign-in throttle needs each request's socket address, which Next does not pass on.
    const { installPeerAddressHeader } = await import("@/lib/auth/client-address");
    installPeerAddressHeader();
  }
}
