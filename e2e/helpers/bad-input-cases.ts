/*
 * The standing bad-input table: every /api route, each of its methods, and malformed requests for it.
 * e2e/bad-input.spec.ts sends every case to the running app and expects a 4xx JSON { code, message };
 * lib/api/bad-input-table.test.ts fails when a route file under app/api has no entry here, or when an
 * entry's methods differ from what the route file exports. A new route therefore starts here.
 *
 * Plain data only (no Playwright import): the unit test reads it too.
 */

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
const enc = encodeURIComponent;
export const LONG = "x".repeat(10_000);
/** UIDs that are not a UID: negative, zero, past 32 bits, past 2^64, not a number, a fraction. */
export const BAD_UIDS = ["-1", "0", "4294967296", "99999999999999999999", "abc", "1.5", "%0D%0A"];
/** Folder names that are not a folder name: CR/LF (an IMAP command injection), NUL, 10 kB, empty. */
export const BAD_FOLDERS = ["INBOX\r\nA1 LOGOUT", "INBOX\u0000", LONG, ""];
/** Well-formed names of folders that do not exist (or climb): must be a 4xx, never a server error. */
export const ABSENT_FOLDERS = ["../../../etc/passwd", "No Such Folder 9f3c"];
/** Stands for the UID of a real message in the account's INBOX (the spec substitutes it, in URLs and JSON). */
export const REAL_UID = "$UID";
const JSON_UIDS: unknown[] = [-1, 0, 4294967296, 1e20, "1", 1.5, null, [1]];

const folderQueries = (method: Method, base: string, extra = "", as?: As): BadCase[] => [
  ...BAD_FOLDERS.map((f) => ({ what: `folder ${JSON.stringify(f.slice(0, 20))}`, method, url: `${base}?folder=${enc(f)}${extra}`, status: 400, as })),
  ...ABSENT_FOLDERS.map((f) => ({ what: `absent folder ${f}`, method, url: `${base}?folder=${enc(f)}${extra}`, as })),
  { what: "folder missing", method, url: `${base}${extra ? `?${extra.slice(1)}` : ""}`, status: 400, as },
];
const uidPaths = (method: Method, build: (uid: string) => string): BadCase[] =>
  BAD_UIDS.map((u) => ({ what: `uid ${u}`, method, url: build(u), status: 400 }));

