// Team, presence, search, sync and upload routes: part of the standing bad-input table (e2e/helpers/bad-input-cases.ts, which explains it).
import { ABSENT_FOLDERS, BAD_FOLDERS, enc, folderQueries, LONG, type BadCase, type RouteEntry } from "./values";

/** POST { folder } bodies that must be refused: malformed, missing, or a folder the account does not have. */
const folderBodies = (url: string): BadCase[] => [
  { what: "no folder", method: "POST", url, json: {}, status: 400 },
  { what: "folder not a string", method: "POST", url, json: { folder: 5 }, status: 400 },
  ...BAD_FOLDERS.map((folder): BadCase => ({ what: `folder ${JSON.stringify(folder.slice(0, 20))}`, method: "POST", url, json: { folder }, status: 400 })),
  ...ABSENT_FOLDERS.map((folder): BadCase => ({ what: `absent folder ${folder}`, method: "POST", url, json: { folder } })),
];

export const TEAM_ROUTES: RouteEntry[] = [
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
  // Every /api address no route answers: JSON 404 (NOT_FOUND), whatever the method, after the usual guard.
  {
    route: "app/api/[...path]/route.ts",
    methods: { GET: "none", POST: "none", PUT: "none", PATCH: "none", DELETE: "none" },
    sample: "/api/no-such-route",
    cases: [
      { what: "an address no route has", method: "GET", url: "/api/no-such-route", status: 404 },
      { what: "below a real route", method: "GET", url: "/api/messages/1/no-such-part?folder=INBOX", status: 404 },
      { what: "a POST to nowhere", method: "POST", url: "/api/no-such-route/x", status: 404 },
      { what: "a DELETE to nowhere", method: "DELETE", url: "/api/folders/x/y/z", status: 404 },
    ],
  },
  { route: "app/api/team/views/route.ts", methods: { GET: "none", POST: "json" }, sample: "/api/team/views", cases: folderBodies("/api/team/views") },
  {
    route: "app/api/team/members/route.ts",
    methods: { GET: "none", POST: "json" },
    sample: "/api/team/members?folder=INBOX",
    cases: [...folderQueries("GET", "/api/team/members"), ...folderBodies("/api/team/members")],
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
