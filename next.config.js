/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or socket-heavy libraries stay as plain Node requires on the server.
  serverExternalPackages: ["imapflow", "mailparser", "node-pop3", "better-sqlite3", "sanitize-html", "nodemailer"],
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
    ];
  },
};
module.exports = nextConfig;
