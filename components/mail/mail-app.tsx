"use client";

import { useCallback, useMemo, useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { useFolders } from "@/hooks/use-folders";
import { useMessages, type SearchField } from "@/hooks/use-messages";
import { useListJump } from "@/hooks/use-list-jump";
import { useOpenMessage } from "@/hooks/use-open-message";
import { useMessagePrefetch } from "@/hooks/message-prefetch";
import { useMailNavigation } from "@/hooks/use-mail-navigation";
import { useInstantOpen } from "@/hooks/use-instant-open";
import { useInstantLocation } from "@/hooks/use-instant-location";
import { useToast } from "@/hooks/use-toast";
import { usePop3Account } from "@/hooks/use-pop3-account";
import { useWindowSignals } from "@/hooks/use-window-signals";
import { useTeamList } from "@/hooks/use-team-list";
import { useLiveUpdates } from "@/hooks/use-live-updates";
import { useFolderPresence } from "@/hooks/use-presence";
import { useAppearance } from "@/hooks/use-appearance";
import { switchFolder } from "@/hooks/show-when-ready";
import { Later, useListFirstCatchUp } from "@/hooks/list-first";
import { searchWhenReady } from "@/hooks/search-stream-start";
import { TopBar } from "@/components/mail/top-bar";
import { FoldersPane } from "@/components/mail/folders-pane";
import { ListColumn } from "@/components/mail/list-column";
import { ReadingPane } from "@/components/mail/reading-pane";
import { StatusToast } from "@/components/ui/status-toast";
import { SyncPanel } from "@/components/account/sync-panel";
import { LazyComposer as Composer, usePreloadComposer } from "@/components/compose/lazy-composer";
import { useMarkReady } from "@/hooks/use-hydrated";
import { useRememberClock } from "@/hooks/page-clock";
import { useComposer } from "@/hooks/use-composer";
import { useMessageActions } from "@/hooks/use-message-actions";
import { useFolderActions } from "@/hooks/use-folder-actions";
import { DeleteConfirmDialog } from "@/components/mail/delete-confirm-dialog";
import { TeamViews } from "@/components/folders/team-views";
import { useChecked } from "@/hooks/use-checked";
import { labelForPath } from "@/components/mail/format";
import { rightsHint, rightsOf } from "@/lib/shared/rights";
import { folderFromPathname, parseField, parseUid } from "@/components/mail/mail-url";
// Everyday actions (issue 12): undo, the reading toolbar, row actions, whole-folder selection.
import { UndoToast, useUndo } from "@/components/mail/undo-toast";
import { MailActionsContext, useMailActions } from "@/components/mail/use-mail-actions";
import { ReadingToolbar } from "@/components/mail/reading-toolbar";
import { SourceDialog } from "@/components/mail/source-dialog";
import { restoreDiscardedDraft } from "@/components/compose/restore-draft";
import { useShortcutDispatch } from "@/hooks/use-shortcut-dispatch";
import { ShortcutsDialog } from "@/components/mail/shortcuts-dialog";
import { ComposeFab } from "@/components/mail/compose-fab";
import { SkipLink } from "@/components/ui/skip-link";
import { useConversations } from "@/hooks/use-conversations";
import { ThreadView } from "@/components/mail/thread-view";
import { SearchHighlightProvider } from "@/components/search/highlight";
import { useAllFoldersSearch } from "@/hooks/use-all-folders-search";
import { useStreamedSearch } from "@/hooks/use-streamed-search";
import type { InitialView } from "@/lib/shared/initial-view";

interface MailAppProps {
  email: string;
  /** Initial folder and message from the server render; afterwards the URL is the source of truth. */
  folder: string;
  openUid: number | null;
  /** What the server loaded with the page (issue 13 point 5): the first screen needs no request. */
  initial?: InitialView | null;
}

export function MailApp({ email, folder: initialFolder, openUid: initialUid, initial }: MailAppProps) {
  // A folder switch shows in the click's own render; Next's hooks catch up a moment later (issue 13).
  const { pathname, searchParams, show: showLocation } = useInstantLocation(usePathname(), useSearchParams());
  usePreloadComposer();
  useMarkReady();
  useRememberClock();
  // A switch, jump or search paints the list first; <Later> parts follow after that frame (hooks/list-first.tsx).
  useListFirstCatchUp();
  const folder = pathname?.startsWith("/mail") ? folderFromPathname(pathname) : initialFolder;
  // A click shows the message in its own render; the URL catches up a moment later (issue 13).
  const { openUid, showOpen } = useInstantOpen(searchParams ? parseUid(searchParams.get("m")) : initialUid);
  const q = searchParams?.get("q")?.trim() ?? "";
  const field = parseField(searchParams?.get("field"));
  // "All folders" search (issue 12): results grouped by folder; the URL's folder is the open message's.
  const allScope = !!q && searchParams?.get("scope") === "all";

  const foldersState = useFolders(initial?.folders);
  const { folders, adjustUnread, reload: reloadFolders } = foldersState;
  const { jump, setJump } = useListJump(folder);
  // A search in this folder streams its rows (issue 13); the folder's own list stays loaded underneath.
  const streamed = !!q && !allScope;
  const list = useStreamedSearch(useMessages({ folder, q: streamed ? "" : q, field, jump }, { account: email, initial: initial?.page }), { folder, q, field }, streamed);
  const allFolders = useAllFoldersSearch(q, field, allScope);
  const { toast, notify, dismiss } = useToast();
  // After anything that changes several messages or folders at once: the list and the folder counts.
  const refreshAll = () => {
    list.refresh();
    void reloadFolders();
  };
  const undo = useUndo({ notify, dismissToast: dismiss, onRestored: refreshAll });
  useAppearance();

  const { account, pop3, sync } = usePop3Account({ refreshList: list.refresh, reloadFolders, notify, initial: initial?.account });

  const [showFolders, setShowFolders] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<number[] | null>(null);

  const currentFolder = folders.find((f) => f.path === folder);
  const folderName = labelForPath(folder, folders);
  const trash = folders.find((f) => f.specialUse === "trash");
  const inTrash = currentFolder?.specialUse === "trash";
  const rights = rightsOf(currentFolder);

  const { navigate, navigateNow, openMessage, closeMessage } = useMailNavigation(folder, q, field, openUid, showOpen, showLocation);

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
  // Neighbours of the open message, hovered and focused rows are fetched ahead (issue 13 point 4).
  useMessagePrefetch(folder, rows, openUid, message.message?.uid ?? null);
  // Conversations (issue 12): the folder grouped into threads, when the person turned it on.
  const conv = useConversations({ folder, active: !q && !view, listMessages: list.messages, folders, notify, reloadFolders, initial: initial ? { enabled: initial.conversations, page: initial.threads } : undefined });
  const openThread = conv.showing ? conv.threadOf(folder, openUid) : null;
  const { checked, setChecked, toggleCheck } = useChecked(rows, `${folder}\n${q}\n${field}\n${view ?? ""}`);

  // Compose (issue 5): one composer at a time; a message opened in Drafts reopens in it.
  const draftsOpen = currentFolder?.specialUse === "drafts";
  const composer = useComposer({ email, folder, openUid, draftsOpen, notify, onDone: () => {
    refreshAll();
    if (draftsOpen) navigate({ folder }, "replace");
  }, onDiscarded: (snap) => undo.offerOther({ text: "Draft discarded", run: () => restoreDiscardedDraft(snap, (s) => composer.open({ mode: "restore", snapshot: s })) }) });

  // IMAP folders are watched live: changes by other people and other mail clients show without a reload.
  useLiveUpdates(account?.protocol === "imap", folder, {
    since: list.token,
    onChange: refreshAll,
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
      // The request leaves before React renders the switch; one not fetched yet renders once, with its rows (issue 13).
      switchFolder(email, folder, path, { threads: conv.enabled }, () => {
        setShowFolders(false);
        setTeamView(null);
        if (path === folder && !q && openUid === null) return;
        navigateNow({ folder: path });
      });
    },
    [folder, q, openUid, navigateNow, email, conv.enabled],
  );

  const { runFlagAction, runMove, runDelete, dispatch } = useMessageActions({
    folder, q, field, openUid, list, message, folders, trash, inTrash, navigate, notify, adjustUnread, reloadFolders, setChecked, setConfirmDelete, onUndoable: undo.offer,
  });
  const actions = useMailActions({ folder, folders, dispatch, runMove, undo, notify });

  // The list toolbar acts on the checked messages, or on the open one when nothing is checked.
  const listTargets = useMemo(() => {
    if (checked.size) return rows.filter((m) => checked.has(m.uid)).map((m) => m.uid);
    return openUid !== null ? [openUid] : [];
  }, [checked, rows, openUid]);

  const { createFolder, renameFolder, deleteFolder } = useFolderActions({ foldersState, folder, navigate, notify });

  // Keyboard shortcuts (issue 12): every key goes through one dispatcher (hooks/use-shortcut-dispatch.ts).
  const shortcuts = useShortcutDispatch({
    folder, folders, openUid, message: message.message, targets: listTargets, composing: composer.request !== null,
    compose: () => composer.open({ mode: "new" }),
    reply: (mode, m) => composer.open({ mode, folder, uid: m.uid }),
    act: dispatch, move: (uids, target) => void runMove(uids, target), archive: actions.archive, spam: actions.spam,
    toggleCheck: (uid) => toggleCheck(uid, rows.findIndex((m) => m.uid === uid), false),
    openFolder, closeMessage, notify,
  });

  // --- layout ----------------------------------------------------------------------------------------

  // Phones show one pane; tablets show two (folders or list, plus the message); desktops all three.
  const pane: "folders" | "list" | "message" = showFolders ? "folders" : openUid !== null ? "message" : "list";

  const allLoadedChecked = rows.length > 0 && checked.size === rows.length;
  const total = view ? rows.length : list.loading && !q && currentFolder ? currentFolder.total : list.total;
  const showCount = !list.error && (!list.loading || (!q && !!currentFolder));

  return (
    <MailActionsContext.Provider value={actions}>
    <SearchHighlightProvider query={q}>
    <div className="touch-targets flex h-dvh flex-col overflow-hidden">
      <SkipLink href={pane === "message" ? "#message-content" : "#mail-content"}>{pane === "message" ? "Skip to message" : "Skip to messages"}</SkipLink>
      <Later><TopBar
        email={email}
        query={q}
        field={field}
        onSearch={(text: string, f: SearchField, where?: "folder" | "all") => {
          setShowFolders(false);
          const loc = { folder, q: text, field: f, scope: where === "all" ? ("all" as const) : undefined };
          // A folder search's stream leaves now; it renders once, with its first rows (hooks/search-stream-start.ts).
          if (where === "all") navigate(loc);
          else searchWhenReady(folder, text, f, () => navigateNow(loc));
        }}
        onClear={() => navigate({ folder })}
        onCompose={() => composer.open({ mode: "new" })}
      /></Later>

      <div className="flex min-h-0 flex-1" data-mail-panes="" data-open={openUid !== null ? "true" : "false"}>
        <Later><FoldersPane
          shown={pane === "folders"}
          account={email}
          imap={account?.protocol === "imap"}
          onQuotaChanged={refreshAll}
          folders={folders}
          loading={foldersState.loading}
          error={foldersState.error}
          // "All folders" results are no folder's: none is marked as the one shown.
          currentFolder={allScope ? "" : folder}
          onOpenFolder={openFolder}
          onRetry={() => void reloadFolders()}
          onCreate={createFolder}
          onRename={renameFolder}
          onDelete={deleteFolder}
          header={pop3 ? <SyncPanel sync={sync} /> : undefined}
          team={<TeamViews mailboxes={teamMailboxes} folders={folders} current={teamView} onOpen={openView} />}
        /></Later>

        <ListColumn
          {...{ pane, allScope, folderName, list, showCount, total, q, field, view, setShowFolders, conv, folders,
            folder, rights, listTargets, dispatch, runMove, allLoadedChecked, checked, rows, setChecked, currentFolder, actions, inTrash, notify,
            refreshAll, jump, setJump, streamed, allFolders, openUid, navigate, email, openMessage, toggleCheck, presence, team }}
        />

        <main id="message-content" data-pane="message" tabIndex={-1} className={`focus:outline-none ${pane === "message" ? "flex" : "hidden"} min-h-0 min-w-0 flex-1 flex-col md:flex`}>
          <Later><ReadingPane
            openUid={openUid}
            state={message}
            folder={folder}
            onBack={closeMessage}
            onToggleFlag={(m) => void runFlagAction(m.flagged ? "unflag" : "flag", [m.uid])}
            flagDeniedHint={rights.write ? undefined : rightsHint(rights)}
            onCompose={(mode, m) => composer.open({ mode, folder, uid: m.uid })}
            thread={openThread && openUid !== null ? {
              before: <ThreadView thread={openThread} folder={folder} openUid={openUid} me={email} part="before" />,
              after: <ThreadView thread={openThread} folder={folder} openUid={openUid} me={email} part="after" />,
            } : undefined}
            toolbar={message.message && <ReadingToolbar message={message.message} folders={folders} actions={actions} />}
            instant={!conv.showing}
            listEmpty={!allScope && !conv.showing && !list.loading && !list.error && rows.length === 0}
          /></Later>
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

      {composer.request && <Composer key={composer.key} email={email} request={composer.request} onClose={composer.onClose} />}

      <ShortcutsDialog open={shortcuts.helpOpen} onClose={shortcuts.closeHelp} />
      <ComposeFab onCompose={() => composer.open({ mode: "new" })} hidden={pane !== "list" || composer.request !== null} />

      <StatusToast toast={toast} onDismiss={dismiss} />
      <UndoToast state={undo} />
      <SourceDialog source={actions.source} onClose={actions.closeSource} />
    </div>
    </SearchHighlightProvider>
    </MailActionsContext.Provider>
  );
}
