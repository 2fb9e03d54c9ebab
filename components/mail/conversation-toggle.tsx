"use client";

interface Props {
  on: boolean;
  /** Off until the person's remembered choice has arrived. */
  disabled?: boolean;
  onChange: (on: boolean) => void;
}

/** The "Conversations" switch in the list header: group the folder's messages into threads, or not. */
export function ConversationToggle({ on, disabled, onChange }: Props) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      disabled={disabled}
      onClick={() => onChange(!on)}
      title={on ? "Show every message on its own" : "Group messages into conversations"}
      className="inline-flex h-8 shrink-0 disabled:opacity-60 items-center gap-2 rounded-lg px-2 text-[13px] font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
    >
      <span
        aria-hidden="true"
        className={`relative inline-flex h-4 w-7 items-center rounded-full transition-colors ${on ? "bg-accent-600 dark:bg-accent-500" : "bg-zinc-300 dark:bg-zinc-700"}`}
      >
        <span className={`absolute size-3 rounded-full bg-white shadow transition-transform ${on ? "translate-x-3.5" : "translate-x-0.5"}`} />
      </span>
      Conversations
    </button>
  );
}
