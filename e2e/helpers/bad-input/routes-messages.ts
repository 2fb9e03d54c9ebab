// The message routes: part of the standing bad-input table (e2e/helpers/bad-input-cases.ts, which explains it).
import { ABSENT_FOLDERS, BAD_FOLDERS, BAD_UIDS, enc, folderQueries, JSON_UIDS, LONG, REAL_UID, uidPaths, type BadCase, type RouteEntry } from "./values";

export const MESSAGE_ROUTES: RouteEntry[] = [
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
];
