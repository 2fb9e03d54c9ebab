import "server-only";
import { z } from "zod";
import { isLoopbackHost } from "@/lib/mail/transport-security";

// The one place that reads process.env. Parsed once, at boot (instrumentation.ts), and on first use.
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");
const port = z.coerce.number().int().min(1).max(65535);
const host = z.string().min(1).regex(/^[A-Za-z0-9.\-:\[\]]+$/, "must be a host name or IP address");

/*
 * Secrets that have been shipped in .env.example. Anyone can read them, so a server started with one
 * would let anybody forge a session. Embedded here (not read from the file at run time, which is not
 * deployed); lib/env.test.ts fails when .env.example gains a value this list does not know.
 */
export const PLACEHOLDER_SECRETS: readonly string[] = ["change-me-to-a-long-random-string-of-32-chars-or-more"];

// 127.0.0.0/8, ::1 and localhost: the only hosts where plain http or plain mail protocols don't cross a network.
export { isLoopbackHost };

// An optional URL setting: unset or empty means "not used" (undefined); else a URL with a host that `accepts`.
const optionalUrl = (accepts: (u: URL) => boolean, message: string) =>
  z
    .string()
    .optional()
    .refine((v) => {
      if (v === undefined || v === "") return true;
      try {
        const u = new URL(v);
        return u.hostname !== "" && accepts(u);
      } catch {
        return false;
      }
    }, message)
    .transform((v) => v || undefined);

const databaseUrl = optionalUrl(
  (u) => (u.protocol === "postgres:" || u.protocol === "postgresql:") && u.pathname.length > 1,
  "must be a PostgreSQL URL: postgres://user:password@host:5432/database",
);

