import "server-only";
import type { ImapFlow } from "imapflow";

/*
 * ESORT (RFC 5267): SORT answering like ESEARCH. RETURN (ALL) gives the whole order as a sequence set
 * in sort order — "1:100000" for a date sort of mail that arrived in date order, instead of 100,000
 * numbers; RETURN (PARTIAL a:b COUNT) gives one page of the order and its length, where the server
 * announces CONTEXT=SORT (RFC 5267) or PARTIAL (RFC 9394). Both follow the CAPABILITY, never assumed.
 */

export interface Atom {
  type: "ATOM";
  value: string;
}
type Token = { type?: string; value?: unknown } | Token[];

interface RawExec {
  exec(command: string, attributes: unknown[], options: { untagged: Record<string, (u: { attributes?: Token[] }) => Promise<void>> }): Promise<{ next: () => void }>;
}

const atom = (value: string): Atom => ({ type: "ATOM", value });

export const hasEsort = (client: ImapFlow): boolean => client.capabilities.has("ESORT");
export const hasPartialSort = (client: ImapFlow): boolean => hasEsort(client) && (client.capabilities.has("CONTEXT=SORT") || client.capabilities.has("PARTIAL"));

/** An ESORT sequence set, in sort order ("5:3,9" is 5, 4, 3, 9), at most `max` numbers. */
export function expandOrdered(set: string, max = Number.MAX_SAFE_INTEGER): number[] {
  const out: number[] = [];
  for (const part of set.split(",")) {
    const [a, b = a] = part.split(":").map(Number);
    if (!Number.isInteger(a) || !Number.isInteger(b) || a! < 1 || b! < 1) continue;
    const step = a! <= b! ? 1 : -1;
    for (let n = a!; out.length < max; n += step) {
      out.push(n);
      if (n === b) break;
    }
  }
  return out;
}

export interface EsortAnswer {
  all: string | null;
  partial: string | null;
  count: number | null;
}

const text = (t: Token | undefined): string | null => (t && !Array.isArray(t) && typeof t.value === "string" ? t.value : null);

/** RETURN data of one ESEARCH response: the correlator list and UID first, then keyword/value pairs. */
export function readEsortAnswer(attrs: Token[]): EsortAnswer {
  const out: EsortAnswer = { all: null, partial: null, count: null };
  for (let i = 0; i < attrs.length; i++) {
    const key = text(attrs[i])?.toUpperCase();
    if (key === "ALL") out.all = text(attrs[++i]);
    else if (key === "COUNT") out.count = Number(text(attrs[++i])) || 0;
    else if (key === "PARTIAL") {
      const pair = attrs[++i];
      const set = Array.isArray(pair) ? text(pair[1]) : null;
      out.partial = set && set.toUpperCase() !== "NIL" ? set : "";
    }
  }
  return out;
}

/** The server answered NO or BAD (it announced the extension but refuses this use of it); other failures are real. */
export function refused(err: unknown): boolean {
  const status = (err as { responseStatus?: string } | null)?.responseStatus;
  return status === "NO" || status === "BAD";
}

/** UID SORT RETURN (…) over the selected mailbox; null when the server refuses it (then: a plain SORT). */
export async function esort(client: ImapFlow, criteria: Atom[], ret: string[]): Promise<EsortAnswer | null> {
  let answer: EsortAnswer = { all: null, partial: null, count: null };
  try {
    const res = await (client as unknown as RawExec).exec("UID SORT", [atom("RETURN"), ret.map(atom), criteria, atom("UTF-8"), atom("ALL")], {
      untagged: {
        ESEARCH: async (u) => {
          answer = readEsortAnswer(u.attributes ?? []);
        },
      },
    });
    res.next();
    return answer;
  } catch (err) {
    if (refused(err)) return null;
    throw err;
  }
}
