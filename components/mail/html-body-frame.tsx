"use client";

/**
 * One sanitised HTML body, shown in a sandboxed iframe (no scripts, no same-origin): the mail can
 * neither run code nor reach the app.
 */
export function HtmlBodyFrame({ src, title }: { src: string; title: string }) {
  return (
    <iframe
      key={src}
      src={src}
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      title={title}
      referrerPolicy="no-referrer"
      className="w-full flex-1 rounded-lg border-0 bg-white dark:ring-1 dark:ring-zinc-800"
    />
  );
}
