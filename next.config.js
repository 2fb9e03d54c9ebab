/** @type {import('next').NextConfig} */

// Pages get a CSP that keeps everything on our origin: no remote script, style, frame or form target.
// (Next's own bootstrap needs inline scripts; `next dev` also needs eval.) API routes set their own
// headers; the message body route has a far stricter CSP of its own.
const dev = process.env.NODE_ENV !== "production";
const pageCsp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join("; ");

const nextConfig = {
  // Native or socket-heavy libraries stay as plain Node requires on the server.
  serverExternalPackages: ["imapflow", "mailparser", "node-pop3", "better-sqlite3", "sanitize-html", "nodemailer", "busboy"],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
        ],
      },
      { source: "/((?!api/).*)", headers: [{ key: "Content-Security-Policy", value: pageCsp }] },
    ];
  },
};
module.exports = nextConfig;
