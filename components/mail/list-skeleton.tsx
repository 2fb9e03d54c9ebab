/** The list's place while its first page loads: nine grey rows the height of real ones, pulsing together. */
export function ListSkeleton({ rowHeight }: { rowHeight: number }) {
  return (
    <div className="min-h-0 flex-1 overflow-hidden" aria-busy="true">
      <p className="sr-only" role="status">
        Loading messages…
      </p>
      {/* One pulse for the whole skeleton: each animation's start is an event the page handles (issue 13). */}
      <div className="animate-pulse">
        {Array.from({ length: 9 }, (_, i) => (
          <div key={i} aria-hidden="true" className="flex border-b border-zinc-100 dark:border-zinc-800/80" style={{ height: rowHeight }}>
            <div className="flex w-10 justify-center pt-[13px]">
              <span className="size-4 rounded bg-zinc-100 dark:bg-zinc-800/80" />
            </div>
            <div className="flex flex-1 flex-col justify-center gap-2 pr-4">
              <span className="flex justify-between gap-6">
                <span className="h-3 rounded bg-zinc-200 dark:bg-zinc-800" style={{ width: `${30 + ((i * 17) % 30)}%` }} />
                <span className="h-3 w-10 rounded bg-zinc-100 dark:bg-zinc-800/70" />
              </span>
              <span className="h-3 rounded bg-zinc-200/80 dark:bg-zinc-800/80" style={{ width: `${55 + ((i * 29) % 35)}%` }} />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
