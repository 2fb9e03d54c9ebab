import { afterEach, describe, expect, it } from "vitest";
import { connectPop3 } from "@/lib/pop3/pop3-client";
import { pop3ResponseCode } from "@/lib/pop3/map-error";
import { fakePop3Server, type FakeServer } from "@/test/fake-line-server";

const fakes: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function signIn(passReply: string) {
  const fake = await fakePop3Server(passReply);
  fakes.push(fake);
  return connectPop3({ user: "t54@example.test", password: "pw" }, { host: "127.0.0.1", port: fake.port, tls: false });
}

describe("POP3 sign-in answers (RFC 2449 / RFC 3206 response codes)", () => {
  it("reads [SYS/TEMP], [SYS/PERM], [IN-USE] and [LOGIN-DELAY] as the server being unavailable, not a wrong password", async () => {
    for (const reply of ["-ERR [SYS/TEMP] Temporary problem", "-ERR [SYS/PERM] Broken", "-ERR [IN-USE] Mailbox locked", "-ERR [LOGIN-DELAY] Wait"]) {
      await expect(signIn(reply)).rejects.toMatchObject({ code: "MAIL_SERVER_UNREACHABLE" });
    }
  });

  it("still reads [AUTH], no code, or an unknown code as AUTH_FAILED", async () => {
    for (const reply of ["-ERR [AUTH] Authentication failed.", "-ERR Authentication failed.", "-ERR [X-NEW] nope"]) {
      await expect(signIn(reply)).rejects.toMatchObject({ code: "AUTH_FAILED" });
    }
  });

  it("reads only a leading bracketed code", () => {
    expect(pop3ResponseCode("[sys/temp] later")).toBe("SYS/TEMP");
    expect(pop3ResponseCode("Authentication failed [SYS/TEMP]")).toBeNull();
    expect(pop3ResponseCode(undefined)).toBeNull();
  });
});
