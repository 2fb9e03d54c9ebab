import "server-only";
import { z } from "zod";

// The one place that reads process.env. Parsed once, at boot (instrumentation.ts), and on first use.
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");
const port = z.coerce.number().int().min(1).max(65535);
const host = z.string().min(1).regex(/^[A-Za-z0-9.\-:\[\]]+$/, "must be a host name or IP address");

const schema = z.object({
  IMAP_HOST: host.optional(),
  IMAP_PORT: port.default(993),
  IMAP_TLS: bool.default(true),
  POP3_HOST: host.optional(),
  POP3_PORT: port.default(995),
  POP3_TLS: bool.default(true),
  SMTP_HOST: host.optional(),
  SMTP_PORT: port.default(465),
  SMTP_TLS: bool.default(true),
  MAILROOM_DATA_DIR: z.string().min(1).default("./.mailroom-data"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)"),
  NEXTAUTH_URL: z.url().optional(),
  /** Optional comma-separated list of the mail domains this server hosts; addresses outside it are "unknown user". */
  MAIL_DOMAINS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((d) => d.trim().toLowerCase()).filter(Boolean) : [])),
  /** IMAP connections per mail account, shared by all of its sessions (Dovecot allows 10 per user and IP). */
  IMAP_POOL_SIZE: z.coerce.number().int().min(1).max(8).default(3),
  /** Close pooled IMAP connections unused for this many seconds. */
  IMAP_IDLE_TIMEOUT_S: z.coerce.number().int().min(5).default(300),
  /** Largest mbox file an import accepts, in MB. */
  IMPORT_MAX_MB: z.coerce.number().int().min(1).default(1024),
  /** Largest attachment a composer upload accepts, in MB. */
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(1024).default(25),
  /** Accept self-signed certificates (never in production). */
  IMAP_TLS_INSECURE: bool.default(false),
  /** A POP3 server silent this many seconds (no byte of a reply) is given up on: the sync fails, the lock is freed. */
  POP3_IDLE_TIMEOUT_S: z.coerce.number().int().min(1).max(3600).default(60),
  /** The longest one POP3 sync may run; what it downloaded is kept and the next sync goes on from there. */
  POP3_SYNC_DEADLINE_S: z.coerce.number().int().min(5).default(1800),
  /** Disk per account for the POP3 cache, imports and composer uploads together, in MB. */
  ACCOUNT_STORAGE_MAX_MB: z.coerce.number().int().min(1).default(2048),
}).refine((e) => e.IMAP_HOST || e.POP3_HOST, { message: "set IMAP_HOST or POP3_HOST (or both): Mailroom needs a mail server to sign people in", path: ["IMAP_HOST"] });

export type Env = z.infer<typeof schema>;

let cached: Env | null = null;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Mailroom configuration is invalid:\n${lines.join("\n")}\nSee .env.example.`);
  }
  return result.data;
}

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
