"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import type { MessageDetail } from "@/lib/shared/types";
import { useFolders } from "@/hooks/use-folders";
import { useMessages, type SearchField } from "@/hooks/use-messages";
import { useMessage } from "@/hooks/use-message";
import { useToast } from "@/hooks/use-toast";
import { LIVE_CLOSED_EVENT } from "@/hooks/event-stream";
import { useAccount } from "@/hooks/use-account";
import { useSync, type SyncChange } from "@/hooks/use-sync";
import { useLiveUpdates } from "@/hooks/use-live-updates";
import { useFolderPresence } from "@/hooks/use-presence";
import { TopBar } from "@/components/mail/top-bar";
import { FolderSidebar } from "@/components/folders/folder-sidebar";
import { MessageList } from "@/components/mail/message-list";
import { MessageToolbar } from "@/components/mail/message-toolbar";
import { ReadingPane } from "@/components/mail/reading-pane";
import { StatusToast } from "@/components/ui/status-toast";
import { SyncPanel } from "@/components/account/sync-panel";
import { AccountSettingsDialog } from "@/components/account/account-settings-dialog";
import { Composer } from "@/components/compose/composer";
import { useComposer } from "@/hooks/use-composer";
import { useMessageActions } from "@/hooks/use-message-actions";
import { useFolderActions } from "@/hooks/use-folder-actions";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { buttonClass } from "@/components/ui/button";
import { ChevronLeftIcon } from "@/components/ui/icons";
import { formatCount, labelForPath, plural } from "@/components/mail/format";
import { rightsHint, rightsOf } from "@/lib/shared/rights";
import { folderFromPathname, mailHref, parseField, parseUid, type MailLocation } from "@/components/mail/mail-url";

interface MailAppProps {
  email: string;
  /** Initial folder and message from the server render; afterwards the URL is the source of truth. */
  folder: string;
  openUid: number | null;
}

