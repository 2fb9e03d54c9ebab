/** @type {import('next').NextConfig} */

// Pages get their Content-Security-Policy (with a per-request nonce) from proxy.ts. Here: the headers
// every response carries. API routes set their own CSP where they serve content (the message body
// route has a far stricter one, and is the one thing our pages frame: SAMEORIGIN there, DENY elsewhere).
const nextConfig = {
  // Native or socket-heavy libraries stay as plain Node requires on the server.
  serverExternalPackages: ["imapflow", "mailparser", "node-pop3", "better-sqlite3", "sanitize-html", "nodemailer", "busboy", "redis"],
  poweredByHeader: false,
  // No gzip in the Node process: Mailroom runs behind a TLS-terminating reverse proxy (README), and that
  // proxy compresses (config/haproxy/cluster.cfg shows how). Next's own gzip cost 0.7–1.5 ms of CPU per
  // API answer on this machine (an 11-byte /api/health included: its answers carry no Content-Length,
  // so the 1 KB threshold never applies), on every click, for bytes that only cross loopback.
  compress: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
      { source: "/((?!api/).*)", headers: [{ key: "X-Frame-Options", value: "DENY" }] },
      { source: "/api/:path*", headers: [{ key: "X-Frame-Options", value: "SAMEORIGIN" }] },
      // The icons (app/icon.svg, app/favicon.ico) are linked with their content hash in the address; Next
      // serves them with max-age=0, so Chromium asked again at every address change (each open, each switch).
      ...["/icon.svg", "/favicon.ico"].map((source) => ({ source, headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }] })),
    ];
  },
};
module.exports = nextConfig;
