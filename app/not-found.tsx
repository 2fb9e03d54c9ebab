import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { LogoMark } from "@/components/ui/icons";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-6 text-center">
      <LogoMark className="size-10" />
      <h1 className="text-lg font-semibold tracking-tight">Page not found</h1>
      <p className="max-w-sm text-sm text-zinc-600 dark:text-zinc-400">There is nothing at this address.</p>
      <Link href="/mail/INBOX" className={buttonClass("primary")}>
        Go to Inbox
      </Link>
    </main>
  );
}
