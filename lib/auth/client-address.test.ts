import http from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress, clientKey, installPeerAddressHeader, PEER_HEADER } from "@/lib/auth/client-address";

describe("sign-in client address", () => {
  it("ignores X-Forwarded-For without TRUST_PROXY: rotating it keeps the same key", () => {
    const keys = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const headers = { [PEER_HEADER]: "198.51.100.7", "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `10.9.9.${i}` };
      keys.add(clientKey(clientAddress(headers, 0)));
    }
    expect([...keys]).toEqual(["ip:198.51.100.7"]);
  });

  it("with N trusted hops takes the address the outermost trusted proxy saw", () => {
    const headers = { [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.1" };
    expect(clientAddress(headers, 1)).toBe("10.0.0.1");
    expect(clientAddress(headers, 2)).toBe("203.0.113.9");
    // What the client wrote before the trusted hops never counts, however it rotates.
    expect(clientAddress({ ...headers, "x-forwarded-for": "1.1.1.1, 203.0.113.9, 10.0.0.1" }, 2)).toBe("203.0.113.9");
    // Fewer entries than hops: the request bypassed a proxy; the first entry is the best we know.
    expect(clientAddress({ [PEER_HEADER]: "10.0.0.2" }, 3)).toBe("10.0.0.2");
  });

  it("keys IPv4-mapped IPv6 as IPv4 and IPv6 by its /64", () => {
    expect(clientKey("::ffff:127.0.0.1")).toBe("ip:127.0.0.1");
    expect(clientKey("2001:db8:1:2:aaaa::1")).toBe(clientKey("2001:db8:1:2:ffff:1:2:3"));
    expect(clientKey("2001:db8:1:2::1")).toBe("ip6:2001:db8:1:2::/64");
    expect(clientKey("2001:db8:1:3::1")).not.toBe(clientKey("2001:db8:1:2::1"));
    expect(clientKey(null)).toBe("peer:unknown");
  });

  it("stamps each request with its socket address, overwriting a client-sent stamp", async () => {
    installPeerAddressHeader();
    const seen: unknown[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers[PEER_HEADER]);
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" } });
      expect(seen).toEqual(["127.0.0.1"]);
    } finally {
      server.close();
    }
  });
});
