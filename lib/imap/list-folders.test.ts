import { describe, expect, it } from "vitest";
import type { ListResponse } from "imapflow";
import { guessUnflagged, orderFolders, toFolder, uniqueEntries } from "@/lib/imap/list-folders";

const entry = (path: string, flags: string[], messages?: number, specialUse?: string): ListResponse =>
  ({
    path,
    pathAsListed: path,
    name: path.split("/").at(-1)!,
    delimiter: "/",
    parent: path.split("/").slice(0, -1),
    parentPath: path.split("/").slice(0, -1).join("/"),
    flags: new Set(flags),
    specialUse,
    listed: true,
    subscribed: false,
    status: messages === undefined ? undefined : { path, messages, unseen: 1 },
  }) as unknown as ListResponse;

describe("folder list", () => {
  it("keeps one entry per path, the one that can be opened (Dovecot's shared namespace lists placeholders too)", () => {
    const raw = [
      entry("INBOX", []),
      entry("shared", ["\\Noselect", "\\HasChildren"]),
      entry("shared", ["\\NonExistent", "\\Noselect"]),
      entry("shared/alice@example.test/Team", ["\\Noselect"]),
      entry("shared/alice@example.test/Team", ["\\Marked"], 4),
    ];
    const unique = uniqueEntries(raw);
    expect(unique.map((e) => e.path)).toEqual(["INBOX", "shared", "shared/alice@example.test/Team"]);
    expect(unique.find((e) => e.path.endsWith("Team"))?.status?.messages).toBe(4);
  });

  it("orders special-use folders first, then by name, children after parents, shared last", () => {
    const folders = orderFolders(
      [
        entry("Zeta", []),
        entry("Trash", [], 0, "\\Trash"),
        entry("INBOX", [], 3),
        entry("Alpha/Child", []),
        entry("Alpha", []),
        entry("Sent", [], 0, "\\Sent"),
      ].map((e) => toFolder(e, false)).concat([toFolder(entry("shared/x/Team", [], 1), true)]),
    );
    expect(folders.map((f) => f.path)).toEqual(["INBOX", "Sent", "Trash", "Alpha", "Alpha/Child", "Zeta", "shared/x/Team"]);
    expect(folders.find((f) => f.path === "Alpha/Child")?.depth).toBe(1);
  });

  it("names an unflagged personal Sent or Trash by its usual name, never over a flag and never a shared folder", () => {
    const folders = guessUnflagged(
      [
        entry("INBOX", [], 3),
        entry("Sent", [], 0),
        entry("Deleted Items", [], 0),
        entry("Drafts", [], 0, "\\Drafts"),
        entry("Archive", [], 0),
        entry("Old/Trash", [], 0),
        entry("Spam", ["\\Noselect"]),
      ]
        .map((e) => toFolder(e, false))
        .concat([entry("Mail Archive", [], 0, "\\Archive")].map((e) => toFolder(e, false)))
        .concat([toFolder(entry("shared/x/Junk", [], 1), true)]),
    );
    const use = Object.fromEntries(folders.filter((f) => f.specialUse).map((f) => [f.path, f.specialUse]));
    expect(use).toEqual({ INBOX: "inbox", Sent: "sent", "Deleted Items": "trash", Drafts: "drafts", "Mail Archive": "archive" });
  });
});
