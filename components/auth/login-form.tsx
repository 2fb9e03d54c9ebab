"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { SIGN_IN_MESSAGES } from "@/lib/shared/error-codes";
import type { Protocol } from "@/lib/shared/types";
import { buttonClass, inputClass } from "@/components/ui/button";
import { ChevronDownIcon } from "@/components/ui/icons";
import { cleanDisplayName } from "@/lib/shared/display-name";
import { rememberedName } from "@/components/account/remembered-name";
import { rememberedProtocol, rememberProtocol } from "@/components/auth/remembered-protocol";
import { rememberBrowserClock } from "@/lib/shared/page-clock";

const DEFAULT_ERROR = "Sign-in failed. Try again.";

const PROTOCOL_CHOICES: { value: Protocol; label: string; description: string }[] = [
  { value: "imap", label: "IMAP", description: "Your folders live on the mail server" },
  { value: "pop3", label: "POP3", description: "Mailroom downloads your mail and keeps it for every browser" },
];

export function LoginForm({
  callbackUrl,
  initialError,
  protocols,
}: {
  callbackUrl: string | null;
  initialError: string | null;
  /** Account types the server is configured for; a choice appears only when there are two. */
  protocols: Protocol[];
}) {
  // The inputs are uncontrolled: what a person typed or a password manager filled before this script
  // hydrated stays in the DOM, and submit reads the form itself.
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(initialError);
  // The field an error is about: marked invalid, described by the error, focused with its text selected.
  const [wrong, setWrong] = useState<"email" | "password" | null>(null);
  const blame = (field: "email" | "password" | null) => {
    setWrong(field);
    const input = field ? formRef.current?.querySelector<HTMLInputElement>(`input[name="${field}"]`) : null;
    input?.focus();
    input?.select();
  };
  // The account type this browser chose last time, unless the person already picked one before hydration.
  const [choice, setChoice] = useState<Protocol | null>(null);
  useEffect(() => {
    const remembered = rememberedProtocol();
    const radio = remembered && protocols.includes(remembered) ? formRef.current?.querySelector<HTMLInputElement>(`input[name="protocol"][value="${remembered}"]`) : null;
    const picked = formRef.current?.querySelector<HTMLInputElement>('input[name="protocol"]:checked');
    if (radio && (!picked || picked.value === protocols[0])) radio.checked = true;
    setChoice((formRef.current?.querySelector<HTMLInputElement>('input[name="protocol"]:checked')?.value as Protocol | undefined) ?? null);
  }, [protocols]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    // The mail page's HTML then has the list's dates in this browser's zone and words.
    rememberBrowserClock();
    const data = new FormData(e.currentTarget);
    const text = (k: string) => {
      const v = data.get(k);
      return typeof v === "string" ? v : "";
    };
    const address = text("email").trim();
    const password = text("password");
    const protocol = text("protocol") || protocols[0];
    // The name colleagues see is set in Settings; this browser remembers it per address for sign-in.
    const name = cleanDisplayName(rememberedName(address));
    if (!address || !password) {
      setError(SIGN_IN_MESSAGES.BAD_REQUEST ?? DEFAULT_ERROR);
      blame(address ? "password" : "email");
      return;
    }
    setPending(true);
    setError(null);
    setWrong(null);
    try {
      // One POST to the form's own route (lib/auth/form-sign-in.ts), then a full load of the mail page,
      // whose HTML already holds the folders and the first page: no client-side round trips in between.
      const body = new URLSearchParams({ email: address, password, ...(protocol ? { protocol } : {}), ...(name ? { name } : {}), ...(callbackUrl ? { callbackUrl } : {}) });
      const res = await fetch("/login/submit", { method: "POST", body, credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } });
      const answer = (await res.json().catch(() => null)) as { url?: string; code?: string; message?: string } | null;
      if (!res.ok || typeof answer?.url !== "string") {
        setError((answer?.code && SIGN_IN_MESSAGES[answer.code]) || answer?.message || DEFAULT_ERROR);
        setPending(false);
        // A wrong password is typed again; an address that is not one (or has no account) is corrected.
        blame(answer?.code === "AUTH_FAILED" ? "password" : answer?.code === "INVALID_EMAIL" || answer?.code === "UNKNOWN_USER" ? "email" : null);
        return;
      }
      if (protocols.length > 1 && protocol) rememberProtocol(protocol as Protocol);
      window.location.assign(answer.url);
    } catch {
      setError("Can't reach Mailroom. Check your connection.");
      setPending(false);
    }
  };

  return (
    // method and action: before hydration, Enter posts to the server (never GET ?password=… in the URL).
    <form ref={formRef} method="post" action="/login/submit" onSubmit={submit} noValidate className="space-y-5">
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <div>
        <label htmlFor="login-email" className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Email
        </label>
        <input
          id="login-email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
          aria-invalid={wrong === "email" || undefined}
          aria-describedby={wrong === "email" ? "login-error" : undefined}
          className={inputClass}
          placeholder="you@example.com"
        />
      </div>
      <div>
        <label htmlFor="login-password" className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Password
        </label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={wrong === "password" || undefined}
          aria-describedby={wrong === "password" ? "login-error" : undefined}
          required
          className={inputClass}
        />
      </div>
      {/* Native details: it opens and closes without JavaScript too, and its radios post with the form. */}
      {protocols.length > 1 && (
        <details className="group rounded-lg text-sm">
          <summary className="flex min-h-11 cursor-pointer list-none items-center gap-1.5 rounded-lg px-1 font-medium text-zinc-700 hover:text-zinc-950 sm:min-h-8 dark:text-zinc-300 dark:hover:text-white [&::-webkit-details-marker]:hidden">
            <ChevronDownIcon className="size-4 -rotate-90 transition-transform group-open:rotate-0" />
            More options
            {choice && choice !== protocols[0] && <span className="font-normal text-zinc-500 dark:text-zinc-400">({choice.toUpperCase()})</span>}
          </summary>
          <fieldset className="mt-2">
            <legend className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">Account type</legend>
            <div className="space-y-2">
              {PROTOCOL_CHOICES.filter((c) => protocols.includes(c.value)).map((c) => (
                <label
                  key={c.value}
                  className="flex cursor-pointer items-start gap-3 rounded-lg border border-zinc-200 px-3 py-2.5 transition-colors hover:bg-zinc-50 has-checked:border-accent-500 has-checked:bg-accent-50/60 dark:border-zinc-700 dark:hover:bg-zinc-800/60 dark:has-checked:border-accent-400 dark:has-checked:bg-accent-500/10"
                >
                  <input
                    type="radio"
                    name="protocol"
                    value={c.value}
                    defaultChecked={c.value === protocols[0]}
                    onChange={() => setChoice(c.value)}
                    aria-labelledby={`login-protocol-${c.value}`}
                    aria-describedby={`login-protocol-${c.value}-hint`}
                    className="mt-0.5 size-4 shrink-0 accent-accent-600 dark:accent-accent-400"
                  />
                  <span className="min-w-0">
                    <span id={`login-protocol-${c.value}`} className="block text-sm font-medium text-zinc-900 dark:text-zinc-100">
                      {c.label}
                    </span>
                    <span id={`login-protocol-${c.value}-hint`} className="block text-[13px] leading-5 text-zinc-600 dark:text-zinc-400">
                      {c.description}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        </details>
      )}
      {error && (
        <p id="login-error" role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass("primary", "md", "h-10 w-full")}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
