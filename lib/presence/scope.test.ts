import { describe, expect, it } from "vitest";
import { presenceScope } from "@/lib/presence/scope";
import { ownerLogin, personalPlace } from "@/lib/mail/mailbox-identity";
import { placeFolder, type ServerNamespaces } from "@/lib/imap/namespaces";

const ns = (prefix: string, delimiter: string): ServerNamespaces => ({ personal: [{ prefix: "", delimiter }], other: [{ prefix, delimiter }], shared: [] });
const scopeOf = (login: string, server: ServerNamespaces, folder: string) => presenceScope(login, "imap", placeFolder(server, folder)!);

describe("presence scope from the server's namespaces", () => {
  it("puts the owner in 'Team' and a colleague in the other-users path in one scope, in every layout", () => {
    for (const [server, path] of [
      [ns("shared/", "/"), "shared/alice@example.test/Team"], // Dovecot %%u
      [ns("shared/", "/"), "shared/alice/Team"], // Dovecot %%n
      [ns("Other Users.", "."), "Other Users.alice.Team"], // Cyrus
    ] as const) {
      const owner = scopeOf("alice@example.test", server, "Team");
      const colleague = scopeOf("bob@example.test", server, path);
      expect(colleague.key).toBe(owner.key);
      expect(colleague).toMatchObject({ shared: true, owner: "alice@example.test" });
      expect(owner.shared).toBe(false);
    }
  });

  it("resolves a local part in the viewer's domain, and leaves full or domain-less logins as they are", () => {
    expect(ownerLogin("Alice", "bob@example.test")).toBe("alice@example.test");
    expect(ownerLogin("alice@other.test", "bob@example.test")).toBe("alice@other.test");
    expect(ownerLogin("alice", "bob")).toBe("alice");
  });

  it("keeps personal folders of different accounts apart, INBOX case-insensitive, and POP3 caches apart from IMAP", () => {
    const d = ns("shared/", "/");
    expect(scopeOf("a@x.test", d, "INBOX").key).not.toBe(scopeOf("b@x.test", d, "INBOX").key);
    expect(scopeOf("a@x.test", d, "inbox").key).toBe(scopeOf("A@x.test", d, "INBOX").key);
    expect(presenceScope("a@x.test", "pop3", personalPlace("INBOX")).key).not.toBe(scopeOf("a@x.test", d, "INBOX").key);
  });

  it("gives a POP3 folder named like a shared one the account's own scope", () => {
    const pop = presenceScope("mallory@example.test", "pop3", personalPlace("shared/alice@example.test/Team"));
    expect(pop).toMatchObject({ shared: false, owner: "mallory@example.test" });
    expect(pop.key).not.toBe(scopeOf("alice@example.test", ns("shared/", "/"), "Team").key);
  });

  it("scopes a public folder to itself, for everyone", () => {
    const pub: ServerNamespaces = { personal: [{ prefix: "", delimiter: "." }], other: [], shared: [{ prefix: "Public.", delimiter: "." }] };
    const a = scopeOf("a@x.test", pub, "Public.Support");
    expect(a).toMatchObject({ shared: true, owner: "public:Public." });
    expect(scopeOf("b@y.test", pub, "Public.Support").key).toBe(a.key);
    expect(scopeOf("b@y.test", pub, "Support").key).not.toBe(a.key);
  });
});
