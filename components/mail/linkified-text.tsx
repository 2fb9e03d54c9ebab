import { linkify } from "@/lib/shared/linkify";
import { Highlighted } from "@/components/search/highlight";

/** Plain text with http(s) and mailto links, built as elements (never as HTML). */
export function LinkifiedText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((seg, i) =>
        seg.kind === "link" && seg.href ? (
          <a
            key={i}
            href={seg.href}
            rel="noopener noreferrer"
            target="_blank"
            className="text-accent-700 underline decoration-accent-700/30 underline-offset-2 hover:decoration-accent-700 dark:text-accent-300 dark:decoration-accent-300/40 dark:hover:decoration-accent-300"
          >
            {seg.text}
          </a>
        ) : (
          <span key={i}>
            <Highlighted text={seg.text} />
          </span>
        ),
      )}
    </>
  );
}
