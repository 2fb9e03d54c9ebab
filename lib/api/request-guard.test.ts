import { describe, expect, it } from "vitest";
import { checkBodyKind, checkSameOrigin } from "@/lib/api/request-guard";

const APP = { origin: "https://mail.example.test" };
const h = (init: Record<string, string>) => new Headers(init);
const refusal = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (err) {
    return (err as { code?: string }).code ?? "thrown";
  }
};

describe("checkSameOrigin", () => {
  it("refuses state-changing requests a browser marks as from another site", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(refusal(() => checkSameOrigin(method, h({ "sec-fetch-site": "cross-site" }), APP))).toBe("CROSS_SITE_REQUEST");
      expect(refusal(() => checkSameOrigin(method, h({ "sec-fetch-site": "same-site" }), APP))).toBe("CROSS_SITE_REQUEST");
      expect(refusal(() => checkSameOrigin(method, h({ origin: "https://evil.example" }), APP))).toBe("CROSS_SITE_REQUEST");
      // Same host, other scheme or port: another origin.
      expect(refusal(() => checkSameOrigin(method, h({ origin: "http://mail.example.test" }), APP))).toBe("CROSS_SITE_REQUEST");
      expect(refusal(() => checkSameOrigin(method, h({ origin: "https://mail.example.test:8443" }), APP))).toBe("CROSS_SITE_REQUEST");
      expect(refusal(() => checkSameOrigin(method, h({ origin: "null" }), APP))).toBe("CROSS_SITE_REQUEST");
      // A same-origin Sec-Fetch-Site does not excuse a foreign Origin.
      expect(refusal(() => checkSameOrigin(method, h({ "sec-fetch-site": "same-origin", origin: "https://evil.example" }), APP))).toBe("CROSS_SITE_REQUEST");
    }
  });

  it("lets the app's own pages and tools without a browser through", () => {
    expect(refusal(() => checkSameOrigin("POST", h({ "sec-fetch-site": "same-origin", origin: "https://mail.example.test" }), APP))).toBeNull();
    expect(refusal(() => checkSameOrigin("DELETE", h({ "sec-fetch-site": "none" }), APP))).toBeNull();
    expect(refusal(() => checkSameOrigin("POST", h({}), APP))).toBeNull();
  });

  it("never refuses a GET (it changes nothing)", () => {
    expect(refusal(() => checkSameOrigin("GET", h({ "sec-fetch-site": "cross-site", origin: "https://evil.example" }), APP))).toBeNull();
  });

  it("treats localhost and 127.0.0.1 (same scheme and port) as the one server they are; nothing else", () => {
    const local = { origin: "http://localhost:3000" };
    for (const origin of ["http://127.0.0.1:3000", "http://[::1]:3000", "http://localhost:3000"]) expect(refusal(() => checkSameOrigin("POST", h({ "sec-fetch-site": "same-origin", origin }), local))).toBeNull();
    for (const origin of ["http://127.0.0.1:3001", "https://127.0.0.1:3000", "http://127.0.0.2:3000", "http://localhost.evil.example:3000"]) expect(refusal(() => checkSameOrigin("POST", h({ origin }), local))).toBe("CROSS_SITE_REQUEST");
    expect(refusal(() => checkSameOrigin("POST", h({ origin: "http://127.0.0.1:443" }), APP))).toBe("CROSS_SITE_REQUEST");
  });

  it("without NEXTAUTH_URL compares the Origin's host with the request's Host", () => {
    const app = { host: "127.0.0.1:3000" };
    expect(refusal(() => checkSameOrigin("POST", h({ origin: "http://127.0.0.1:3000" }), app))).toBeNull();
    expect(refusal(() => checkSameOrigin("POST", h({ origin: "http://127.0.0.1:4000" }), app))).toBe("CROSS_SITE_REQUEST");
  });
});

describe("checkBodyKind", () => {
  it("JSON routes take application/json only", () => {
    expect(refusal(() => checkBodyKind("POST", h({ "content-type": "application/json; charset=utf-8" }), "json"))).toBeNull();
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""]) {
      expect(refusal(() => checkBodyKind("POST", h(type ? { "content-type": type } : {}), "json"))).toBe("UNSUPPORTED_MEDIA_TYPE");
    }
  });
  it("upload routes take multipart/form-data only, bodiless routes no form bodies", () => {
    expect(refusal(() => checkBodyKind("POST", h({ "content-type": "multipart/form-data; boundary=x" }), "multipart"))).toBeNull();
    expect(refusal(() => checkBodyKind("POST", h({ "content-type": "application/json" }), "multipart"))).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(refusal(() => checkBodyKind("DELETE", h({}), "none"))).toBeNull();
    expect(refusal(() => checkBodyKind("POST", h({ "content-type": "text/plain" }), "none"))).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(refusal(() => checkBodyKind("POST", h({ "content-type": "application/mbox" }), "raw"))).toBeNull();
  });
});
