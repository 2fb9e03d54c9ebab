"use client";

import { useEffect, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { SIGN_IN_MESSAGES } from "@/lib/shared/error-codes";
import type { Protocol } from "@/lib/shared/types";
import { buttonClass, inputClass } from "@/components/ui/button";
import { cleanDisplayName, defaultDisplayName, DISPLAY_NAME_MAX } from "@/lib/shared/display-name";
import { rememberName, rememberedName } from "@/components/account/remembered-name";

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
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [protocol, setProtocol] = useState<Protocol | undefined>(protocols[0]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(initialError);
  // "Your name (shown to colleagues)": what this browser last used for the address, else empty
  // (the server then uses the address's local part).
  const [name, setName] = useState("");
  const [nameTouched, setNameTouched] = useState(false);
  useEffect(() => {
    if (!nameTouched) setName(rememberedName(email));
  }, [email, nameTouched]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    if (!email.trim() || !password) {
      setError(SIGN_IN_MESSAGES.BAD_REQUEST ?? DEFAULT_ERROR);
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", {
        email: email.trim(),
        password,
        ...(protocol ? { protocol } : {}),
        ...(cleanDisplayName(name) ? { name: cleanDisplayName(name) } : {}),
        redirect: false,
      });
      if (!res || res.error || !res.ok) {
        setError((res?.error && SIGN_IN_MESSAGES[res.error]) || DEFAULT_ERROR);
        setPending(false);
        return;
      }
      rememberName(email, cleanDisplayName(name));
      router.replace(callbackUrl || "/mail/INBOX");
    } catch {
      setError("Can't reach Mailroom. Check your connection.");
      setPending(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
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
          value={email}
          onChange={(e) => setEmail(e.target.value)}
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
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor="login-name" className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Your name <span className="font-normal text-zinc-500 dark:text-zinc-400">(shown to colleagues)</span>
        </label>
        <input
          id="login-name"
          name="name"
          type="text"
          autoComplete="nickname"
          maxLength={DISPLAY_NAME_MAX}
          value={name}
          onChange={(e) => {
            setNameTouched(true);
            setName(e.target.value);
          }}
          aria-describedby="login-name-hint"
          className={inputClass}
          placeholder={email.includes("@") ? defaultDisplayName(email.trim()) : "Optional"}
        />
        <p id="login-name-hint" className="mt-1 text-[13px] leading-5 text-zinc-500 dark:text-zinc-400">
          Lets people sharing this mailbox see who is reading or replying.
        </p>
      </div>
      {protocols.length > 1 && (
        <fieldset>
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
                  checked={protocol === c.value}
                  onChange={() => setProtocol(c.value)}
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
      )}
      {error && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass("primary", "md", "h-10 w-full")}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
