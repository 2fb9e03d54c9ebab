import { describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { attachmentDisposition, limitBytes, safeContentType, toWebStream } from "@/lib/api/stream";

describe("attachment headers", () => {
  it("never lets a renderable type through", () => {
    for (const t of ["text/html", "image/svg+xml", "application/xhtml+xml", "text/xml", "application/xml", "application/rss+xml", "text/javascript", "bogus", "text/html; charset=x"]) {
      expect(safeContentType(t)).toBe("application/octet-stream");
    }
    expect(safeContentType("application/pdf")).toBe("application/pdf");
    expect(safeContentType("image/png")).toBe("image/png");
  });
  it("makes a safe filename with a UTF-8 variant", () => {
    const d = attachmentDisposition('../../etc/pa"ss\r\nwd Grüße.pdf');
    expect(d.startsWith("attachment;")).toBe(true);
    expect(d).not.toMatch(/[\r\n]/);
    expect(d).toContain('filename="pass');
    expect(d).not.toContain("..");
    expect(d).toContain("filename*=UTF-8''");
    expect(decodeURIComponent(d.split("''")[1]!)).toBe("passwd Grüße.pdf");
    expect(attachmentDisposition("")).toContain('filename="attachment"');
  });
});

describe("toWebStream", () => {
  it("passes every byte and pulls lazily", async () => {
    let produced = 0;
    const src = new Readable({
      read() {
        produced++;
        this.push(produced <= 5 ? Buffer.alloc(1000, produced) : null);
      },
      highWaterMark: 1,
    });
    const web = toWebStream(src);
    const reader = web.getReader();
    const first = await reader.read();
    expect(first.value?.length).toBe(1000);
    expect(produced).toBeLessThan(5);
    let total = first.value!.length;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      total += value.length;
    }
    expect(total).toBe(5000);
  });
});

describe("limitBytes", () => {
  it("passes data under the limit and fails with a clear error past it", async () => {
    const read = async (parts: Buffer[]) => {
      const out: Buffer[] = [];
      for await (const c of Readable.from(parts).pipe(limitBytes(10, "too big"))) out.push(c as Buffer);
      return Buffer.concat(out).length;
    };
    expect(await read([Buffer.alloc(4), Buffer.alloc(6)])).toBe(10);
    await expect(read([Buffer.alloc(6), Buffer.alloc(6)])).rejects.toMatchObject({ code: "BAD_REQUEST", message: "too big" });
  });
});
