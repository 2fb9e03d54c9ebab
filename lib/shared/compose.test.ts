import { describe, expect, it } from "vitest";
import { draftKeyOf, draftMessageId, cleanHeaderText, forwardSubject, isValidAddress, parseAddress, replyAllRecipients, replyReferences, replySubject, splitAddressList } from "@/lib/shared/compose";

describe("addresses", () => {
  it("accepts one mailbox per entry, plain or with a name", () => {
    expect(parseAddress("bob@example.test")).toEqual({ name: "", address: "bob@example.test" });
    expect(parseAddress("Bob Smith <bob@example.test>")).toEqual({ name: "Bob Smith", address: "bob@example.test" });
    expect(parseAddress('"Smith, Bob" <bob@example.test>')).toEqual({ name: "Smith, Bob", address: "bob@example.test" });
  });
  it("rejects two addresses, line breaks, and malformed addresses", () => {
    for (const bad of ["a@b.test, c@d.test", "a@b.test c@d.test", "bob@example.test\r\nBcc: evil@example.test", "Bob <bob@example.test>\nBcc: x@y.test", "bob", "bob@", "@example.test", "bob@localhost", "bob@exa mple.test", "bob@-x.test", "a..b@example.test", "Bob <a@b.test> <c@d.test>", "Evil, <x@y.test>", "<>"]) {
      expect(parseAddress(bad), bad).toBeNull();
    }
    expect(isValidAddress("x".repeat(65) + "@example.test")).toBe(false);
  });
  it("splits pasted lists outside quotes", () => {
    expect(splitAddressList('a@b.test; "Smith, Bob" <bob@example.test>,\nc@d.test')).toEqual(["a@b.test", '"Smith, Bob" <bob@example.test>', "c@d.test"]);
  });
});

describe("header text", () => {
  it("turns CR, LF and control characters into spaces", () => {
    expect(cleanHeaderText("Hi\r\nBcc: evil@example.test")).toBe("Hi Bcc: evil@example.test");
    expect(cleanHeaderText("a\u0000b\u2028c\td")).toBe("a b c d");
  });
});

describe("subjects", () => {
  it("prefixes once", () => {
    expect(replySubject("Lunch")).toBe("Re: Lunch");
    expect(replySubject("Re: RE: Aw: Lunch")).toBe("Re: Lunch");
    expect(replySubject("Fwd: Lunch")).toBe("Re: Fwd: Lunch");
    expect(forwardSubject("Fwd: FW: Lunch")).toBe("Fwd: Lunch");
    expect(forwardSubject("Re: Lunch")).toBe("Fwd: Re: Lunch");
    expect(replySubject("Hi\r\nBcc: x@y.test")).toBe("Re: Hi Bcc: x@y.test");
  });
});

describe("threading", () => {
  it("References = the original's References + its Message-ID", () => {
    expect(replyReferences({ messageId: "<c@x>", references: ["<a@x>", "<b@x>"], inReplyTo: "<b@x>" })).toEqual(["<a@x>", "<b@x>", "<c@x>"]);
    expect(replyReferences({ messageId: "<c@x>", references: [], inReplyTo: "<b@x>" })).toEqual(["<b@x>", "<c@x>"]);
    expect(replyReferences({ messageId: "<c@x>", references: ["bogus", "<c@x>"], inReplyTo: null })).toEqual(["<c@x>"]);
  });
  it("keeps the root and the latest of a long chain", () => {
    const refs = Array.from({ length: 30 }, (_, i) => `<m${i}@x>`);
    const out = replyReferences({ messageId: "<last@x>", references: refs, inReplyTo: null });
    expect(out).toHaveLength(20);
    expect(out[0]).toBe("<m0@x>");
    expect(out[19]).toBe("<last@x>");
  });
  it("reply-all leaves me out and names nobody twice", () => {
    const r = replyAllRecipients(
      {
        from: { name: "Alice", address: "alice@example.test" },
        replyTo: [],
        to: [{ name: "Me", address: "ME@example.test" }, { name: "Carol", address: "carol@example.test" }],
        cc: [{ name: "", address: "alice@example.test" }, { name: "Dan", address: "dan@example.test" }],
      },
      "me@example.test",
    );
    expect(r.to.map((a) => a.address)).toEqual(["alice@example.test"]);
    expect(r.cc.map((a) => a.address)).toEqual(["carol@example.test", "dan@example.test"]);
  });
  it("reply-all to my own message goes to its recipients", () => {
    const r = replyAllRecipients({ from: { name: "", address: "me@example.test" }, replyTo: [], to: [{ name: "", address: "bob@example.test" }], cc: [] }, "me@example.test");
    expect(r.to.map((a) => a.address)).toEqual(["bob@example.test"]);
  });
});

describe("draft keys", () => {
  it("round-trip through the draft's Message-ID and refuse anything else", () => {
    const id = draftMessageId("0123456789abcdef", "erin@example.test");
    expect(id).toBe("<draft.0123456789abcdef@example.test>");
    expect(draftKeyOf(id)).toBe("0123456789abcdef");
    expect(draftKeyOf("<abc@example.test>")).toBeNull();
    expect(draftKeyOf(null)).toBeNull();
  });
});
