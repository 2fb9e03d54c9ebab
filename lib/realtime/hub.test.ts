import { describe, expect, it, vi } from "vitest";
import { MemoryHub, mailboxTopic } from "@/lib/realtime/hub";

describe("MemoryHub", () => {
  it("delivers to subscribers of the topic only", () => {
    const hub = new MemoryHub<number>();
    const a = vi.fn();
    const b = vi.fn();
    hub.subscribe("a", a);
    hub.subscribe("b", b);
    hub.publish("a", 1);
    expect(a).toHaveBeenCalledWith(1);
    expect(b).not.toHaveBeenCalled();
  });

  it("stops delivering after unsubscribe, and unsubscribe is idempotent", () => {
    const hub = new MemoryHub<number>();
    const fn = vi.fn();
    const off = hub.subscribe("t", fn);
    const other = vi.fn();
    hub.subscribe("t", other);
    off();
    off();
    hub.publish("t", 2);
    expect(fn).not.toHaveBeenCalled();
    expect(other).toHaveBeenCalledWith(2);
    expect(hub.subscriberCount("t")).toBe(1);
  });

  it("the same function subscribed twice is two subscriptions", () => {
    const hub = new MemoryHub<number>();
    const fn = vi.fn();
    const off1 = hub.subscribe("t", fn);
    hub.subscribe("t", fn);
    off1();
    hub.publish("t", 3);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("a throwing subscriber does not keep the event from the others", () => {
    const hub = new MemoryHub<number>();
    const good = vi.fn();
    hub.subscribe("t", () => {
      throw new Error("closed stream");
    });
    hub.subscribe("t", good);
    hub.publish("t", 4);
    expect(good).toHaveBeenCalledWith(4);
  });

  it("a subscriber may unsubscribe while an event is delivered", () => {
    const hub = new MemoryHub<number>();
    const second = vi.fn();
    const off = hub.subscribe("t", () => off());
    hub.subscribe("t", second);
    hub.publish("t", 5);
    expect(second).toHaveBeenCalledWith(5);
    expect(hub.subscriberCount("t")).toBe(1);
  });

  it("topics name account and mailbox", () => {
    expect(mailboxTopic("u@x#h", "INBOX")).toBe("u@x#h|INBOX");
  });
});
