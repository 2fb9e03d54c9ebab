import "server-only";
import type { ImapFlow } from "imapflow";
import { snippetFromText } from "@/lib/shared/snippet";

/*
 * RFC 8970 PREVIEW (issue 12 point 1): the server's own preview of a message's text (up to 256 characters,
 * computed once and cached in its index — Dovecot 2.3 announces it), asked for a set of messages in one
 * UID FETCH instead of one partial-body FETCH per distinct text part. imapflow's fetch() has no PREVIEW
 * item, so the command goes through its exec() (the same path its own commands use) with an untagged
 * FETCH handler that reads only UID and PREVIEW; exec() is marked internal, hence the narrow type below.
 */

interface Token {
  type?: string;
  value?: unknown;
}
interface Untagged {
  attributes?: unknown[];
}
interface ExecClient {
  exec(command: string, attributes: unknown[], options: { untagged: Record<string, (u: Untagged) => Promise<void>> }): Promise<{ next(): void }>;
}

/*
 * Connections whose server announces PREVIEW but answered NIL for every message asked: Cyrus 3.6 does
 * this unless it is set up to compute previews. They go straight to the partial fetch afterwards, instead
 * of paying a useless round trip per page. Weak: forgotten with the connection.
 */
const answersNil = new WeakSet<ImapFlow>();

export function hasPreview(client: ImapFlow): boolean {
  // Defensive: test fakes and a connection not yet authenticated may have no capability map.
  return client.capabilities?.has("PREVIEW") === true && !answersNil.has(client);
}

function text(t: Token | undefined): string | null {
  if (!t || t.value == null) return null; // NIL: the server has no preview for it
  if (Buffer.isBuffer(t.value)) return t.value.toString("utf8");
  return typeof t.value === "string" ? t.value : null;
}

// The server skips quoted lines but keeps the attribution line and the signature, on one line.
const SIGNATURE = /(^|\s)-- (?=\S)/;
const ATTRIBUTION = /(^|\s)(on|am|le|el|il|op)\s[^]{0,160}?(wrote|schrieb|écrit|escribió|scritto|schreef)\s*:/i;

/** A row snippet from a server preview: the signature and an attribution line dropped, cut like ours. */
export function snippetFromPreview(preview: string): string {
  let s = preview.replace(/\s+/g, " ").trim();
  const sig = SIGNATURE.exec(s);
  if (sig) s = s.slice(0, sig.index);
  s = s.replace(ATTRIBUTION, " ");
  return snippetFromText(s);
}

/**
 * Snippets by UID from one `UID FETCH <uids> (UID PREVIEW)` (the caller holds the mailbox lock and has checked
 * hasPreview). A message the server answers NIL for is left out, for the caller's fallback.
 */
export async function fetchPreviews(client: ImapFlow, uids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (!uids.length) return out;
  const exec = (client as unknown as ExecClient).exec.bind(client);
  let answers = 0;
  let nil = 0;
  const response = await exec("UID FETCH", [{ type: "SEQUENCE", value: uids.join(",") }, [{ type: "ATOM", value: "UID" }, { type: "ATOM", value: "PREVIEW" }]], {
    untagged: {
      FETCH: async (u) => {
        const items = (Array.isArray(u.attributes?.[1]) ? u.attributes[1] : []) as Token[];
        let uid = 0;
        let preview: string | null = null;
        answers++;
        for (let i = 0; i + 1 < items.length; i += 2) {
          const key = String(items[i]?.value ?? "").toUpperCase();
          if (key === "UID") uid = Number(items[i + 1]?.value) || 0;
          else if (key === "PREVIEW") preview = text(items[i + 1]);
        }
        if (uid && preview != null) out.set(uid, snippetFromPreview(preview));
        else nil++;
      },
    },
  });
  // Hands the parser back: imapflow's reader waits for this before reading the next response.
  response.next();
  if (answers > 0 && nil === answers) answersNil.add(client);
  return out;
}
