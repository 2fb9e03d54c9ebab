"use client";

import { useCallback, useState } from "react";
import { useAccount } from "@/hooks/use-account";
import type { AccountInfo } from "@/lib/shared/types";
import { useSync, type SyncChange } from "@/hooks/use-sync";
import { plural } from "@/components/mail/format";

/** POP3 accounts get "Check mail", sync progress and account settings; IMAP accounts see none of it. */
export function usePop3Account(opts: { refreshList: () => void; reloadFolders: () => Promise<unknown> | void; notify: (text: string) => void; initial?: AccountInfo | null }) {
  const { refreshList, reloadFolders, notify } = opts;
  const { account, reload: reloadAccount, saveSettings } = useAccount(opts.initial);
  const pop3 = account?.protocol === "pop3" ? (account.pop3 ?? null) : null;
  const [showSettings, setShowSettings] = useState(false);
  const onSyncChange = useCallback(
    (change: SyncChange) => {
      refreshList();
      void reloadFolders();
      if (!change.finished) return;
      void reloadAccount();
      if (change.status.state === "idle" && change.status.done > 0) {
        notify(`Downloaded ${plural(change.status.done, "new message")}`);
      }
    },
    [refreshList, reloadFolders, reloadAccount, notify],
  );
  const sync = useSync(pop3 !== null, pop3?.sync ?? null, onSyncChange);
  return { account, pop3, sync, showSettings, setShowSettings, reloadAccount, saveSettings };
}