/** A composer body that is valid except for what a case changes. */
export const COMPOSE_BASE = { to: [], cc: [], bcc: [], subject: "s", html: "<p>x</p>", attachments: [], original: null, inReplyTo: null, references: [], draftUid: null, draftKey: null };
const composeCases = (method: Method, url: string): BadCase[] => [
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

export const BAD_INPUT_ROUTES: RouteEntry[] = [
  {
    route: "app/api/auth/[...nextauth]/route.ts",
    methods: { GET: "none", POST: "raw" },
    sample: "/api/auth/session",
    excluded: "next-auth's own routes: their own CSRF token and error pages, not the { code, message } contract",
    cases: [],
  },
  { route: "app/api/health/route.ts", methods: { GET: "none" }, sample: "/api/health", public: true, cases: [] },
  { route: "app/api/account/route.ts", methods: { GET: "none" }, sample: "/api/account", cases: [] },
  {
    route: "app/api/account/settings/route.ts",
    methods: { PUT: "json" },
    sample: "/api/account/settings",
    as: "pop3",
    cases: [
      { what: "IMAP account", method: "PUT", url: "/api/account/settings", json: { keepDays: 7 }, status: 400, as: "imap" },
      ...[{ policy: "sometimes" }, { keepDays: -1 }, { keepDays: 0 }, { keepDays: "7" }, { keepDays: 1e12 }, { intervalSeconds: 1 }, { intervalSeconds: "abc" }, { unknown: 1 }, { policy: LONG }].map(
        (json): BadCase => ({ what: `settings ${JSON.stringify(json).slice(0, 40)}`, method: "PUT", url: "/api/account/settings", json, status: 400, as: "pop3" }),
      ),
    ],
  },
  {
    route: "app/api/compose/draft/route.ts",
    methods: { PUT: "json", POST: "json", DELETE: "none" },
    sample: "/api/compose/draft",
    cases: [
      ...composeCases("PUT", "/api/compose/draft"),
      ...composeCases("POST", "/api/compose/draft"),
      ...["-1", "0", "abc", "4294967296", "99999999999999999999"].map((u): BadCase => ({ what: `delete uid ${u}`, method: "DELETE", url: `/api/compose/draft?uid=${u}`, status: 400 })),
      { what: "delete key that climbs", method: "DELETE", url: `/api/compose/draft?key=${enc("../../x")}`, status: 400 },
      { what: "delete key of 10 kB", method: "DELETE", url: `/api/compose/draft?key=${LONG}`, status: 400 },
    ],
  },
  {
    route: "app/api/compose/prefill/route.ts",
    methods: { POST: "json" },
    sample: "/api/compose/prefill",
    cases: [
      ...JSON_UIDS.map((uid): BadCase => ({ what: `uid ${JSON.stringify(uid)}`, method: "POST", url: "/api/compose/prefill", json: { folder: "INBOX", uid, mode: "reply" }, status: 400 })),
      ...BAD_FOLDERS.map((folder): BadCase => ({ what: `folder ${JSON.stringify(folder.slice(0, 20))}`, method: "POST", url: "/api/compose/prefill", json: { folder, uid: 1, mode: "forward" }, status: 400 })),
      ...ABSENT_FOLDERS.map((folder): BadCase => ({ what: `absent folder ${folder}`, method: "POST", url: "/api/compose/prefill", json: { folder, uid: 1, mode: "forward" } })),
      { what: "unknown mode", method: "POST", url: "/api/compose/prefill", json: { folder: "INBOX", uid: 1, mode: "steal" }, status: 400 },
      { what: "missing mode", method: "POST", url: "/api/compose/prefill", json: { folder: "INBOX", uid: 1 }, status: 400 },
      { what: "a UID that is not there", method: "POST", url: "/api/compose/prefill", json: { folder: "INBOX", uid: 4294967295, mode: "forward" } },
    ],
  },
  {
    route: "app/api/compose/send/route.ts",
    methods: { POST: "json" },
    sample: "/api/compose/send",
    cases: [
      ...composeCases("POST", "/api/compose/send"),
      { what: "no recipient", method: "POST", url: "/api/compose/send", json: COMPOSE_BASE },
      { what: "header injection in To", method: "POST", url: "/api/compose/send", json: { ...COMPOSE_BASE, to: ["bob@example.test\r\nBcc: carol@example.test"] } },
      { what: "to of 10 kB", method: "POST", url: "/api/compose/send", json: { ...COMPOSE_BASE, to: [LONG] }, status: 400 },
    ],
  },
  {
    route: "app/api/contacts/route.ts",
    methods: { GET: "none" },
    sample: "/api/contacts?q=a",
    cases: [{ what: "query of 10 kB", method: "GET", url: `/api/contacts?q=${LONG}`, status: 400 }],
  },
  {
    route: "app/api/events/route.ts",
    methods: { GET: "none" },
    sample: "/api/events?folder=INBOX",
    cases: [
      ...BAD_FOLDERS.map((f): BadCase => ({ what: `folder ${JSON.stringify(f.slice(0, 20))}`, method: "GET", url: `/api/events?folder=${enc(f)}`, status: 400 })),
      { what: "folder missing", method: "GET", url: "/api/events", status: 400 },
      { what: "since not a token", method: "GET", url: "/api/events?folder=INBOX&since=abc", status: 400 },
      { what: "since of 10 kB", method: "GET", url: `/api/events?folder=INBOX&since=${LONG}`, status: 400 },
    ],
  },
  {
    route: "app/api/export/route.ts",
    methods: { GET: "none" },
    sample: "/api/export",
    as: "pop3",
    cases: [
      { what: "IMAP account", method: "GET", url: "/api/export", status: 400, as: "imap" },
      { what: "unknown format", method: "GET", url: "/api/export?format=rar", status: 400, as: "pop3" },
      ...BAD_FOLDERS.filter(Boolean).map((f): BadCase => ({ what: `folder ${JSON.stringify(f.slice(0, 20))}`, method: "GET", url: `/api/export?folder=${enc(f)}`, status: 400, as: "pop3" })),
      ...ABSENT_FOLDERS.map((f): BadCase => ({ what: `absent folder ${f}`, method: "GET", url: `/api/export?folder=${enc(f)}`, as: "pop3" })),
    ],
  },
  {
    route: "app/api/folders/route.ts",
    methods: { GET: "none", POST: "json", PATCH: "json", DELETE: "none" },
    sample: "/api/folders",
    cases: [
      ...[{}, { parent: null }, { parent: 5, name: "x" }, { parent: null, name: 5 }, { parent: null, name: "" }, { parent: null, name: "  " }, { parent: null, name: "a\r\nb" }, { parent: null, name: "a\u0000b" }, { parent: null, name: LONG }, { parent: null, name: "a/b" }, { parent: null, name: "*" }, { parent: "INBOX\r\nA1 LOGOUT", name: "x" }, { parent: "../../..", name: "x" }, { parent: "No Such Folder 9f3c", name: "x" }, { parent: null, name: "INBOX" }].map(
        (json): BadCase => ({ what: `create ${JSON.stringify(json).slice(0, 40)}`, method: "POST", url: "/api/folders", json }),
      ),
      ...[{}, { path: "INBOX", newName: "Renamed" }, { path: "Trash", newName: "x" }, { path: "../../..", newName: "x" }, { path: "INBOX\u0000", newName: "x" }, { path: "No Such Folder 9f3c", newName: "x" }, { path: 5, newName: "x" }, { path: LONG, newName: "x" }].map(
        (json): BadCase => ({ what: `rename ${JSON.stringify(json).slice(0, 40)}`, method: "PATCH", url: "/api/folders", json }),
      ),
      ...["", "INBOX", "Sent", "../../..", "INBOX\r\nA1 LOGOUT", "INBOX\u0000", LONG, "No Such Folder 9f3c"].map(
        (p): BadCase => ({ what: `delete ${JSON.stringify(p.slice(0, 20))}`, method: "DELETE", url: `/api/folders?path=${enc(p)}` }),
      ),
      { what: "delete without path", method: "DELETE", url: "/api/folders", status: 400 },
    ],
  },
  // --- conversations (issue 12 point 2) ---
  {
    route: "app/api/conversations/route.ts",
    methods: { GET: "none" },
    sample: "/api/conversations?folder=INBOX",
    cases: [
      ...folderQueries("GET", "/api/conversations"),
      ...["0", "-1", "201", "abc"].map((l): BadCase => ({ what: `limit ${l}`, method: "GET", url: `/api/conversations?folder=INBOX&limit=${l}`, status: 400 })),
      ...BAD_UIDS.map((u): BadCase => ({ what: `before ${u}`, method: "GET", url: `/api/conversations?folder=INBOX&before=${u}`, status: 400 })),
    ],
  },
  {
    route: "app/api/account/conversations/route.ts",
    methods: { GET: "none", PUT: "json" },
    sample: "/api/account/conversations",
    cases: [{}, { enabled: "yes" }, { enabled: 1 }, { enabled: null }, { enabled: true, extra: 1 }, []].map((json): BadCase => ({ what: `conversations ${JSON.stringify(json).slice(0, 30)}`, method: "PUT", url: "/api/account/conversations", json, status: 400 })),
  },
  {
    route: "app/api/identity/route.ts",
    methods: { GET: "none", PUT: "json" },
    sample: "/api/identity",
    cases: [{}, { fromName: 5 }, { fromName: LONG }, { fromName: null }, []].map((json): BadCase => ({ what: `identity ${JSON.stringify(json).slice(0, 30)}`, method: "PUT", url: "/api/identity", json, status: 400 })),
  },
  {
    route: "app/api/settings/route.ts",
    methods: { GET: "none", PUT: "json" },
    sample: "/api/settings",
    cases: [
      [],
      null,
      { theme: "neon" },
      { density: 3 },
      { readingPane: "left" },
      { conversations: "yes" },
      { timeZone: "Mars/Olympus" },
      { dateFormat: LONG },
      { undoSendSeconds: -1 },
      { undoSendSeconds: 3600 },
      { undoSendSeconds: 1.5 },
      { identities: [] },
      { identities: [{ id: "a", name: "A", signature: LONG }] },
      { identities: [{ id: "a b", name: "A", signature: "" }] },
      { identities: [{ id: "a", name: "A", signature: "" }, { id: "a", name: "B", signature: "" }] },
      { unknownKey: true },
    ].map((json): BadCase => ({ what: `settings ${JSON.stringify(json)?.slice(0, 40)}`, method: "PUT", url: "/api/settings", json, status: 400 })),
  },
  {
    route: "app/api/quota/route.ts",
    methods: { GET: "none" },
    sample: "/api/quota",
    cases: [],
  },
  {
    route: "app/api/quota/largest/route.ts",
    methods: { GET: "none" },
    sample: "/api/quota/largest",
    cases: [
      ...["0", "-1", "101", "abc", "1.5", LONG].map((l): BadCase => ({ what: `limit ${l.slice(0, 20)}`, method: "GET", url: `/api/quota/largest?limit=${enc(l)}`, status: 400 })),
      ],
    },
  {
    route: "app/api/folder-sort/route.ts",
    methods: { PUT: "json" },
    sample: "/api/folder-sort",
    cases: [
      ...[{}, { folder: "INBOX" }, { folder: "INBOX", sort: "colour-asc" }, { folder: "INBOX", sort: "from" }, { folder: "INBOX", sort: 5 }, { folder: 5, sort: "from-asc" }, { folder: "INBOX", sort: "from-asc", extra: 1 }, []].map(
        (json): BadCase => ({ what: `sort ${JSON.stringify(json).slice(0, 40)}`, method: "PUT", url: "/api/folder-sort", json, status: 400 }),
      ),
      ...BAD_FOLDERS.map((f): BadCase => ({ what: `folder ${JSON.stringify(f.slice(0, 20))}`, method: "PUT", url: "/api/folder-sort", json: { folder: f, sort: "from-asc" }, status: 400 })),
      ...ABSENT_FOLDERS.map((f): BadCase => ({ what: `absent folder ${f}`, method: "PUT", url: "/api/folder-sort", json: { folder: f, sort: "from-asc" }, status: 404 })),
    ],
  },
  {
    route: "app/api/import/route.ts",
    methods: { POST: "raw" },
    sample: "/api/import?folder=INBOX",
    as: "pop3",
    cases: [
      { what: "IMAP account", method: "POST", url: "/api/import?folder=INBOX", raw: { body: "From x\n\n", contentType: "application/mbox" }, status: 400, as: "imap" },
      ...BAD_FOLDERS.map((f): BadCase => ({ what: `folder ${JSON.stringify(f.slice(0, 20))}`, method: "POST", url: `/api/import?folder=${enc(f)}`, raw: { body: "From x\n\n", contentType: "application/mbox" }, status: 400, as: "pop3" })),
      ...ABSENT_FOLDERS.map((f): BadCase => ({ what: `absent folder ${f}`, method: "POST", url: `/api/import?folder=${enc(f)}`, raw: { body: "From x\n\n", contentType: "application/mbox" }, as: "pop3" })),
      { what: "folder missing", method: "POST", url: "/api/import", raw: { body: "From x\n\n", contentType: "application/mbox" }, status: 400, as: "pop3" },
    ],
  },
  {
    route: "app/api/messages/route.ts",
    methods: { GET: "none" },
    sample: "/api/messages?folder=INBOX",
    cases: [
      ...folderQueries("GET", "/api/messages"),
      ...["0", "-1", "201", "abc", "1e400"].map((l): BadCase => ({ what: `limit ${l}`, method: "GET", url: `/api/messages?folder=INBOX&limit=${l}`, status: 400 })),
      ...BAD_UIDS.map((u): BadCase => ({ what: `before ${u}`, method: "GET", url: `/api/messages?folder=INBOX&before=${u}`, status: 400 })),
      { what: "unknown search field", method: "GET", url: "/api/messages?folder=INBOX&q=a&field=everything", status: 400 },
      { what: "search of 10 kB", method: "GET", url: `/api/messages?folder=INBOX&q=${LONG}`, status: 400 },
      ...["newest", "2026-13-45", "2026-1-1", "yesterday"].map((j): BadCase => ({ what: `jump ${j}`, method: "GET", url: `/api/messages?folder=INBOX&jump=${j}`, status: 400 })),
      ...["colour-asc", "from", "FROM-ASC"].map((o): BadCase => ({ what: `sort ${o}`, method: "GET", url: `/api/messages?folder=INBOX&sort=${o}`, status: 400 })),
    ],
  },
  {
    route: "app/api/messages/actions/route.ts",
    methods: { POST: "json" },
    sample: "/api/messages/actions",
    cases: [
      ...[
        {},
        { action: "explode", folder: "INBOX", uids: [1] },
        { action: "read", folder: "INBOX" },
        { action: "read", folder: "INBOX", uids: [] },
        { action: "read", folder: "INBOX", uids: "1" },
        ...JSON_UIDS.map((u) => ({ action: "delete", folder: "INBOX", uids: [u] })),
        { action: "read", folder: "INBOX", uids: Array.from({ length: 5001 }, (_, i) => i + 1) },
        { action: "move", folder: "INBOX", uids: [1] },
        { action: "move", folder: "INBOX", uids: [1], target: "Archive\r\nA1 LOGOUT" },
        { action: "move", folder: "INBOX", uids: [1], target: LONG },
        { action: "move", folder: "INBOX", uids: [1], target: "" },
        ...BAD_FOLDERS.map((folder) => ({ action: "flag", folder, uids: [1] })),
        ...ABSENT_FOLDERS.map((folder) => ({ action: "delete", folder, uids: [1] })),
        { action: "move", folder: "INBOX", uids: [REAL_UID], target: "No Such Folder 9f3c" },
      ].map((json): BadCase => ({ what: `action ${JSON.stringify(json).slice(0, 60)}`, method: "POST", url: "/api/messages/actions", json })),
    ],
  },
  {
    route: "app/api/messages/[uid]/route.ts",
    methods: { GET: "none", POST: "json" },
    sample: "/api/messages/1?folder=INBOX",
    cases: [
      ...uidPaths("GET", (u) => `/api/messages/${u}?folder=INBOX`),
      ...folderQueries("GET", "/api/messages/1"),
      { what: "a UID that is not there", method: "GET", url: "/api/messages/4294967295?folder=INBOX", status: 404 },
      ...uidPaths("POST", (u) => `/api/messages/${u}`).map((c) => ({ ...c, json: { folder: "INBOX" } })),
      ...BAD_FOLDERS.map((folder): BadCase => ({ what: `opened in folder ${JSON.stringify(folder.slice(0, 20))}`, method: "POST", url: "/api/messages/1", json: { folder }, status: 400 })),
      ...ABSENT_FOLDERS.map((folder): BadCase => ({ what: `opened in absent folder ${folder}`, method: "POST", url: "/api/messages/1", json: { folder } })),
      { what: "opened without folder", method: "POST", url: "/api/messages/1", json: {}, status: 400 },
      { what: "opened: a UID that is not there", method: "POST", url: "/api/messages/4294967295", json: { folder: "INBOX" }, status: 404 },
    ],
  },
  {
    route: "app/api/messages/[uid]/activity/route.ts",
    methods: { GET: "none" },
    sample: "/api/messages/1/activity?folder=INBOX",
    cases: [...uidPaths("GET", (u) => `/api/messages/${u}/activity?folder=INBOX`), ...folderQueries("GET", "/api/messages/1/activity")],
  },
  {
    route: "app/api/messages/[uid]/attachments/[part]/route.ts",
    methods: { GET: "none" },
    sample: "/api/messages/1/attachments/2?folder=INBOX",
    cases: [
      ...uidPaths("GET", (u) => `/api/messages/${u}/attachments/2?folder=INBOX`),
      ...folderQueries("GET", "/api/messages/1/attachments/2"),
      ...["0.", "1..2", "a", "1;2", "-1", "99999999999999999999999", "1.99999999999999999999", `${"1.".repeat(2000)}1`, "9"].map(
        (p): BadCase => ({ what: `part ${p.slice(0, 20)}`, method: "GET", url: `/api/messages/${REAL_UID}/attachments/${enc(p)}?folder=INBOX` }),
      ),
    ],
  },
  {
    route: "app/api/messages/[uid]/body/route.ts",
    methods: { GET: "none" },
    sample: "/api/messages/1/body?folder=INBOX",
    cases: [
      ...uidPaths("GET", (u) => `/api/messages/${u}/body?folder=INBOX`),
      ...folderQueries("GET", "/api/messages/1/body"),
      { what: "images=2", method: "GET", url: "/api/messages/1/body?folder=INBOX&images=2", status: 400 },
      { what: "a message without an HTML body", method: "GET", url: `/api/messages/${REAL_UID}/body?folder=INBOX`, status: 404 },
    ],
  },
  // --- everyday actions (issue 12): the raw source, and every UID of a folder for "select all" ---
  {
    route: "app/api/messages/[uid]/source/route.ts",
    methods: { GET: "none" },
    sample: "/api/messages/1/source?folder=INBOX",
    cases: [
      ...uidPaths("GET", (u) => `/api/messages/${u}/source?folder=INBOX`),
      ...folderQueries("GET", "/api/messages/1/source"),
      { what: "download=2", method: "GET", url: "/api/messages/1/source?folder=INBOX&download=2", status: 400 },
      { what: "a UID that is not there", method: "GET", url: "/api/messages/4294967295/source?folder=INBOX", status: 404 },
    ],
  },
  {
    route: "app/api/messages/uids/route.ts",
    methods: { GET: "none" },
    sample: "/api/messages/uids?folder=INBOX",
    cases: [...folderQueries("GET", "/api/messages/uids"), { what: "unseen=yes", method: "GET", url: "/api/messages/uids?folder=INBOX&unseen=yes", status: 400 }],
  },
  {
    route: "app/api/messages/[uid]/reply-check/route.ts",
    methods: { GET: "none" },
    sample: "/api/messages/1/reply-check?folder=INBOX&since=2026-01-01T00:00:00Z",
    cases: [
      ...uidPaths("GET", (u) => `/api/messages/${u}/reply-check?folder=INBOX&since=2026-01-01T00:00:00Z`),
      ...folderQueries("GET", "/api/messages/1/reply-check", "&since=2026-01-01T00:00:00Z"),
      { what: "since not a date", method: "GET", url: "/api/messages/1/reply-check?folder=INBOX&since=yesterday", status: 400 },
      { what: "answered=maybe", method: "GET", url: "/api/messages/1/reply-check?folder=INBOX&since=2026-01-01T00:00:00Z&answered=maybe", status: 400 },
    ],
  },
  // --- team work (issue 11): assignments, notes, the Assign list, the folder list's views ---
  {
    route: "app/api/messages/[uid]/assign/route.ts",
    methods: { POST: "json" },
    sample: "/api/messages/1/assign",
    cases: [
      ...BAD_UIDS.map((u): BadCase => ({ what: `assign uid ${u}`, method: "POST", url: `/api/messages/${u}/assign`, json: { folder: "INBOX", assignee: null }, status: 400 })),
      ...[{}, { folder: "INBOX" }, { folder: "INBOX", assignee: 5 }, { folder: "INBOX", assignee: "../../x" }, { folder: "INBOX", assignee: LONG }, { folder: "INBOX\r\nA1 LOGOUT", assignee: null }, { folder: LONG, assignee: null }].map(
        (json): BadCase => ({ what: `assign ${JSON.stringify(json).slice(0, 40)}`, method: "POST", url: "/api/messages/1/assign", json, status: 400 }),
      ),
      ...ABSENT_FOLDERS.map((folder): BadCase => ({ what: `assign in absent folder ${folder}`, method: "POST", url: "/api/messages/1/assign", json: { folder, assignee: null } })),
      { what: "assign to someone not in the Assign list", method: "POST", url: `/api/messages/${REAL_UID}/assign`, json: { folder: "INBOX", assignee: "nobody-at-all" }, status: 422 },
      { what: "assign a UID that is not there", method: "POST", url: "/api/messages/4294967295/assign", json: { folder: "INBOX", assignee: null }, status: 404 },
    ],
  },
  {
    route: "app/api/messages/[uid]/notes/route.ts",
    methods: { GET: "none", POST: "json", PATCH: "json", DELETE: "json" },
    sample: "/api/messages/1/notes?folder=INBOX",
    cases: [
      ...uidPaths("GET", (u) => `/api/messages/${u}/notes?folder=INBOX`),
      ...folderQueries("GET", "/api/messages/1/notes"),
      ...[{}, { folder: "INBOX" }, { folder: "INBOX", body: 5 }, { folder: "INBOX\u0000", body: "x" }, { folder: "INBOX", body: "x".repeat(100_001) }].map(
        (json): BadCase => ({ what: `add note ${JSON.stringify(json).slice(0, 40)}`, method: "POST", url: "/api/messages/1/notes", json, status: 400 }),
      ),
      { what: "a note of only spaces", method: "POST", url: `/api/messages/${REAL_UID}/notes`, json: { folder: "INBOX", body: "   " }, status: 400 },
      { what: "a note past the length cap", method: "POST", url: `/api/messages/${REAL_UID}/notes`, json: { folder: "INBOX", body: "x".repeat(5000) }, status: 413 },
      ...[{ folder: "INBOX", body: "x" }, { folder: "INBOX", id: "../../x", body: "x" }, { folder: "INBOX", id: LONG, body: "x" }].map(
        (json): BadCase => ({ what: `edit note ${JSON.stringify(json).slice(0, 40)}`, method: "PATCH", url: "/api/messages/1/notes", json, status: 400 }),
      ),
      { what: "edit a note that is not there", method: "PATCH", url: `/api/messages/${REAL_UID}/notes`, json: { folder: "INBOX", id: "00000000-0000-4000-8000-000000000000", body: "x" }, status: 404 },
      ...[{ folder: "INBOX" }, { folder: "INBOX", id: 1 }, { id: "00000000-0000-4000-8000-000000000000" }].map(
        (json): BadCase => ({ what: `delete note ${JSON.stringify(json).slice(0, 40)}`, method: "DELETE", url: "/api/messages/1/notes", json, status: 400 }),
      ),
      { what: "delete a note that is not there", method: "DELETE", url: `/api/messages/${REAL_UID}/notes`, json: { folder: "INBOX", id: "00000000-0000-4000-8000-000000000000" }, status: 404 },
    ],
  },
  {
    route: "app/api/team/route.ts",
    methods: { GET: "none" },
    sample: "/api/team?folder=INBOX&uids=1",
    cases: [
      ...folderQueries("GET", "/api/team", "&uids=1"),
      ...["-1", "0", "abc", "1,,x", "4294967296", "1.5", Array.from({ length: 501 }, (_, i) => i + 1).join(","), LONG].map(
        (u): BadCase => ({ what: `uids ${u.slice(0, 20)}`, method: "GET", url: `/api/team?folder=INBOX&uids=${enc(u)}`, status: 400 }),
      ),
    ],
  },
  { route: "app/api/team/views/route.ts", methods: { GET: "none" }, sample: "/api/team/views", cases: [] },
  {
    route: "app/api/team/members/route.ts",
    methods: { GET: "none" },
    sample: "/api/team/members?folder=INBOX",
    cases: [...folderQueries("GET", "/api/team/members")],
  },
  {
    route: "app/api/presence/route.ts",
    methods: { POST: "json" },
    sample: "/api/presence",
    cases: [
      {},
      { folder: "INBOX", uid: 1, activity: "dancing" },
      { folder: "INBOX", uid: -1, activity: "viewing" },
      { folder: "INBOX", uid: "1", activity: "viewing" },
      { folder: "INBOX", uid: 1, activity: "viewing", client: "../../x" },
      { folder: "INBOX", uid: 1, activity: "viewing", client: LONG },
      { folder: LONG, uid: 1, activity: "viewing" },
      { folder: 5, uid: 1, activity: "viewing" },
    ].map((json): BadCase => ({ what: `presence ${JSON.stringify(json).slice(0, 50)}`, method: "POST", url: "/api/presence", json, status: 400 })),
  },
  // Search (issue 12): "All folders" and the recent searches of the account.
  {
    route: "app/api/search/route.ts",
    methods: { GET: "none" },
    sample: "/api/search?q=a",
    cases: [
      { what: "no query", method: "GET", url: "/api/search", status: 400 },
      { what: "empty query", method: "GET", url: "/api/search?q=%20", status: 400 },
      { what: "query of 10 kB", method: "GET", url: `/api/search?q=${LONG}`, status: 400 },
      { what: "unknown field", method: "GET", url: "/api/search?q=a&field=cc", status: 400 },
      { what: "per-folder count past the cap", method: "GET", url: "/api/search?q=a&perFolder=5000", status: 400 },
    ],
  },
  // Streamed folder search (issue 13).
  {
    route: "app/api/search/stream/route.ts",
    methods: { GET: "none" },
    sample: "/api/search/stream?folder=INBOX&q=a",
    cases: [
      { what: "no folder", method: "GET", url: "/api/search/stream?q=a", status: 400 },
      { what: "no query", method: "GET", url: "/api/search/stream?folder=INBOX", status: 400 },
      { what: "empty query", method: "GET", url: "/api/search/stream?folder=INBOX&q=%20", status: 400 },
      { what: "query of 10 kB", method: "GET", url: `/api/search/stream?folder=INBOX&q=${LONG}`, status: 400 },
      { what: "unknown field", method: "GET", url: "/api/search/stream?folder=INBOX&q=a&field=cc", status: 400 },
      { what: "page size past the cap", method: "GET", url: "/api/search/stream?folder=INBOX&q=a&limit=5000", status: 400 },
      { what: "folder path of 10 kB", method: "GET", url: `/api/search/stream?folder=${LONG}&q=a`, status: 400 },
    ],
  },
  {
    route: "app/api/search/recent/route.ts",
    methods: { GET: "none", POST: "json", DELETE: "none" },
    sample: "/api/search/recent",
    cases: [{}, { q: "" }, { q: 5 }, { q: LONG }, []].map((json): BadCase => ({ what: `recent search ${JSON.stringify(json).slice(0, 30)}`, method: "POST", url: "/api/search/recent", json, status: 400 })),
  },
  {
    route: "app/api/sync/route.ts",
    methods: { GET: "none", POST: "none" },
    sample: "/api/sync",
    cases: [{ what: "a form body", method: "POST", url: "/api/sync", raw: { body: "a=1", contentType: "application/x-www-form-urlencoded" }, status: 415 }],
  },
  {
    route: "app/api/uploads/route.ts",
    methods: { POST: "multipart" },
    sample: "/api/uploads",
    cases: [
      { what: "multipart without a file", method: "POST", url: "/api/uploads", raw: { body: "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n", contentType: "multipart/form-data; boundary=b" }, status: 400 },
      { what: "multipart without a boundary", method: "POST", url: "/api/uploads", raw: { body: "garbage", contentType: "multipart/form-data" }, status: 400 },
      { what: "multipart cut short", method: "POST", url: "/api/uploads", raw: { body: "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nabc", contentType: "multipart/form-data; boundary=b" } },
      { what: "a JSON body", method: "POST", url: "/api/uploads", json: { file: "abc" }, status: 415 },
    ],
  },
  {
    route: "app/api/uploads/[id]/route.ts",
    methods: { DELETE: "none" },
    sample: "/api/uploads/0123456789abcdef0123456789abcdef",
    cases: ["..%2F..%2Fetc", "abc", "0123456789abcdef0123456789abcdef0", "%00", LONG].map((id): BadCase => ({ what: `id ${id.slice(0, 20)}`, method: "DELETE", url: `/api/uploads/${id}`, status: 400 })),
  },
];
