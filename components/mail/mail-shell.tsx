import { LogoMark } from "@/components/ui/icons";

/**
 * What the mail page paints while the server still loads the folder tree and first page (streamed
 * in the same response, issue 13 point 5): the app's frame, so nothing jumps when the rows arrive.
 */
export function MailShell() {
  return (
    <div className="flex h-dvh flex-col overflow-hidden" aria-busy="true">
      <header className="shrink-0 border-b border-zinc-200/80 bg-white dark:border-zinc-800 dark:bg-zinc-950">
        <div className="flex h-14 items-center gap-2.5 px-2 sm:px-4">
          <LogoMark className="size-7 shrink-0" />
          <span className="text-[15px] font-semibold tracking-tight text-zinc-950 max-sm:sr-only dark:text-white">Mailroom</span>
        </div>
      </header>
      <div className="flex min-h-0 flex-1">
        <div className="hidden w-60 shrink-0 border-r border-zinc-200/80 bg-zinc-50/70 lg:block dark:border-zinc-800 dark:bg-zinc-900/40" />
        <div className="w-full shrink-0 border-zinc-200/80 md:w-[340px] md:border-r lg:w-[380px] dark:border-zinc-800">
          <p role="status" className="px-4 py-6 text-sm text-zinc-500 dark:text-zinc-400">
            Loading mail…
          </p>
        </div>
      </div>
    </div>
  );
}