// Read on their own too (redisEnv): the shared-state backend is chosen before, and apart from, the rest.
const redisFields = {
  /**
   * Shared state for several Mailroom instances (live events, presence, move guard, revoked sessions,
   * sign-in throttle, POP3 sync lock): redis://[user:password@]host:port[/db] or rediss:// for TLS.
   * Unset: all of it stays in this process's memory (one instance).
   */
  REDIS_URL: optionalUrl(
    (u) => (u.protocol === "redis:" || u.protocol === "rediss:") && /^(\/\d{0,2})?$/.test(u.pathname),
    "must look like redis://host:6379 (or rediss:// for TLS, with an optional /<db number>)",
  ),
  /** The longest one Redis command may take before the request fails with SHARED_STATE_UNAVAILABLE. */
  REDIS_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
};

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
  NEXTAUTH_SECRET: z
    .string()
    .min(32, "must be at least 32 characters (try: openssl rand -base64 32)")
    .refine((v) => !PLACEHOLDER_SECRETS.includes(v.trim()), "is the placeholder from .env.example, which anyone can read: generate your own (openssl rand -base64 32)"),
  /** The address people open Mailroom at; https, except on a loopback host (cookies would cross the network in clear). */
  NEXTAUTH_URL: z
    .url()
    .refine((v) => {
      const u = new URL(v);
      return u.protocol === "https:" || (u.protocol === "http:" && isLoopbackHost(u.hostname));
    }, "must start with https:// (plain http:// is allowed only for localhost, 127.0.0.0/8 or ::1)")
    .optional(),
  /** Hours a session lasts from sign-in, however active it is; then the person signs in again. */
  SESSION_MAX_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /** POP3 sessions prove their password to the POP3 server again at least this often (a password changed there ends them). */
  POP3_REVERIFY_MINUTES: z.coerce.number().positive().max(24 * 60).default(15),
  /** Optional comma-separated list of the mail domains this server hosts; addresses outside it are "unknown user". */
  MAIL_DOMAINS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((d) => d.trim().toLowerCase()).filter(Boolean) : [])),
  /** IMAP connections per mail account, shared by all of its sessions (Dovecot allows 10 per user and IP). */
  IMAP_POOL_SIZE: z.coerce.number().int().min(1).max(8).default(3),
  /** Close pooled IMAP connections unused for this many seconds. */
  IMAP_IDLE_TIMEOUT_S: z.coerce.number().int().min(5).default(300),
  /** A request waits at most this long for a pooled IMAP connection, then fails with MAIL_SERVER_UNAVAILABLE. */
  IMAP_ACQUIRE_TIMEOUT_S: z.coerce.number().int().min(1).max(120).default(10),
  /** Accounts with an IMAP pool at once; idle ones are closed first, busy ones are never cut off. */
  IMAP_POOL_MAX_ACCOUNTS: z.coerce.number().int().min(1).default(200),
  /** A download the browser stops reading for this long is cut, freeing its IMAP connection. */
  DOWNLOAD_IDLE_TIMEOUT_S: z.coerce.number().int().min(1).default(60),
  /** On SIGTERM, in-flight requests and a running POP3 sync get this long to finish before the exit. */
  // 8 s fits inside `docker stop`'s 10 s before its SIGKILL.
  SHUTDOWN_GRACE_S: z.coerce.number().int().min(1).max(600).default(8),
  /** Largest mbox file an import accepts, in MB. */
  IMPORT_MAX_MB: z.coerce.number().int().min(1).default(1024),
  /** Largest attachment a composer upload accepts, in MB. */
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(1024).default(25),
  /** Accept self-signed certificates (never in production). */
  IMAP_TLS_INSECURE: bool.default(false),
  /**
   * Reverse proxies in front of Mailroom whose X-Forwarded-For entries are trusted (0 = none: the
   * sign-in throttle keys on the socket's address and ignores the header, which any client can set).
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * Let passwords travel unencrypted to a mail server that is not on loopback (IMAP/SMTP without
   * STARTTLS, POP3 without TLS). For labs only; by default such a sign-in is refused.
   */
  ALLOW_PLAINTEXT_MAIL: bool.default(false),
  /** A POP3 server silent this many seconds (no byte of a reply) is given up on: the sync fails, the lock is freed. */
  POP3_IDLE_TIMEOUT_S: z.coerce.number().int().min(1).max(3600).default(60),
  /** The longest one POP3 sync may run; what it downloaded is kept and the next sync goes on from there. */
  POP3_SYNC_DEADLINE_S: z.coerce.number().int().min(5).default(1800),
  /** "All folders" search stops after this long and shows what it found, saying it stopped early. */
  SEARCH_ALL_DEADLINE_MS: z.coerce.number().int().min(500).max(60_000).default(8_000),
  /**
   * The mail page's first response waits this long for the account, folder tree and first page of
   * messages (issue 13 point 5); past it the page renders without them and the browser asks (as before).
   */
  INITIAL_VIEW_DEADLINE_MS: z.coerce.number().int().min(0).max(30_000).default(1_500),
  /**
   * At start, the server asks itself for the sign-in page and the sign-in route once (lib/warm-up.ts), so
   * the first person to sign in after a restart does not wait for code loading and the stores' opening.
   */
  WARM_UP_ON_START: bool.default(true),
  /** "All folders" search looks in at most this many folders (the rest are named as not searched). */
  SEARCH_ALL_MAX_FOLDERS: z.coerce.number().int().min(1).max(1000).default(60),
  /** A folder search (streamed, issue 13) stops after this long and shows what it found, saying it stopped early. */
  SEARCH_STREAM_DEADLINE_MS: z.coerce.number().int().min(500).max(120_000).default(20_000),
  /**
   * The newest UIDs a streamed folder search looks at first; each further range is four times larger. A body
   * SEARCH costs Dovecot ~0.04 ms a message here: 100 UIDs bring a common word's first rows in ~4 ms (500
   * took ~20); a rare word pays one more command (~1 ms) on its way to the same ranges.
   */
  SEARCH_FIRST_RANGE: z.coerce.number().int().min(10).max(1_000_000).default(100),
  /** A repeated identical search within this long is answered from memory while the folder is unchanged (0: never). */
  SEARCH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(600_000).default(60_000),
  /** Disk per account for the POP3 cache, imports and composer uploads together, in MB. */
  ACCOUNT_STORAGE_MAX_MB: z.coerce.number().int().min(1).default(2048),
  /**
   * postgres://user:password@host:port/database — when set, the durable data that is not mail (activity
   * trail, POP3 cache metadata/flags/search index, settings, revocations, team data) lives in PostgreSQL,
   * shared by every instance; unset, it stays in SQLite files in MAILROOM_DATA_DIR. Raw POP3 messages
   * stay in MAILROOM_DATA_DIR either way (a volume every instance mounts).
   */
  DATABASE_URL: databaseUrl,
  /** Most PostgreSQL connections one Mailroom process opens (DATABASE_URL). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** The longest one PostgreSQL statement may run, and a connection may take to open, in ms; then DATABASE_UNAVAILABLE. */
  DATABASE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /**
   * This instance's name when several run behind a load balancer: sent as X-Mailroom-Instance on every
   * response, so logs, HARs and the cluster tests can tell which instance answered. Unset: no header.
   */
  MAILROOM_INSTANCE: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "must be 1-64 letters, digits, dots, dashes or underscores").optional(),
  ...redisFields,
})
  .refine((e) => e.IMAP_HOST || e.POP3_HOST, { message: "set IMAP_HOST or POP3_HOST (or both): Mailroom needs a mail server to sign people in", path: ["IMAP_HOST"] })
  // node-pop3 cannot upgrade with STLS, so plain POP3 to another machine would send the password in the clear.
  .refine((e) => !e.POP3_HOST || e.POP3_TLS || e.ALLOW_PLAINTEXT_MAIL || isLoopbackHost(e.POP3_HOST), {
    message: "POP3_TLS=false would send passwords unencrypted to a server that is not on this machine (Mailroom cannot use STLS); set POP3_TLS=true with the server's TLS port (995), or ALLOW_PLAINTEXT_MAIL=1 for a lab",
    path: ["POP3_TLS"],
  });

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

