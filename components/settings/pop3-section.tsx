"use client";

import { useState } from "react";
import { useAccount } from "@/hooks/use-account";
import { buttonClass } from "@/components/ui/button";
import { AccountSettingsDialog } from "@/components/account/account-settings-dialog";
import { Section, hintClass } from "@/components/settings/ui";
import { formatStorage, intervalLabel } from "@/components/account/sync-format";
import { plural } from "@/components/mail/format";

/** POP3 accounts: the download policy, storage and backup panel (the dialog the top bar used to open). */
export function Pop3Section() {
  const { account, reload, saveSettings } = useAccount();
  const [open, setOpen] = useState(false);
  const pop3 = account?.protocol === "pop3" ? account.pop3 : undefined;
  if (!pop3) return null;
  return (
    <Section id="pop3" title="Download and storage" description="This is a POP3 account: Mailroom downloads your mail and keeps it for every browser.">
      <p className={hintClass}>
        Checks for new mail every {intervalLabel(pop3.settings.intervalSeconds)}; keeps {plural(pop3.usage.messages, "message")} ({formatStorage(pop3.usage.bytes)}).
      </p>
      <button
        type="button"
        className={buttonClass("secondary")}
        onClick={() => {
          setOpen(true);
          // Storage use changes as mail arrives; read it fresh for the dialog.
          void reload();
        }}
      >
        Policy, storage and backup…
      </button>
      <AccountSettingsDialog
        open={open}
        onClose={() => setOpen(false)}
        settings={pop3.settings}
        usage={pop3.usage}
        folder="INBOX"
        folderName="Inbox"
        onSave={saveSettings}
        onImported={() => void reload()}
      />
    </Section>
  );
}
