"use client";

import type { Folder, MessageSummary } from "@/lib/shared/types";
import type { SearchField } from "@/hooks/use-messages";
import type { useStreamedSearch } from "@/hooks/use-streamed-search";
import type { useConversations } from "@/hooks/use-conversations";
import type { useTeamList } from "@/hooks/use-team-list";
import type { useMessageActions } from "@/hooks/use-message-actions";
import type { useChecked } from "@/hooks/use-checked";
import type { useMailActions } from "@/components/mail/use-mail-actions";
import type { useToast } from "@/hooks/use-toast";
import type { useListJump } from "@/hooks/use-list-jump";
import type { useAllFoldersSearch } from "@/hooks/use-all-folders-search";
import type { useMailNavigation } from "@/hooks/use-mail-navigation";
import type { useFolderPresence } from "@/hooks/use-presence";
import type { rightsOf } from "@/lib/shared/rights";
import { ListHeader } from "@/components/mail/list-header";
import { MessageToolbar } from "@/components/mail/message-toolbar";
import { ConversationToggle } from "@/components/mail/conversation-toggle";
import { VIEW_LABELS } from "@/components/folders/team-views";
import { BulkBar, bulkBarClears, FolderWideLinks, hasFolderWideLinks, useFolderBulk } from "@/components/mail/bulk-bar";
import { ListControls } from "@/components/mail/list-controls";
import { SearchProgress } from "@/components/search/search-progress";
import { AllFoldersResults } from "@/components/search/all-folders-results";
import { ThreadList } from "@/components/mail/thread-list";
import { MessageList } from "@/components/mail/message-list";
import { newestIn } from "@/lib/shared/conversation-view";
import { Later } from "@/hooks/list-first";

type TeamList = ReturnType<typeof useTeamList>;
type MessageActions = ReturnType<typeof useMessageActions>;
type Checked = ReturnType<typeof useChecked>;
type Navigation = ReturnType<typeof useMailNavigation>;

interface ListColumnProps {
  pane: "folders" | "list" | "message";
  allScope: boolean;
  folderName: string;
  list: ReturnType<typeof useStreamedSearch>;
  showCount: boolean;
  total: number;
  q: string;
  field: SearchField;
  view: TeamList["view"];
  setShowFolders: (shown: boolean) => void;
  conv: ReturnType<typeof useConversations>;
  folders: Folder[];
  folder: string;
  rights: ReturnType<typeof rightsOf>;
  listTargets: number[];
  dispatch: MessageActions["dispatch"];
  runMove: MessageActions["runMove"];
  allLoadedChecked: boolean;
  checked: Checked["checked"];
  rows: MessageSummary[];
  setChecked: Checked["setChecked"];
  currentFolder: Folder | undefined;
  actions: ReturnType<typeof useMailActions>;
  inTrash: boolean;
  notify: ReturnType<typeof useToast>["notify"];
  refreshAll: () => void;
  jump: ReturnType<typeof useListJump>["jump"];
  setJump: ReturnType<typeof useListJump>["setJump"];
  streamed: boolean;
  allFolders: ReturnType<typeof useAllFoldersSearch>;
  openUid: number | null;
  navigate: Navigation["navigate"];
  email: string;
  openMessage: Navigation["openMessage"];
  toggleCheck: Checked["toggleCheck"];
  presence: ReturnType<typeof useFolderPresence>;
  team: TeamList["team"];
}

/**
 * The middle column: the folder's header and toolbar, select-all and paging controls, and the rows —
 * all-folders search results, conversations or messages. State lives in MailApp; this only lays it out.
 */
