import "server-only";
import net from "node:net";

/*
 * A person's mail password goes to the IMAP, POP3 and SMTP servers. Over a plain connection to a host
 * on this machine it never crosses a network; to any other host it must be encrypted: implicit TLS
 * (IMAP_TLS / POP3_TLS / SMTP_TLS) or STARTTLS, required rather than opportunistic, so that a network
 * attacker who strips STARTTLS from the server's capabilities gets a refused sign-in, not the password.
 * ALLOW_PLAINTEXT_MAIL=1 is the escape hatch for labs.
 */

/** Loopback by the literal host only: a name that resolves to 127.0.0.1 today may not tomorrow. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (net.isIPv4(h)) return h.startsWith("127.");
  if (net.isIPv6(h)) return h === "::1" || /^(0{0,4}:){5}ffff:127\./.test(h.replace(/^::/, "0:0:0:0:0:"));
  return false;
}

/** Where a mail protocol connects, and how (IMAP, SMTP). */
export interface MailServer {
  host: string;
  port: number;
  tls: boolean;
  tlsInsecure: boolean;
  allowPlaintext: boolean;
  /** Tests only: decide what counts as loopback (a fake server on 127.0.0.1 posing as remote). */
  isLoopback?: (host: string) => boolean;
}

export interface TransportPolicyInput {
  host: string;
  /** Implicit TLS from the first byte. */
  tls: boolean;
  allowPlaintext: boolean;
  /** Injectable for tests that run a fake server on 127.0.0.1 but want it treated as remote. */
  isLoopback?: (host: string) => boolean;
}

/** True when the connection must upgrade with STARTTLS before any credentials are sent. */
export function mustStartTls({ host, tls, allowPlaintext, isLoopback = isLoopbackHost }: TransportPolicyInput): boolean {
  return !tls && !allowPlaintext && !isLoopback(host);
}