export function MailApp({ email, folder: initialFolder, openUid: initialUid }: MailAppProps) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const folder = pathname?.startsWith("/mail") ? folderFromPathname(pathname) : initialFolder;
  const openUid = searchParams ? parseUid(searchParams.get("m")) : initialUid;
  const q = searchParams?.get("q")?.trim() ?? "";
  const field = parseField(searchParams?.get("field"));

  const foldersState = useFolders();
  const { folders, adjustUnread, reload: reloadFolders } = foldersState;
  const list = useMessages({ folder, q, field });
  const { toast, notify, dismiss } = useToast();

  // POP3 accounts get "Check mail", sync progress and account settings; IMAP accounts see none of it.
  const { account, reload: reloadAccount, saveSettings } = useAccount();
  const pop3 = account?.protocol === "pop3" ? (account.pop3 ?? null) : null;
  const [showSettings, setShowSettings] = useState(false);
  const onSyncChange = useCallback(
    (change: SyncChange) => {
      list.refresh();
      void reloadFolders();
      if (!change.finished) return;
      void reloadAccount();
      if (change.status.state === "idle" && change.status.done > 0) {
        notify(`Downloaded ${plural(change.status.done, "new message")}`);
      }
    },
    [list, reloadFolders, reloadAccount, notify],
  );
  const sync = useSync(pop3 !== null, pop3?.sync ?? null, onSyncChange);

  const [checked, setChecked] = useState<Set<number>>(() => new Set());
  const [showFolders, setShowFolders] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<number[] | null>(null);
  const anchor = useRef<number | null>(null);

  const currentFolder = folders.find((f) => f.path === folder);
  const folderName = labelForPath(folder, folders);
  const trash = folders.find((f) => f.specialUse === "trash");
  const inTrash = currentFolder?.specialUse === "trash";
  const rights = rightsOf(currentFolder);

  // Navigation writes the URL with the History API (Next.js keeps usePathname/useSearchParams in sync), so
  // back/forward work without a server round trip per click.
  const navigate = useCallback(
    (loc: Partial<MailLocation> & { folder: string }, mode: "push" | "replace" = "push") => {
      const href = mailHref(loc);
      if (mode === "push") window.history.pushState(null, "", href);
      else window.history.replaceState(null, "", href);
    },
    [],
  );

  useEffect(() => {
    setChecked(new Set());
    anchor.current = null;
  }, [folder, q, field]);

  // The server ended this view's live stream for good (too many open for this sign-in): say so in words.
  useEffect(() => {
    const onClosed = (e: Event) => notify((e as CustomEvent<{ message?: string }>).detail.message ?? "Live updates stopped in this window. Reload the page to resume them.", "error");
    window.addEventListener(LIVE_CLOSED_EVENT, onClosed);
    return () => window.removeEventListener(LIVE_CLOSED_EVENT, onClosed);
  }, [notify]);

  useEffect(() => {
    const unread = currentFolder?.unread ?? 0;
    document.title = `${folderName}${unread ? ` (${formatCount(unread)})` : ""} · Mailroom`;
  }, [folderName, currentFolder?.unread]);

  // Opening a message marks it read on the server; mirror that in the row and the folder badge.
  const messagesRef = useRef(list.messages);
  messagesRef.current = list.messages;
  const onMessageLoaded = useCallback(
    (detail: MessageDetail) => {
      const row = messagesRef.current.find((m) => m.uid === detail.uid);
      if (row && !row.seen && detail.seen) {
        list.patchMessages([detail.uid], { seen: true });
        adjustUnread(folder, -1);
      } else if (!row) {
        void reloadFolders();
      }
    },
    [folder, adjustUnread, reloadFolders, list],
  );
  const message = useMessage(folder, openUid, onMessageLoaded);
  const presence = useFolderPresence(folder);

  // Compose (issue 5): one composer at a time; a message opened in Drafts reopens in it.
  const draftsOpen = currentFolder?.specialUse === "drafts";
  const composer = useComposer({ email, folder, openUid, draftsOpen, notify, onDone: () => {
    list.refresh();
    void reloadFolders();
    if (draftsOpen) navigate({ folder }, "replace");
  } });

  // IMAP folders are watched live: changes by other people and other mail clients show without a reload.
  useLiveUpdates(account?.protocol === "imap", folder, {
    since: list.token,
    onChange: () => {
      list.refresh();
      void reloadFolders();
    },
    onCounts: () => void reloadFolders(),
    onFlags: list.applyFlags,
    onVanished: list.removeMessages,
    // The reading pane says "moved or deleted by someone else" once it re-reads a message that went.
    onExpunge: (uid) => {
      if (openUid !== null && (uid === undefined || uid === openUid)) message.reload();
    },
  });

  const openFolder = useCallback(
    (path: string) => {
      setShowFolders(false);
      if (path === folder && !q && openUid === null) return;
      navigate({ folder: path });
    },
    [folder, q, openUid, navigate],
  );

  const openMessage = useCallback(
    (uid: number) => {
      if (uid === openUid) return;
      navigate({ folder, q, field, openUid: uid });
    },
    [folder, q, field, openUid, navigate],
  );

  const closeMessage = useCallback(() => navigate({ folder, q, field }), [folder, q, field, navigate]);

  const toggleCheck = useCallback(
    (uid: number, index: number, range: boolean) => {
      setChecked((prev) => {
        const next = new Set(prev);
        const on = !prev.has(uid);
        if (range && anchor.current !== null) {
          const [a, b] = [Math.min(anchor.current, index), Math.max(anchor.current, index)];
          for (const m of list.messages.slice(a, b + 1)) next.add(m.uid);
        } else if (on) next.add(uid);
        else next.delete(uid);
        return next;
      });
      anchor.current = index;
    },
    [list.messages],
  );

  const { runFlagAction, runMove, runDelete, dispatch } = useMessageActions({
    folder, q, field, openUid, list, message, folders, trash, inTrash, navigate, notify, adjustUnread, reloadFolders, setChecked, setConfirmDelete,
  });

  // The list toolbar acts on the checked messages, or on the open one when nothing is checked.
  const listTargets = useMemo(() => {
    if (checked.size) return list.messages.filter((m) => checked.has(m.uid)).map((m) => m.uid);
    return openUid !== null ? [openUid] : [];
  }, [checked, list.messages, openUid]);

  const openTargets = useMemo(() => (openUid !== null && message.message ? [openUid] : []), [openUid, message.message]);

  const { createFolder, renameFolder, deleteFolder } = useFolderActions({ foldersState, folder, navigate, notify });

  // --- layout ----------------------------------------------------------------------------------------

  // Phones show one pane; tablets show two (folders or list, plus the message); desktops all three.
  const pane: "folders" | "list" | "message" = showFolders ? "folders" : openUid !== null ? "message" : "list";

  const allLoadedChecked = list.messages.length > 0 && checked.size === list.messages.length;
  const total = list.loading && !q && currentFolder ? currentFolder.total : list.total;
  const showCount = !list.error && (!list.loading || (!q && currentFolder));

  return (
    <div className="flex h-dvh flex-col overflow-hidden">
      <TopBar
        email={email}
        query={q}
        field={field}
        onSearch={(text: string, f: SearchField) => {
          setShowFolders(false);
          navigate({ folder, q: text, field: f });
        }}
        onClear={() => navigate({ folder })}
        onCompose={() => composer.open({ mode: "new" })}
        onOpenSettings={
          pop3
            ? () => {
                setShowSettings(true);
                // Storage use changes as mail arrives; read it fresh for the dialog.
                void reloadAccount();
              }
            : undefined
        }
      />

      <div className="flex min-h-0 flex-1">
        <aside
          className={`${pane === "folders" ? "flex" : "hidden"} w-full min-h-0 shrink-0 flex-col border-zinc-200/80 bg-zinc-50/70 md:w-[340px] md:border-r lg:flex lg:w-60 dark:border-zinc-800 dark:bg-zinc-900/40`}
        >
          <FolderSidebar
            folders={folders}
            loading={foldersState.loading}
            error={foldersState.error}
            currentFolder={folder}
            onOpenFolder={openFolder}
            onRetry={() => void reloadFolders()}
            onCreate={createFolder}
            onRename={renameFolder}
            onDelete={deleteFolder}
            header={pop3 ? <SyncPanel sync={sync} /> : undefined}
          />
        </aside>

        <section
          className={`${pane === "list" ? "flex" : "hidden"} ${pane === "folders" ? "md:hidden" : "md:flex"} w-full min-h-0 shrink-0 flex-col border-zinc-200/80 md:w-[340px] md:border-r lg:flex lg:w-[380px] dark:border-zinc-800`}
        >
          <div className="shrink-0 border-b border-zinc-200/80 px-2 pt-2 dark:border-zinc-800">
            <button
              type="button"
              onClick={() => setShowFolders(true)}
              className={buttonClass("ghost", "sm", "mb-1 pl-1.5 lg:hidden")}
            >
              <ChevronLeftIcon className="size-4" />
              Back to folders
            </button>
            <div className="px-2 pb-2 pt-1">
              <h1 className="truncate text-lg font-semibold tracking-tight text-zinc-950 dark:text-white">
                {folderName}
                {showCount && (
                  <span className="font-normal text-zinc-500 dark:text-zinc-400">
                    {" "}
                    · {plural(total, "message")}
                  </span>
                )}
              </h1>
              {q && (
                <p className="mt-0.5 truncate text-[13px] text-zinc-500 dark:text-zinc-400">
                  Search results for “{q}”{field !== "all" ? ` in ${field[0].toUpperCase()}${field.slice(1)}` : ""}
                </p>
              )}
            </div>
            <div className="pb-1.5">
              <MessageToolbar
                folders={folders}
                currentFolder={folder}
                rights={rights}
                targetCount={listTargets.length}
                onAction={(a) => dispatch(a, listTargets)}
                onMove={(target) => void runMove(listTargets, target)}
                selectAll={{
                  checked: allLoadedChecked,
                  indeterminate: checked.size > 0 && !allLoadedChecked,
                  disabled: list.messages.length === 0,
                  count: checked.size,
                  onChange: (all) => setChecked(all ? new Set(list.messages.map((m) => m.uid)) : new Set()),
                }}
              />
            </div>
          </div>
          <MessageList
            messages={list.messages}
            total={list.total}
            loading={list.loading}
            loadingMore={list.loadingMore}
            error={list.error}
            loadMoreError={list.loadMoreError}
            hasMore={list.hasMore}
            openUid={openUid}
            checked={checked}
            query={q}
            listLabel="Message list"
            onLoadMore={list.loadMore}
            onRetry={list.reload}
            onOpen={openMessage}
            onToggleCheck={toggleCheck}
            presence={presence}
          />
        </section>

        <main className={`${pane === "message" ? "flex" : "hidden"} min-h-0 min-w-0 flex-1 flex-col md:flex`}>
          <ReadingPane
            openUid={openUid}
            state={message}
            folder={folder}
            onBack={closeMessage}
            onToggleFlag={(m) => void runFlagAction(m.flagged ? "unflag" : "flag", [m.uid])}
            flagDeniedHint={rights.write ? undefined : rightsHint(rights)}
            onCompose={(mode, m) => composer.open({ mode, folder, uid: m.uid })}
            toolbar={
              <MessageToolbar
                folders={folders}
                currentFolder={folder}
                rights={rights}
                targetCount={openTargets.length}
                onAction={(a) => dispatch(a, openTargets)}
                onMove={(target) => void runMove(openTargets, target)}
              />
            }
          />
        </main>
      </div>

      <Dialog
        open={confirmDelete !== null}
        onClose={() => setConfirmDelete(null)}
        title="Delete permanently?"
        description={
          confirmDelete && (
            <>
              {confirmDelete.length === 1 ? "This message" : `These ${formatCount(confirmDelete.length)} messages`} will be
              deleted permanently. This can’t be undone.
            </>
          )
        }
      >
        <DialogActions>
          <button type="button" autoFocus className={buttonClass("secondary")} onClick={() => setConfirmDelete(null)}>
            Cancel
          </button>
          <button
            type="button"
            className={buttonClass("danger")}
            onClick={() => {
              const uids = confirmDelete ?? [];
              setConfirmDelete(null);
              void runDelete(uids);
            }}
          >
            Delete permanently
          </button>
        </DialogActions>
      </Dialog>

      {pop3 && (
        <AccountSettingsDialog
          open={showSettings}
          onClose={() => setShowSettings(false)}
          settings={pop3.settings}
          usage={pop3.usage}
          folder={folder}
          folderName={folderName}
          onSave={saveSettings}
          onImported={() => {
            list.reload();
            void reloadFolders();
            void reloadAccount();
          }}
        />
      )}

      {composer.request && <Composer key={composer.key} email={email} request={composer.request} onClose={composer.onClose} />}

      <StatusToast toast={toast} onDismiss={dismiss} />
    </div>
  );
}
