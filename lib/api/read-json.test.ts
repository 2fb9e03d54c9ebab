import { describe, expect, it } from "vitest";
import { JSON_MAX_BYTES, readJson } from "@/lib/api/read-json";

const failure = (p: Promise<unknown>) => p.then(() => null, (err: { code?: string; message?: string }) => ({ code: err.code, message: err.message }));

/** A chunked body (no Content-Length) that counts how much of it was pulled. */
function chunked(chunks: number, size: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return { req: new Request("http://x/", { method: "POST", body, duplex: "half" } as RequestInit), pulled: () => pulled };
}

describe("readJson", () => {
  it("parses a JSON body", async () => {
    expect(await readJson(new Request("http://x/", { method: "POST", body: '{"a":[1,"é"]}' }))).toEqual({ a: [1, "é"] });
  });

  it("refuses a declared Content-Length past 1 MiB without reading the body", async () => {
    let read = false;
    const body = new ReadableStream({ pull() { read = true; } }, { highWaterMark: 0 });
    const req = new Request("http://x/", { method: "POST", body, duplex: "half", headers: { "content-length": String(JSON_MAX_BYTES + 1) } } as RequestInit);
    expect(await failure(readJson(req))).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(read).toBe(false);
  });

  it("stops reading a chunked body at the cap", async () => {
    const { req, pulled } = chunked(100, 64 * 1024); // 6.25 MiB offered
    expect(await failure(readJson(req))).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(pulled()).toBeLessThanOrEqual(18); // 1 MiB is 16 chunks; a little read-ahead at most
  });

  it("answers bad JSON and empty bodies with 400 in words", async () => {
    expect(await failure(readJson(new Request("http://x/", { method: "POST", body: "{nope" })))).toEqual({ code: "BAD_REQUEST", message: "The request body is not valid JSON." });
    expect(await failure(readJson(new Request("http://x/", { method: "POST", body: "" })))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await failure(readJson(new Request("http://x/", { method: "POST" })))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await failure(readJson(new Request("http://x/", { method: "POST", body: new Uint8Array([0x22, 0xff, 0x22]) })))).toMatchObject({ code: "BAD_REQUEST" });
  });
});
