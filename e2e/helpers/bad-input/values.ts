// The bad-input table's types and malformed values (e2e/helpers/bad-input-cases.ts). Plain data only.

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** What a state-changing method reads from its body (mirrors RouteOptions.body in lib/api/with-store.ts). */
export type BodyKind = "json" | "multipart" | "raw" | "none";
/** The signed-in account a case runs as: a route for POP3 accounts only must be probed as one. */
export type As = "imap" | "pop3";

export interface BadCase {
  /** What is wrong with the request, for the report. */
  what: string;
  method: Method;
  /** Path and query, already encoded. */
  url: string;
  /** Sent as application/json. */
  json?: unknown;
  /** A body with its own type (or none: contentType null). */
  raw?: { body: string; contentType: string | null };
  /** When one status is the point of the case; otherwise any 4xx. */
  status?: number;
  as?: As;
}

export interface RouteEntry {
  /** The route file, relative to the repository root. */
  route: string;
  /** Every method the route file exports, with the body it reads (GET: "none"). */
  methods: Partial<Record<Method, BodyKind>>;
  /** A well-formed URL of the route, for the generic cases (signed out, cross-site, wrong body type). */
  sample: string;
  /** Routes anyone may call (no session): no signed-out case. */
  public?: boolean;
  /** Excluded from the suite, with the reason (only next-auth's own routes). */
  excluded?: string;
  /** The generic cases may not apply to a POP3-only route as IMAP; they run as this account. */
  as?: As;
  cases: BadCase[];
}

// ---- malformed values, shared by the routes ----
export const enc = encodeURIComponent;
export const LONG = "x".repeat(10_000);
/** UIDs that are not a UID: negative, zero, past 32 bits, past 2^64, not a number, a fraction. */
export const BAD_UIDS = ["-1", "0", "4294967296", "99999999999999999999", "abc", "1.5", "%0D%0A"];
/** Folder names that are not a folder name: CR/LF (an IMAP command injection), NUL, 10 kB, empty. */
export const BAD_FOLDERS = ["INBOX\r\nA1 LOGOUT", "INBOX\u0000", LONG, ""];
/** Well-formed names of folders that do not exist (or climb): must be a 4xx, never a server error. */
export const ABSENT_FOLDERS = ["../../../etc/passwd", "No Such Folder 9f3c"];
/** Stands for the UID of a real message in the account's INBOX (the spec substitutes it, in URLs and JSON). */
export const REAL_UID = "$UID";
export const JSON_UIDS: unknown[] = [-1, 0, 4294967296, 1e20, "1", 1.5, null, [1]];

export const folderQueries = (method: Method, base: string, extra = "", as?: As): BadCase[] => [
  ...BAD_FOLDERS.map((f) => ({ what: `folder ${JSON.stringify(f.slice(0, 20))}`, method, url: `${base}?folder=${enc(f)}${extra}`, status: 400, as })),
  ...ABSENT_FOLDERS.map((f) => ({ what: `absent folder ${f}`, method, url: `${base}?folder=${enc(f)}${extra}`, as })),
  { what: "folder missing", method, url: `${base}${extra ? `?${extra.slice(1)}` : ""}`, status: 400, as },
];
export const uidPaths = (method: Method, build: (uid: string) => string): BadCase[] =>
  BAD_UIDS.map((u) => ({ what: `uid ${u}`, method, url: build(u), status: 400 }));

/** A composer body that is valid except for what a case changes. */
export const COMPOSE_BASE = { to: [], cc: [], bcc: [], subject: "s", html: "<p>x</p>", attachments: [], original: null, inReplyTo: null, references: [], draftUid: null, draftKey: null };
export const composeCases = (method: Method, url: string): BadCase[] => [
  { what: "empty object", method, url, json: {}, status: 400 },
  { what: "to is a string", method, url, json: { ...COMPOSE_BASE, to: "bob@example.test" }, status: 400 },
  { what: "subject of 10 kB", method, url, json: { ...COMPOSE_BASE, subject: LONG }, status: 400 },
  { what: "attachment id that climbs", method, url, json: { ...COMPOSE_BASE, attachments: ["../../etc/passwd"] }, status: 400 },
  { what: "negative draftUid", method, url, json: { ...COMPOSE_BASE, draftUid: -1 }, status: 400 },
  { what: "draftUid past 32 bits", method, url, json: { ...COMPOSE_BASE, draftUid: 4294967296 }, status: 400 },
  { what: "unknown original mode", method, url, json: { ...COMPOSE_BASE, original: { folder: "INBOX", uid: 1, mode: "steal" } }, status: 400 },
  { what: "original folder with CR/LF", method, url, json: { ...COMPOSE_BASE, original: { folder: "INBOX\r\nA1 LOGOUT", uid: 1, mode: "reply" } }, status: 400 },
  { what: "original uid zero", method, url, json: { ...COMPOSE_BASE, original: { folder: "INBOX", uid: 0, mode: "reply" } }, status: 400 },
  { what: "draftKey that climbs", method, url, json: { ...COMPOSE_BASE, draftKey: "../../x" }, status: 400 },
];
