"use client";

import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { parseBodySize, type BodySize } from "@/lib/shared/body-size";
import { useSearchHighlightQuery, withHighlight } from "@/components/search/highlight";

// Before the frame reports its size (or if it never does), it gets a readable height of its own.
const FALLBACK_HEIGHT = 384;

/**
 * One sanitised HTML body in a sandboxed iframe: `allow-scripts` without `allow-same-origin`, so the
 * document runs in an opaque origin and cannot reach the app; its CSP admits only the size script
 * (nonce'd at `src`, by hash in `doc`), never the mail's. The frame is as tall as its content (the
 * pane scrolls as one) and wide mail is scaled down to the column, with a switch to see it at full size.
 */
export function HtmlBodyFrame({ src: bodySrc, doc, title }: { src: string; doc?: string; title: string }) {
  // A search on screen is marked by the server in the sanitised body (issue 12).
  const src = withHighlight(bodySrc, useSearchHighlightQuery());
  // The document that came with the message (issue 13) goes in as srcdoc: no second request. Not when
  // a search is marked (the server marks it, at `src`). The sandbox is the same; the srcdoc also keeps
  // the page's CSP (inherited) and its own <meta> CSP, so only the size script's hash can run in it.
  const inline = doc !== undefined && src === bodySrc ? doc : undefined;
  const frameRef = useRef<HTMLIFrameElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<BodySize | null>(null);
  const [column, setColumn] = useState(0);
  const lastColumn = useRef(0);
  const [fullSize, setFullSize] = useState(false);

  // The content's natural width, learnt while the frame is at the column's width. Once the frame is
  // widened to it, width reports are ignored: content sized relative to the frame would otherwise
  // chase its own tail.
  const [contentWidth, setContentWidth] = useState(0);
  const widened = contentWidth > column + 1;

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      // Only our own frame's window, only the exact shape; everything else is ignored.
      if (!frameRef.current || event.source !== frameRef.current.contentWindow) return;
      const next = parseBodySize(event.data);
      if (!next) return;
      setSize(next);
      setContentWidth((w) => (w > 0 && w > (boxRef.current?.clientWidth ?? 0) + 1 ? w : next.width));
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, []);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    // A new column width (window resized, phone turned) means measuring the content afresh.
    const measure = () => {
      if (box.clientWidth === lastColumn.current) return;
      lastColumn.current = box.clientWidth;
      setColumn(box.clientWidth);
      setContentWidth(0);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  // A new document (another message, or images allowed) starts from scratch.
  useEffect(() => {
    setSize(null);
    setContentWidth(0);
    setFullSize(false);
  }, [src]);

  const height = size?.height ?? FALLBACK_HEIGHT;
  const scale = widened && !fullSize && column > 0 ? column / contentWidth : 1;
  const frameWidth = widened ? contentWidth : undefined;

  return (
    <div className="flex flex-col">
      {widened && (
        <div className="mb-2 flex justify-end">
          <button type="button" onClick={() => setFullSize((f) => !f)} aria-pressed={fullSize} className={buttonClass("ghost", "sm")}>
            {fullSize ? "Fit to width" : "View at full size"}
          </button>
        </div>
      )}
      <div
        ref={boxRef}
        data-testid="body-frame-box"
        className={`w-full rounded-lg ${fullSize ? "overflow-x-auto" : "overflow-hidden"}`}
        style={{ height: Math.ceil(height * scale) + (fullSize && widened ? 16 : 0) }}
      >
        <iframe
          ref={frameRef}
          key={src}
          {...(inline !== undefined ? { srcDoc: inline } : { src })}
          sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"
          title={title}
          referrerPolicy="no-referrer"
          scrolling="no"
          className="block border-0"
          style={{
            width: frameWidth ?? "100%",
            height,
            transform: scale === 1 ? undefined : `scale(${scale})`,
            transformOrigin: "0 0",
          }}
        />
      </div>
    </div>
  );
}
