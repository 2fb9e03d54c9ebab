import { describe, expect, it } from "vitest";
import { peopleList, sharedFolderLabel, shortLogin } from "@/lib/shared/folder-people";

describe("shared folders named for people", () => {
  it("names another person's folder by its owner", () => {
    expect(sharedFolderLabel({ namespace: "other", owner: "alice@example.test", path: ["Team"] }, "bob@example.test")).toBe("Team — shared by alice");
    expect(sharedFolderLabel({ namespace: "other", owner: "alice", path: ["Projects", "Q3"] }, "bob@example.test")).toBe("Projects / Q3 — shared by alice");
    expect(sharedFolderLabel({ namespace: "other", owner: "alice@other.test", path: ["INBOX"] }, "bob@example.test")).toBe("Inbox — shared by alice@other.test");
    expect(sharedFolderLabel({ namespace: "shared", prefix: "Public/", path: ["Support"] }, "bob@example.test")).toBe("Support — shared");
    expect(sharedFolderLabel({ namespace: "personal", path: ["Team"] }, "bob@example.test")).toBeNull();
  });

  it("says logins as colleagues would", () => {
    expect(shortLogin("carol@example.test", "alice@EXAMPLE.test")).toBe("carol");
    expect(shortLogin("carol@elsewhere.test", "alice@example.test")).toBe("carol@elsewhere.test");
    expect(shortLogin("carol", "alice@example.test")).toBe("carol");
    expect(peopleList(["bob"])).toBe("bob");
    expect(peopleList(["bob", "carol"])).toBe("bob and carol");
    expect(peopleList(["bob", "carol", "dana", "eve"])).toBe("bob, carol and 2 others");
  });
});
