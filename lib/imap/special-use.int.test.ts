import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { altStack, appendAt, connectAt, createShared, resetAt, withImapAt, type AltStack } from "@/e2e/helpers/alt-dovecot";
import { AccountPool } from "@/lib/imap/pool";
import { ImapStore } from "@/lib/imap/imap-store";
import { forgetNamespaces } from "@/lib/imap/namespaces";
import { plainMessage, SEED_EPOCH } from "@/scripts/seed-lib";

/** Where a delete went (the store answers the folder, with the new UIDs when the server gave them). */
const destinationOf = (r: string | { destination: string }) => (typeof r === "string" ? r : r.destination);

/*
 * A server without SPECIAL-USE (RFC 6154): a Dovecot (config/dovecot/layout-no-special-use.conf) that
 * neither flags its folders nor announces the extension, and names them the Outlook way ("Sent
 * Items", "Deleted Items", "Junk E-mail"). Mailroom must still find them, by name, and never take a
 * colleague's shared "Deleted Items" for the user's own. Started and stopped here, 320 ports above
 * the suite's IMAP port. Users t156–t157 are this file's own.
 */

const SUITE_PORT = Number(process.env.IMAP_PORT ?? 2143);
const STACK: AltStack = { conf: "layout-no-special-use.conf", dir: "alt-no-special-use", port: SUITE_PORT + 320 };
const user = (n: number) => ({ email: `t${n}@example.test`, password: "test-pass" });
const OWNER = user(156);
const COLLEAGUE = user(157);

const pools: AccountPool[] = [];
function store(u: { email: string; password: string }): ImapStore {
  const pool = new AccountPool(`${u.email}#${STACK.port}`, { user: u.email, password: u.password }, 2, (c) => connectAt(STACK.port, { email: c.user, password: c.password }));
  pools.push(pool);
  return new ImapStore(pool, u.email);
}

beforeAll(async () => {
  await altStack(STACK, "start");
  forgetNamespaces();
  for (const u of [OWNER, COLLEAGUE]) await resetAt(STACK.port, u);
}, 120_000);

afterAll(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close().catch(() => {})));
  await altStack(STACK, "stop").catch(() => {});
}, 60_000);

describe("special-use folders on a server without SPECIAL-USE", () => {
  it("the server really has neither the capability nor the flags", async () => {
    await withImapAt(STACK.port, OWNER, async (c) => {
      expect(c.capabilities.has("SPECIAL-USE")).toBe(false);
      expect(c.capabilities.has("XLIST")).toBe(false);
    });
  });

  it("finds Drafts, Sent Items, Archive, Junk E-mail and Deleted Items by name, and deletes into Deleted Items", async () => {
    const s = store(OWNER);
    const folders = await s.listFolders();
    const use = Object.fromEntries(folders.filter((f) => f.specialUse).map((f) => [f.specialUse, f.path]));
    expect(use).toEqual({ inbox: "INBOX", drafts: "Drafts", sent: "Sent Items", archive: "Archive", junk: "Junk E-mail", trash: "Deleted Items" });
    const uid = await appendAt(STACK.port, OWNER, "INBOX", plainMessage({ from: "customer@example.test", to: OWNER.email, subject: "Delete me", date: SEED_EPOCH, text: "x" }));
    expect(destinationOf(await s.remove("INBOX", [uid]))).toBe("Deleted Items");
    expect((await s.listMessages("Deleted Items", { limit: 5 })).messages.map((m) => m.subject)).toEqual(["Delete me"]);
  });

  it("keeps a colleague's shared Deleted Items and Sent Items out of the user's own special folders", async () => {
    await createShared(STACK.port, OWNER, "Team", { [COLLEAGUE.email]: "lrswite" });
    await withImapAt(STACK.port, OWNER, async (c) => {
      const exec = (c as unknown as { exec: (cmd: string, attrs: unknown[]) => Promise<{ next: () => void }> }).exec.bind(c);
      for (const box of ["Deleted Items", "Sent Items"]) (await exec("SETACL", [{ type: "STRING", value: box }, { type: "STRING", value: COLLEAGUE.email }, { type: "STRING", value: "lrswite" }])).next();
    });
    const s = store(COLLEAGUE);
    const folders = await s.listFolders();
    expect(folders.some((f) => f.shared && f.path.endsWith("/Deleted Items"))).toBe(true);
    const use = Object.fromEntries(folders.filter((f) => f.specialUse).map((f) => [f.specialUse, f.path]));
    expect(use).toEqual({ inbox: "INBOX", drafts: "Drafts", sent: "Sent Items", archive: "Archive", junk: "Junk E-mail", trash: "Deleted Items" });
    expect(folders.filter((f) => f.shared).every((f) => f.specialUse === null)).toBe(true);
    const uid = await appendAt(STACK.port, COLLEAGUE, "INBOX", plainMessage({ from: "customer@example.test", to: COLLEAGUE.email, subject: "Mine to delete", date: SEED_EPOCH, text: "x" }));
    expect(destinationOf(await s.remove("INBOX", [uid]))).toBe("Deleted Items");
  });
});
