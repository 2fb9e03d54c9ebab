// Sign-in, account, compose, folders, settings and import routes: part of the standing bad-input table (e2e/helpers/bad-input-cases.ts, which explains it).
import { ABSENT_FOLDERS, BAD_FOLDERS, BAD_UIDS, COMPOSE_BASE, composeCases, enc, folderQueries, JSON_UIDS, LONG, type BadCase, type RouteEntry } from "./values";

export const ACCOUNT_ROUTES: RouteEntry[] = [
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
];
