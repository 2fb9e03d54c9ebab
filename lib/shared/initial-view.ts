// What the mail page's server render hands the browser (issue 13 point 5). Browser-safe.
import type { AccountInfo, Folder, MessagePage } from "@/lib/shared/types";
import type { ConversationPage } from "@/lib/shared/conversation-types";

/**
 * The data the first screen needs, loaded by the server while it renders the page, so the browser
 * starts with rows instead of a request waterfall (account → folders → messages). Every part may be
 * missing (slow or failing server): the hooks then fetch that part themselves, as without it.
 */
export interface InitialView {
  /** The account it was loaded for: a hook of another account (a later sign-in in this tab) ignores it. */
  email: string;
  /** The folder the page was rendered for; the page is used only while that folder shows unsearched. */
  folder: string;
  account: AccountInfo | null;
  folders: Folder[] | null;
  page: MessagePage | null;
  /** The "Conversations" choice; null when it could not be read. */
  conversations: boolean | null;
  /** The folder's first conversation window, when conversations are on. */
  threads: ConversationPage | null;
}