const redisSchema = z.object(redisFields);
let redisCached: z.infer<typeof redisSchema> | null = null;

/** The Redis settings alone (lib/shared-state/state.ts), so that choosing a backend needs no mail server settings. */
export function redisEnv(source: Record<string, string | undefined> = process.env): z.infer<typeof redisSchema> {
  if (redisCached && source === process.env) return redisCached;
  const result = redisSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Mailroom configuration is invalid:\n${lines.join("\n")}\nSee .env.example.`);
  }
  if (source === process.env) redisCached = result.data;
  return result.data;
}

/**
 * Where this server answers, once `next start` listens (it sets these when the socket is bound; they are
 * read late, not at boot); null under another runner.
 */
export function listeningOrigin(source: Record<string, string | undefined> = process.env): string | null {
  const origin = source.__NEXT_PRIVATE_ORIGIN;
  if (origin && /^https?:\/\/[^/]+$/.test(origin)) return origin;
  return source.PORT && /^\d+$/.test(source.PORT) ? `http://127.0.0.1:${source.PORT}` : null;
}

/**
 * DATABASE_URL alone, without the rest of the configuration: the store factory (lib/db/backend.ts)
 * decides SQLite or PostgreSQL with it, also in tools and tests that open a cache without a full env.
 * A malformed URL throws here as at boot.
 */
export function databaseUrlSetting(source: NodeJS.ProcessEnv = process.env): string | undefined {
  if (cached) return cached.DATABASE_URL;
  const r = databaseUrl.safeParse(source.DATABASE_URL);
  if (!r.success) throw new Error(`Mailroom configuration is invalid:\n  DATABASE_URL: ${r.error.issues[0]?.message}\nSee .env.example.`);
  return r.data;
}
