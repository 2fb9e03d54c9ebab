import { describe, expect, it } from "vitest";
import { mapImapError } from "@/lib/imap/map-error";

describe("IMAP errors for a folder that is not there", () => {
  it("a move into a missing folder (NO [TRYCREATE]) says the folder doesn't exist", () => {
    const e = mapImapError({ responseStatus: "NO", serverResponseCode: "TRYCREATE", responseText: "Mailbox doesn't exist: Gone" });
    expect(e.code).toBe("NOT_FOUND");
    expect(e.message).toMatch(/folder doesn't exist/);
  });

  it("opening a missing folder says so too (SELECT, STATUS)", () => {
    expect(mapImapError({ responseStatus: "NO", mailboxMissing: true }).code).toBe("NOT_FOUND");
    expect(mapImapError({ code: "NotFound" }).code).toBe("NOT_FOUND");
    expect(mapImapError({ responseStatus: "NO", serverResponseCode: "NONEXISTENT" }).code).toBe("NOT_FOUND");
  });

  it("an unknown refusal is still the server's", () => {
    expect(mapImapError({ responseStatus: "NO", serverResponseCode: "SOMETHINGELSE" }).code).toBe("MAIL_SERVER_ERROR");
  });
});
