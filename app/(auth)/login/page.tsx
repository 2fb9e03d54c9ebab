import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { configuredProtocols } from "@/lib/auth/protocols";
import { LoginForm } from "@/components/auth/login-form";
import { LogoMark } from "@/components/ui/icons";
import { SIGN_IN_MESSAGES } from "@/lib/shared/error-codes";
import { safeCallback } from "@/lib/auth/callback-url";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const callbackUrl = safeCallback(first(query.callbackUrl));

  const session = await getServerSession(authOptions);
  if (session?.user?.email) redirect(callbackUrl ?? "/mail/INBOX");

  const errorCode = first(query.error);
  const initialError = errorCode ? (SIGN_IN_MESSAGES[errorCode] ?? "Sign-in failed. Try again.") : null;

  return (
    // At a fixed height from the top, not centred: an error appearing in the card grows it downwards
    // instead of moving the whole card (and the field being typed in) up by half its height.
    <main className="flex min-h-dvh justify-center bg-zinc-50 px-4 pt-[max(3rem,12vh)] pb-12 dark:bg-zinc-950">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <LogoMark className="size-11" />
          <h1 className="mt-4 text-2xl font-semibold tracking-tight text-zinc-950 dark:text-white">Mailroom</h1>
          <p className="mt-1.5 text-sm text-zinc-600 dark:text-zinc-400">Your mail, on your own server.</p>
        </div>
        <div className="rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8 dark:border-zinc-800 dark:bg-zinc-900">
          <LoginForm callbackUrl={callbackUrl} initialError={initialError} protocols={configuredProtocols()} />
        </div>
        <p className="mt-6 text-center text-xs text-zinc-500 dark:text-zinc-400">
          Sign in with your mail account’s address and password.
        </p>
      </div>
    </main>
  );
}
