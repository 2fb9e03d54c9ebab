/** The first stop for keyboard users: jumps over the top bar and folders to the main content. */
export function SkipLink({ href, children }: { href: string; children: string }) {
  return (
    <a
      href={href}
      className="sr-only z-50 rounded-lg bg-white px-4 py-2.5 text-sm font-semibold text-accent-800 shadow-lg ring-2 ring-accent-600 focus:not-sr-only focus:fixed focus:left-3 focus:top-3 dark:bg-zinc-900 dark:text-accent-200 dark:ring-accent-400"
    >
      {children}
    </a>
  );
}
