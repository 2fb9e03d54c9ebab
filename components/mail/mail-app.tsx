"use client";

import { useCallback, useMemo, useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { useFolders } from "@/hooks/use-folders";
import { useMessages, type SearchField } from "@/hooks/use-messages";
import { useOpenMessage } from "@/hooks/use-open-message";
import { useMailNavigation } from "@/hooks/use-mail-navigation";
import { useToast } from "@/hooks/use-toast";
import { usePop3Account } from "@/hooks/use-pop3-account";
import { useWindowSignals } from "@/hooks/use-window-signals";
import { useTeamList } from "@/hooks/use-team-list";
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
import { DeleteConfirmDialog } from "@/components/mail/delete-confirm-dialog";
import { ListHeader } from "@/components/mail/list-header";
import { TeamViews, VIEW_LABELS } from "@/components/folders/team-views";
import { useChecked } from "@/hooks/use-checked";
import { labelForPath } from "@/components/mail/format";
import { rightsHint, rightsOf } from "@/lib/shared/rights";
import { folderFromPathname, parseField, parseUid } from "@/components/mail/mail-url";
import { AllFoldersResults } from "@/components/search/all-folders-results";
import { SearchHighlightProvider } from "@/components/search/highlight";
import { useAllFoldersSearch } from "@/hooks/use-all-folders-search";

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
  // "All folders" search (issue 12): results grouped by folder; the URL's folder is the open message's.
  const allScope = !!q && searchParams?.get("scope") === "all";

  const foldersState = useFolders();
  const { folders, adjustUnread, reload: reloadFolders } = foldersState;
  const list = useMessages({ folder, q, field });
  const allFolders = useAllFoldersSearch(q, field, allScope);
  const { toast, notify, dismiss } = useToast();

  const { account, pop3, sync, showSettings, setShowSettings, reloadAccount, saveSettings } = usePop3Account({ refreshList: list.refresh, reloadFolders, notify });

  const [showFolders, setShowFolders] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<number[] | null>(null);

  const currentFolder = folders.find((f) => f.path === folder);
  const folderName = labelForPath(folder, folders);
  const trash = folders.find((f) => f.specialUse === "trash");
  const inTrash = currentFolder?.specialUse === "trash";
  const rights = rightsOf(currentFolder);

  const { navigate, openMessage, closeMessage } = useMailNavigation(folder, q, field, openUid);

  useWindowSignals(folderName, currentFolder?.unread ?? 0, notify);

  const message = useOpenMessage(folder, openUid, list, adjustUnread, reloadFolders);
  const presence = useFolderPresence(folder);

  // Team work (issue 11): who each row is assigned to, and the "Assigned to me" / "Unassigned" views.
  const openViewFolder = useCallback(
    (path: string) => {
      setShowFolders(false);
      if (path !== folder || openUid !== null || q) navigate({ folder: path });
    },
    [folder, openUid, q, navigate],
  );
  const { team, mailboxes: teamMailboxes, view, rows, teamView, setTeamView, openView } = useTeamList(folder, list.messages, list.loading, openViewFolder);
  const { checked, setChecked, toggleCheck } = useChecked(rows, `${folder}\n${q}\n${field}\n${view ?? ""}`);

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
      setTeamView(null);
      if (path === folder && !q && openUid === null) return;
      navigate({ folder: path });
    },
    [folder, q, openUid, navigate],
  );

  const { runFlagAction, runMove, runDelete, dispatch } = useMessageActions({
    folder, q, field, openUid, list, message, folders, trash, inTrash, navigate, notify, adjustUnread, reloadFolders, setChecked, setConfirmDelete,
  });

  // The list toolbar acts on the checked messages, or on the open one when nothing is checked.
  const listTargets = useMemo(() => {
    if (checked.size) return rows.filter((m) => checked.has(m.uid)).map((m) => m.uid);
    return openUid !== null ? [openUid] : [];
  }, [checked, rows, openUid]);

  const openTargets = useMemo(() => (openUid !== null && message.message ? [openUid] : []), [openUid, message.message]);

  const { createFolder, renameFolder, deleteFolder } = useFolderActions({ foldersState, folder, navigate, notify });

  // --- layout ----------------------------------------------------------------------------------------

  // Phones show one pane; tablets show two (folders or list, plus the message); desktops all three.
  const pane: "folders" | "list" | "message" = showFolders ? "folders" : openUid !== null ? "message" : "list";

  const allLoadedChecked = rows.length > 0 && checked.size === rows.length;
  const total = view ? rows.length : list.loading && !q && currentFolder ? currentFolder.total : list.total;
  const showCount = !list.error && (!list.loading || (!q && currentFolder));

  return (
    <SearchHighlightProvider query={q}>
    <div className="flex h-dvh flex-col overflow-hidden">
      <TopBar
        email={email}
        query={q}
        field={field}
        onSearch={(text: string, f: SearchField, where?: "folder" | "all") => {
          setShowFolders(false);
          navigate({ folder, q: text, field: f, scope: where === "all" ? "all" : undefined });
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
            team={
              <TeamViews
                mailboxes={teamMailboxes}
                folders={folders}
                current={teamView}
                onOpen={openView}
              />
            }
          />
        </aside>

        <section
          className={`${pane === "list" ? "flex" : "hidden"} ${pane === "folders" ? "md:hidden" : "md:flex"} w-full min-h-0 shrink-0 flex-col border-zinc-200/80 md:w-[340px] md:border-r lg:flex lg:w-[380px] dark:border-zinc-800`}
        >
          <ListHeader
            title={allScope ? "All folders" : folderName}
            count={allScope ? null : showCount ? total : null}
            query={q}
            field={field}
            viewLabel={view ? VIEW_LABELS[view] : undefined}
            onShowFolders={() => setShowFolders(true)}
            toolbar={
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
                  disabled: rows.length === 0,
                  count: checked.size,
                  onChange: (all) => setChecked(all ? new Set(rows.map((m) => m.uid)) : new Set()),
                }}
              />
            }
          />
          {allScope ? (
            <AllFoldersResults
              query={q}
              state={allFolders}
              folders={folders}
              openFolder={folder}
              openUid={openUid}
              onOpen={(path, uid) => navigate({ folder: path, q, field, scope: "all", openUid: uid })}
              onShowFolder={(path) => navigate({ folder: path, q, field })}
            />
          ) : (
          <MessageList
            messages={rows}
            total={view ? rows.length : list.total}
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
            assignees={team.byUid}
          />
          )}
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

      <DeleteConfirmDialog
        uids={confirmDelete}
        onCancel={() => setConfirmDelete(null)}
        onConfirm={(uids) => {
          setConfirmDelete(null);
          void runDelete(uids);
        }}
      />

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
    </SearchHighlightProvider>
  );
}
