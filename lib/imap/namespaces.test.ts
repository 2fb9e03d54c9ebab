import { describe, expect, it } from "vitest";
import { cachedNamespaceCount, MAX_CACHED_ACCOUNTS, namespacesFor, placeFolder, type ServerNamespaces } from "@/lib/imap/namespaces";

// NAMESPACE answers as servers send them (imapflow has appended the delimiter to each prefix).
const dovecotU: ServerNamespaces = { personal: [{ prefix: "", delimiter: "/" }], other: [{ prefix: "shared/", delimiter: "/" }], shared: [] };
const cyrusAlt: ServerNamespaces = {
  personal: [{ prefix: "", delimiter: "." }],
  other: [{ prefix: "Other Users.", delimiter: "." }],
  shared: [{ prefix: "Shared Folders.", delimiter: "." }],
};
const cyrusClassic: ServerNamespaces = { personal: [{ prefix: "INBOX.", delimiter: "." }], other: [{ prefix: "user.", delimiter: "." }], shared: [] };
const personalOnly: ServerNamespaces = { personal: [{ prefix: "", delimiter: "/" }], other: [], shared: [] };

describe("placeFolder", () => {
  it("takes the owner from the announced other-users prefix and delimiter", () => {
    expect(placeFolder(dovecotU, "shared/alice@example.test/Team")).toEqual({ namespace: "other", owner: "alice@example.test", path: ["Team"] });
    expect(placeFolder(dovecotU, "shared/alice/Projects/Q3")).toEqual({ namespace: "other", owner: "alice", path: ["Projects", "Q3"] });
    expect(placeFolder(cyrusAlt, "Other Users.alice.Team")).toEqual({ namespace: "other", owner: "alice", path: ["Team"] });
    expect(placeFolder(cyrusClassic, "user.alice.Team")).toEqual({ namespace: "other", owner: "alice", path: ["Team"] });
  });

  it("reads the owner's own node as their INBOX (Cyrus), and INBOX in any case", () => {
    expect(placeFolder(cyrusClassic, "user.alice")).toEqual({ namespace: "other", owner: "alice", path: ["INBOX"] });
    expect(placeFolder(dovecotU, "shared/alice/inbox")).toEqual({ namespace: "other", owner: "alice", path: ["INBOX"] });
  });

  it("keys a public namespace by itself", () => {
    expect(placeFolder(cyrusAlt, "Shared Folders.Support.Open")).toEqual({ namespace: "shared", prefix: "Shared Folders.", path: ["Support", "Open"] });
  });

  it("drops the personal prefix, so the owner's path matches what colleagues see", () => {
    expect(placeFolder(cyrusClassic, "INBOX.Team")).toEqual({ namespace: "personal", path: ["Team"] });
    expect(placeFolder(cyrusClassic, "INBOX")).toEqual({ namespace: "personal", path: ["INBOX"] });
    expect(placeFolder(dovecotU, "Team/Sub")).toEqual({ namespace: "personal", path: ["Team", "Sub"] });
  });

  it("never reads an owner out of a folder name the server did not announce as another user's", () => {
    // A server whose other-users namespace is "Other Users/": "shared/alice@x/Team" is the account's own folder.
    const other: ServerNamespaces = { ...dovecotU, other: [{ prefix: "Other Users/", delimiter: "/" }] };
    expect(placeFolder(other, "shared/alice@example.test/Team")).toEqual({ namespace: "personal", path: ["shared", "alice@example.test", "Team"] });
    expect(placeFolder(personalOnly, "shared/alice@example.test/Team")).toMatchObject({ namespace: "personal" });
    // An empty other-users prefix would claim everything: ignored.
    expect(placeFolder({ ...personalOnly, other: [{ prefix: "", delimiter: "/" }] }, "alice/Team")).toMatchObject({ namespace: "personal" });
    // The namespace root and a path with no owner are not another user's mailbox.
    expect(placeFolder(dovecotU, "shared")).toMatchObject({ namespace: "personal" });
    expect(placeFolder(dovecotU, "shared//Team")).toBeNull();
  });
});

describe("namespacesFor", () => {
  it("asks the server once per account, and stays bounded past its limit", async () => {
    let loads = 0;
    const load = async () => (loads++, dovecotU);
    await namespacesFor("cache-a@example.test", load);
    await namespacesFor("CACHE-A@example.test", load);
    expect(loads).toBe(1);
    for (let i = 0; i < MAX_CACHED_ACCOUNTS + 50; i++) await namespacesFor(`flood${i}@example.test`, load);
    expect(cachedNamespaceCount()).toBe(MAX_CACHED_ACCOUNTS);
    // The first account was pushed out: asked again.
    await namespacesFor("cache-a@example.test", load);
    expect(loads).toBe(MAX_CACHED_ACCOUNTS + 52);
  });
});
