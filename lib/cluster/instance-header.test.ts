import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it, vi } from "vitest";

const { installInstanceHeader } = await import("@/lib/cluster/instance-header");

describe("installInstanceHeader", () => {
  it("names the instance on every response of the process's HTTP servers", async () => {
    installInstanceHeader("mailroom-b");
    installInstanceHeader("ignored-second-call");
    const server = http.createServer((_req, res) => res.end("ok"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(res.headers.get("x-mailroom-instance")).toBe("mailroom-b");
    } finally {
      server.close();
    }
  });
});
