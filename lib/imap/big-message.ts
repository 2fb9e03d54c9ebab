import "server-only";
import type { ImapFlow, MessageStructureObject } from "imapflow";
import { parseMessage, type ParsedBody } from "@/lib/mime/parse-message";
import { decodedEstimate, keepRule, PART_MARK, restoreSizes, SLIM_IMAGE_BUDGET } from "@/lib/mime/slim-source";

/*
 * A message over the whole-fetch limit, read from IMAP as a slim copy (lib/mime/slim-source.ts): the
 * skeleton is rebuilt from BODYSTRUCTURE with each entity's own header (BODY[n.MIME], BODY[n.HEADER])
 * and the bodies of the parts a person reads, all in one FETCH; big attachments never pass through.
 * The part numbers are IMAP's, so the attachment route opens every listed part as for a small message.
 */

type S = MessageStructureObject;

interface Want {
  key: string;
  max: number;
}

interface Plan {
  wants: Want[];
  /** partId → decoded size of a part whose bytes were left out. */
  sizes: Map<string, number>;
  imageBudget: number;
  marks: number;
}

const isMessage = (n: S) => n.type === "message/rfc822" || n.type === "message/global";
const isMultipart = (n: S) => (n.type ?? "").startsWith("multipart/") && Boolean(n.childNodes?.length);
// RFC 2046 forbids encoding a message part; some mailers do. Dovecot cannot look inside such a part, so it is fetched whole.
const encoded = (n: S) => /^(base64|quoted-printable)$/i.test(n.encoding ?? "");

function withBlankLine(header: string): string {
  return `${header.replace(/(\r?\n)+$/, "")}\r\n\r\n`;
}

/**
 * Builds the slim copy of one entity. `get` returns a fetched section (empty on the planning pass, when
 * it only records what to fetch). `headerKey` names this entity's header section, `bodyKey` its body.
 */
function entity(n: S, headerKey: string, bodyKey: string, plan: Plan, get: (k: string) => string): string {
  plan.wants.push({ key: headerKey, max: 256 * 1024 });
  const header = withBlankLine(get(headerKey));
  if (isMultipart(n) && n.parameters?.boundary) {
    const b = n.parameters.boundary;
    const kids = n.childNodes!.map((c) => `--${b}\r\n${child(c, plan, get)}\r\n`).join("");
    return `${header}${kids}--${b}--\r\n`;
  }
  if (isMessage(n) && n.childNodes?.length === 1 && !encoded(n)) {
    // The encapsulated message: its header is BODY[n.HEADER]; a single-part body of it is BODY[n.1].
    const inner = n.childNodes[0]!;
    return header + entity(inner, `${bodyKey}.HEADER`, isMultipart(inner) ? bodyKey : `${bodyKey}.1`, plan, get);
  }
  const type = (n.type ?? "text/plain").toLowerCase();
  const filename = n.dispositionParameters?.filename ?? n.parameters?.name ?? null;
  const rule = keepRule({ type, disposition: n.disposition?.toLowerCase() ?? null, filename, contentId: n.id?.replace(/^<|>$/g, "") ?? null });
  const size = n.size ?? 0;
  let keep = rule.max > 0 && (rule.cut || size <= rule.max);
  if (keep && type.startsWith("image/")) {
    keep = size <= plan.imageBudget;
    if (keep) plan.imageBudget -= size;
  }
  const mark = `${PART_MARK}: ${plan.marks++}\r\n`;
  if (!keep) {
    plan.sizes.set(bodyKey, decodedEstimate(size, (n.encoding ?? "").toLowerCase()));
    return mark + header;
  }
  plan.wants.push({ key: bodyKey, max: rule.max });
  return mark + header + get(bodyKey);
}

function child(c: S, plan: Plan, get: (k: string) => string): string {
  return entity(c, `${c.part}.MIME`, c.part!, plan, get);
}

/** The top-level entity: its header is BODY[HEADER]; a single-part message's body is BODY[1]. */
function whole(root: S, plan: Plan, get: (k: string) => string): string {
  if (isMultipart(root)) return entity(root, "HEADER", "", plan, get);
  return entity(root, "HEADER", "1", plan, get);
}

const newPlan = (): Plan => ({ wants: [], sizes: new Map(), imageBudget: SLIM_IMAGE_BUDGET, marks: 0 });

/** The slim copy's bytes and the real sizes of what it left out. */
export async function fetchSlimSource(client: ImapFlow, uid: number, root: S): Promise<{ source: Buffer; sizes: Map<string, number> }> {
  const planning = newPlan();
  whole(root, planning, () => "");
  const wants = [...new Map(planning.wants.map((w) => [w.key, w])).values()];
  // HEADER is asked for as "header" by imapflow's own field; the others as body sections.
  const msg = await client.fetchOne(String(uid), { uid: true, headers: true, bodyParts: wants.filter((w) => w.key !== "HEADER").map((w) => ({ key: w.key, maxLength: w.max })) }, { uid: true });
  const parts = new Map<string, Buffer>();
  if (msg) {
    if (msg.headers) parts.set("HEADER", msg.headers);
    // A partial fetch answers as BODY[1]<0>; imapflow keeps the "]<0>" in the key.
    for (const [k, v] of msg.bodyParts ?? []) parts.set(k.replace(/\]?<\d+>$/, "").toUpperCase(), v);
  }
  const plan = newPlan();
  const text = whole(root, plan, (k) => (parts.get(k.toUpperCase()) ?? Buffer.alloc(0)).toString("latin1"));
  return { source: Buffer.from(text, "latin1"), sizes: plan.sizes };
}

/** A big message's body, parsed from its slim copy like a small one. */
export async function parseBigMessage(client: ImapFlow, uid: number, root: S): Promise<ParsedBody> {
  const { source, sizes } = await fetchSlimSource(client, uid, root);
  const body = parseMessage(source);
  if (body.structure) restoreSizes(body.structure, sizes);
  return body;
}
