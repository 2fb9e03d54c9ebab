import type { MessageSummary } from "@/lib/shared/types";

/** One folder's matches in an "All folders" search. */
export interface FolderHits {
  folder: string;
  /** Every match in the folder; `messages` holds the newest few. */
  total: number;
  /** More match than `total` (a store that counts up to a cap): shown "1,000+". */
  totalAtLeast?: true;
  messages: MessageSummary[];
}

export interface AllFoldersSearch {
  groups: FolderHits[];
  searchedFolders: number;
  totalFolders: number;
  /** Why folders were left out: the time ran out, or there were more folders than the cap. */
  stoppedBy: "deadline" | "cap" | null;
  /** The first folders not searched (at most 50). */
  notSearched: string[];
}

/** Recent searches of the account, newest first. */
export interface RecentSearches {
  searches: string[];
}
