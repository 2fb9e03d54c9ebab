import { describe, expect, it } from "vitest";
import { composeSchema, parseRecipients } from "@/lib/compose/compose-input";
import { mapSmtpError } from "@/lib/smtp/send-raw";

const base = { to: [], cc: [], bcc: [], subject: "", html: "", attachments: [], original: null, inReplyTo: null, references: [], draftUid: null, draftKey: null };

describe("compose input", () => {
  it("cleans the subject and drops malformed Message-IDs", () => {
    const b = composeSchema.parse({ ...base, subject: "Hi\r\nBcc: evil@example.test", inReplyTo: "<a@b>\r\nX: y", references: ["<ok@x>", "bad"] });
    expect(b.subject).toBe("Hi Bcc: evil@example.test");
    expect(b.inReplyTo).toBeNull();
    expect(b.references).toEqual(["<ok@x>"]);
  });
  it("sending needs every entry to be one valid mailbox, and names the bad one", () => {
    expect(() => parseRecipients({ to: ["bob@example.test", "nope"], cc: [], bcc: [] }, { strict: true })).toThrow(/In To, “nope” is not a valid email address/);
    expect(() => parseRecipients({ to: [], cc: [], bcc: ["a@b.test\r\nBcc: c@d.test"] }, { strict: true })).toThrowError(expect.objectContaining({ code: "INVALID_ADDRESS" }));
    expect(() => parseRecipients({ to: [], cc: [], bcc: [] }, { strict: true })).toThrow(/at least one recipient/);
  });
  it("a draft keeps what parses and leaves half-typed entries out", () => {
    expect(parseRecipients({ to: ["bob@example.test", "bo"], cc: [], bcc: [] }, { strict: false }).to).toEqual([{ name: "", address: "bob@example.test" }]);
  });
  it("rejects attachment ids that are not ours", () => {
    expect(() => composeSchema.parse({ ...base, attachments: ["../../etc/passwd"] })).toThrow();
  });
});

describe("SMTP errors", () => {
  it("maps connection failures and refusals to words", () => {
    expect(mapSmtpError({ code: "ECONNECTION" }).code).toBe("SMTP_UNREACHABLE");
    expect(mapSmtpError({ code: "EAUTH", responseCode: 535 }).code).toBe("SMTP_REFUSED");
    const refused = mapSmtpError({ code: "EENVELOPE", responseCode: 550, response: "550 5.1.1 <x@example.test>: Recipient address rejected\r\nInjected: 1", rejected: ["x@example.test"] });
    expect(refused.code).toBe("SMTP_REFUSED");
    expect(refused.message).toContain("x@example.test");
    expect(refused.message).not.toMatch(/[\r\n]/);
  });
});
