"use client";

import { Dialog } from "@/components/ui/dialog";
import { buttonClass } from "@/components/ui/button";
import { SHORTCUT_HELP } from "@/hooks/use-shortcuts";

/** "?" opens this: every shortcut, as a two-column table a screen reader reads row by row. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" description="They work anywhere outside a text field." size="lg">
      <table className="mt-4 w-full text-sm">
        <caption className="sr-only">Keyboard shortcuts</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUT_HELP.map((s) => (
            <tr key={s.label} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
              <td className="whitespace-nowrap py-1.5 pr-4 align-top">
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && <span className="px-1 text-zinc-600 dark:text-zinc-400">{k === "Enter" || k === "u" ? "+" : "then"}</span>}
                    <kbd className="inline-block min-w-6 rounded-md border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 text-center font-mono text-xs text-zinc-800 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100">
                      {k}
                    </kbd>
                  </span>
                ))}
              </td>
              <td className="py-1.5 text-zinc-700 dark:text-zinc-300">{s.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-5 flex justify-end">
        <button type="button" onClick={onClose} className={buttonClass("secondary", "md")}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
