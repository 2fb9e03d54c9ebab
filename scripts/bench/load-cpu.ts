/**
 * The app's CPU per request, by route (part of the load section): after the load, one session of a
 * load account sends each kind of request the sessions sent, one at a time, and the app's process tree
 * CPU time (/proc) is divided by the count. One request at a time, so this is the cost of a request
 * itself, not of a queue; with the load's requests per second it says how many cores one process needs
 * (a Node process runs its JavaScript on one). /api/health is the Next.js hop alone (no session, no
 * IMAP): the rest of each route's cost is the route's own work.
 */
import { performance } from "node:perf_hooks";
import type { Client } from "./http";
import { SEARCH_WORDS } from "./load-plan";
import { treeCpuSeconds } from "./load-system";
import { round } from "./stats";

export interface RouteCost {
  requests: number;
  cpu_ms_per_request: number;
  wall_ms_per_request: number;
}

export type RouteCosts = Record<"health" | "list" | "open" | "body" | "search_repeated", RouteCost>;

interface Detail {
  bodyKind?: string;
  bodyUrl?: string | null;
}

export async function cpuByRoute(o: { client: Client; appPid: number; folder: string; limit: number; requests: number }): Promise<RouteCosts> {
  const page = JSON.parse(await o.client.getText(`/api/messages?folder=${o.folder}&limit=${o.limit}`)) as { messages: { uid: number }[] };
  const uids = page.messages.map((m) => m.uid);
  if (uids.length === 0) throw new Error(`${o.folder} of the load account is empty`);
  const bodies: string[] = [];
  for (const uid of uids) {
    const d = JSON.parse(await o.client.getText(`/api/messages/${uid}?folder=${o.folder}`)) as Detail;
    if (d.bodyKind === "html" && d.bodyUrl) bodies.push(d.bodyUrl);
  }
  const paths: Record<keyof RouteCosts, (i: number) => string> = {
    health: () => "/api/health",
    list: () => `/api/messages?folder=${o.folder}&limit=${o.limit}`,
    open: (i) => `/api/messages/${uids[i % uids.length]}?folder=${o.folder}`,
    body: (i) => bodies[i % Math.max(1, bodies.length)] ?? "/api/health",
    // Four words over and over: what a search costs once the same search ran (served from memory).
    search_repeated: (i) => `/api/search?q=${SEARCH_WORDS[i % 4]}`,
  };
  const out = {} as RouteCosts;
  for (const [name, path] of Object.entries(paths) as [keyof RouteCosts, (i: number) => string][]) {
    for (let i = 0; i < 8; i++) await o.client.getText(path(i)); // warm: caches and JIT
    const cpu0 = treeCpuSeconds(o.appPid);
    const t0 = performance.now();
    for (let i = 0; i < o.requests; i++) await o.client.getText(path(i));
    const wall = performance.now() - t0;
    const cpu = (treeCpuSeconds(o.appPid) - cpu0) * 1000;
    out[name] = { requests: o.requests, cpu_ms_per_request: round(cpu / o.requests, 2), wall_ms_per_request: round(wall / o.requests, 2) };
  }
  return out;
}
