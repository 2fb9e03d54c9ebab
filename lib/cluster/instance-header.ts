import "server-only";
import http from "node:http";

/*
 * Behind a load balancer without sticky sessions, consecutive requests of one person land on different
 * instances. The X-Mailroom-Instance header on every response (pages, API, event streams) names the
 * instance that answered, so an operator reading a HAR or a log, and the cluster e2e suite, can tell
 * which instance did what. Installed at the HTTP server (like the peer-address stamp in
 * lib/auth/client-address.ts) because Next's proxy does not run for API routes.
 */
export const INSTANCE_HEADER = "x-mailroom-instance";
const INSTALLED = Symbol.for("mailroom.instanceHeader");

export function installInstanceHeader(name: string | undefined): void {
  if (!name) return;
  const proto = http.Server.prototype as unknown as Record<symbol, unknown> & { emit: (...args: unknown[]) => boolean };
  if (proto[INSTALLED]) return;
  const original = proto.emit;
  proto.emit = function (this: http.Server, event: unknown, ...args: unknown[]) {
    if (event === "request") {
      const res = args[1] as http.ServerResponse | undefined;
      if (res && !res.headersSent) res.setHeader(INSTANCE_HEADER, name);
    }
    return original.call(this, event, ...args);
  };
  proto[INSTALLED] = true;
}
