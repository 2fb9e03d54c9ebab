import "server-only";
import http from "node:http";
import net from "node:net";

/*
 * Which client is signing in, for the throttle. A browser can send any X-Forwarded-For it likes, and
 * Next's server only fills that header in when the request has none (`??=`), so the header alone
 * never tells the socket's address. At boot we therefore stamp every incoming request with the
 * socket's address in a header of our own, overwriting whatever the client sent in it. Proxy headers
 * count only for the hops the admin says to trust (TRUST_PROXY).
 */

export const PEER_HEADER = "x-mailroom-peer";

const INSTALLED = Symbol.for("mailroom.peerHeaderInstalled");

/** Patches Node's HTTP server once per process (idempotent across dev reloads). */
export function installPeerAddressHeader(): void {
  const proto = http.Server.prototype as unknown as Record<symbol, unknown> & { emit: (...args: unknown[]) => boolean };
  if (proto[INSTALLED]) return;
  const original = proto.emit;
  proto.emit = function (this: http.Server, event: unknown, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return original.call(this, event, ...args);
  };
  proto[INSTALLED] = true;
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): string {
  const v = headers?.[name];
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.join(",");
  return "";
}

/**
 * The client's address: the socket peer, or with `trustProxy` hops, the address the outermost trusted
 * proxy saw (the hop-th entry from the end of X-Forwarded-For followed by the peer). Null when the
 * request carries no peer stamp (the hook was not installed).
 */
export function clientAddress(headers: Record<string, unknown> | undefined, trustProxy: number): string | null {
  const peer = headerValue(headers, PEER_HEADER).trim();
  if (!peer) return null;
  if (trustProxy <= 0) return peer;
  const chain = headerValue(headers, "x-forwarded-for")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  chain.push(peer);
  // A chain shorter than the trusted hops came past the proxies; its first entry is the best we know.
  return chain[Math.max(0, chain.length - 1 - trustProxy)]!;
}

/** Expands an IPv6 address into its eight 16-bit groups, or null. */
function ipv6Groups(ip: string): number[] | null {
  let text = ip;
  const tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const o = v4[1]!.split(".").map(Number);
    tail.push((o[0]! << 8) | o[1]!, (o[2]! << 8) | o[3]!);
    text = text.slice(0, -v4[1]!.length) + "0:0";
  }
  const [head, rest] = text.split("::");
  const a = head ? head.split(":") : [];
  const b = rest !== undefined && rest ? rest.split(":") : [];
  const fill = rest === undefined ? 0 : 8 - a.length - b.length;
  const groups = [...a, ...Array<string>(Math.max(0, fill)).fill("0"), ...b].map((g) => parseInt(g, 16));
  if (groups.length !== 8 || groups.some((g) => Number.isNaN(g))) return null;
  if (tail.length) groups.splice(6, 2, ...tail);
  return groups;
}

/**
 * The throttle key for an address. IPv4 (also IPv4-mapped IPv6) as is; IPv6 by its /64, because one
 * subscriber usually holds a whole /64 and could otherwise rotate through it.
 */
export function clientKey(address: string | null): string {
  if (!address) return "peer:unknown";
  const ip = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "").toLowerCase();
  const kind = net.isIP(ip);
  if (kind === 4) return `ip:${ip}`;
  if (kind === 6) {
    const g = ipv6Groups(ip);
    if (g) {
      const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
      if (mapped) return `ip:${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
      return `ip6:${g.slice(0, 4).map((x) => x.toString(16)).join(":")}::/64`;
    }
  }
  // Not an address (a proxy that writes names): keep it, bounded in length.
  return `peer:${ip.slice(0, 100)}`;
}