export function ListColumn({ pane, allScope, folderName, list, showCount, total, q, field, view, setShowFolders, conv, folders, folder, rights, listTargets, dispatch, runMove, allLoadedChecked, checked, rows, setChecked, currentFolder, actions, inTrash, notify, refreshAll, jump, setJump, streamed, allFolders, openUid, navigate, email, openMessage, toggleCheck, presence, team }: ListColumnProps) {
  const clear = () => setChecked(new Set());
  const bulk = useFolderBulk({
    folder,
    archivePath: actions.archiveFolder?.path ?? null,
    inTrash,
    allLoadedChecked,
    notify,
    onDone: () => {
      clear();
      refreshAll();
    },
  });
  // The folder-wide links: on their own line above the list from 768 px, in the toolbar's line on phones.
  const wide = { bulk, total: currentFolder?.total ?? list.total, unread: currentFolder?.unread ?? 0, inTrash, checkedCount: checked.size, onClear: clear };
  return (
    <section
      id="mail-content"
      data-pane="list"
      tabIndex={-1}
      className={`focus:outline-none ${pane === "list" ? "flex" : "hidden"} ${pane === "folders" ? "md:hidden" : "md:flex"} w-full min-h-0 shrink-0 flex-col border-zinc-200/80 md:w-[340px] md:border-r lg:flex xl:w-[380px] dark:border-zinc-800`}
    >
      <ListHeader
        title={allScope ? "All folders" : folderName}
        // A folder's own list says "1–50 of 10,000" on its position line; the count beside the name cut
        // the name short in the ~365 px column ("Inbox · 10,000 mes…"). Searches and views keep it.
        count={allScope || list.searching || (!q && !view && !conv.showing) ? null : showCount ? total : null}
        countAtLeast={!!q && list.totalAtLeast}
        query={q}
        field={field}
        viewLabel={view ? VIEW_LABELS[view] : undefined}
        onShowFolders={() => setShowFolders(true)}
        actions={!q && !view ? <ConversationToggle on={conv.enabled} disabled={!conv.known} onChange={conv.setEnabled} /> : undefined}
        toolbar={
          // Not beside "All folders" results or conversations: they have no checkboxes, and its "select all"
          // ticked the folder's own rows, hidden behind them. Each conversation row has its own actions; the
          // open message, the reading pane's toolbar.
          allScope || conv.showing ? null :
          // Acts on checked or open messages, not on the rows a switch shows: it follows the list's frame (hooks/list-first.tsx).
          <Later><MessageToolbar
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
              clear: !view && !q && bulkBarClears({ ...wide, loaded: rows.length, allLoadedChecked }) ? "phone" : "always",
            }}
            phoneIdle={!view && !q && hasFolderWideLinks(wide) ? <FolderWideLinks {...wide} /> : undefined}
          /></Later>
        }
      />
      {!view && !q && !conv.showing && <BulkBar {...wide} loaded={rows.length} allLoadedChecked={allLoadedChecked} />}
      {!q && !view && !conv.showing && <ListControls folder={folder} list={list} loaded={rows.length} jump={jump} onJump={setJump} notify={notify} />}
      {streamed && !view && <SearchProgress searching={list.searching} found={list.messages.length} stoppedEarly={list.stoppedEarly} />}
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
        ) : conv.showing ? (
        <ThreadList
          threads={conv.threads}
          folder={folder}
          me={email}
          loading={conv.loading}
          error={conv.error}
          hasMore={conv.hasMore}
          loadingMore={conv.loadingMore}
          openUid={openUid}
          archiveFolder={conv.archiveFolder}
          onOpen={(t) => openMessage(newestIn(t, folder).uid)}
          onAction={(t, a) => void conv.runAction(t, a)}
          onLoadMore={conv.loadMore}
          onRetry={conv.refresh}
        />
      ) : (
      <MessageList
        messages={rows}
        // -1: unknown to assistive technology (aria-setsize), for a search counted only up to a cap.
        total={view ? rows.length : list.totalAtLeast ? -1 : list.total}
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
        onSearchAllFolders={q && !view ? () => navigate({ folder, q, field, scope: "all" }) : undefined}
        onOpen={openMessage}
        onToggleCheck={toggleCheck}
        presence={presence}
        assignees={team.byUid}
        showRecipients={currentFolder?.specialUse === "sent" || currentFolder?.specialUse === "drafts"}
        listKey={`${folder}\n${q}\n${field}\n${view ?? ""}\n${jump ?? ""}`}
      />
      )}
    </section>
  );
}
