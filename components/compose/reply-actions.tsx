"use client";

import type { ComposeMode } from "@/lib/shared/compose";
import { MenuButton } from "@/components/ui/menu-button";
import { buttonClass } from "@/components/ui/button";
import { ChevronDownIcon, ReplyIcon } from "@/components/ui/icons";

export type ReplyMode = Exclude<ComposeMode, "new">;

/** Reply, Reply all and Forward (inline or as an attachment) for the open message. */
export function ReplyActions({ onCompose }: { onCompose: (mode: ReplyMode) => void }) {
  return (
    <div className="mt-4 flex flex-wrap items-center gap-2">
      <button type="button" className={buttonClass("secondary", "sm")} onClick={() => onCompose("reply")}>
        <ReplyIcon className="size-4" />
        Reply
      </button>
      <button type="button" className={buttonClass("secondary", "sm")} onClick={() => onCompose("replyAll")}>
        <ReplyIcon className="size-4" />
        Reply all
      </button>
      {/* Forward and its options keep together: in a narrow pane the arrow wrapped onto a line of its own. */}
      <span data-forward-group="" className="inline-flex items-center gap-0.5">
        <button type="button" className={buttonClass("secondary", "sm")} onClick={() => onCompose("forward")}>
          <ReplyIcon className="size-4 -scale-x-100" />
          Forward
        </button>
        <MenuButton
          label="More forward options"
          className={buttonClass("ghost", "sm", "px-1.5")}
          items={[{ key: "att", label: "Forward as attachment", onSelect: () => onCompose("forwardAttachment") }]}
        >
          <ChevronDownIcon className="size-4" />
        </MenuButton>
      </span>
    </div>
  );
}
