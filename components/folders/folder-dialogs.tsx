"use client";

import { useState, type FormEvent } from "react";
import type { Folder } from "@/lib/shared/types";
import { Dialog, DialogActions, DialogError } from "@/components/ui/dialog";
import { buttonClass, inputClass } from "@/components/ui/button";
import { errorMessage } from "@/hooks/use-api";
import { folderLabel } from "@/components/mail/format";

const labelClass = "mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200";

export function NewFolderDialog({
  open,
  folders,
  defaultParent,
  onClose,
  onCreate,
}: {
  open: boolean;
  folders: Folder[];
  defaultParent: string | null;
  onClose: () => void;
  onCreate: (parent: string | null, name: string) => Promise<void>;
}) {
  return (
    <Dialog open={open} onClose={onClose} title="New folder">
      {open && <NewFolderForm folders={folders} defaultParent={defaultParent} onClose={onClose} onCreate={onCreate} />}
    </Dialog>
  );
}

function NewFolderForm({
  folders,
  defaultParent,
  onClose,
  onCreate,
}: {
  folders: Folder[];
  defaultParent: string | null;
  onClose: () => void;
  onCreate: (parent: string | null, name: string) => Promise<void>;
}) {
  const [name, setName] = useState("");
  const [parent, setParent] = useState(defaultParent ?? "");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const parents = folders.filter((f) => !f.shared);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError("Enter a name for the folder.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      await onCreate(parent || null, trimmed);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setPending(false);
    }
  };

  return (
    <form onSubmit={submit} className="mt-4 space-y-4" noValidate>
      <div>
        <label htmlFor="new-folder-name" className={labelClass}>
          Folder name
        </label>
        <input
          id="new-folder-name"
          className={inputClass}
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoFocus
          autoComplete="off"
          maxLength={200}
        />
      </div>
      <div>
        <label htmlFor="new-folder-parent" className={labelClass}>
          Parent folder <span className="font-normal text-zinc-500 dark:text-zinc-400">(optional)</span>
        </label>
        <select id="new-folder-parent" className={inputClass} value={parent} onChange={(e) => setParent(e.target.value)}>
          <option value="">None (top level)</option>
          {parents.map((f) => (
            <option key={f.path} value={f.path}>
              {"\u00a0\u00a0\u00a0".repeat(f.depth)}
              {folderLabel(f)}
            </option>
          ))}
        </select>
      </div>
      <DialogError message={error} />
      <DialogActions>
        <button type="button" className={buttonClass("secondary")} onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className={buttonClass("primary")} disabled={pending}>
          {pending ? "Creating…" : "Create folder"}
        </button>
      </DialogActions>
    </form>
  );
}

export function RenameFolderDialog({
  folder,
  onClose,
  onRename,
}: {
  folder: Folder | null;
  onClose: () => void;
  onRename: (folder: Folder, newName: string) => Promise<void>;
}) {
  return (
    <Dialog open={folder !== null} onClose={onClose} title="Rename folder">
      {folder && <RenameForm key={folder.path} folder={folder} onClose={onClose} onRename={onRename} />}
    </Dialog>
  );
}

function RenameForm({
  folder,
  onClose,
  onRename,
}: {
  folder: Folder;
  onClose: () => void;
  onRename: (folder: Folder, newName: string) => Promise<void>;
}) {
  const [name, setName] = useState(folder.name);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError("Enter a name for the folder.");
      return;
    }
    if (trimmed === folder.name) {
      onClose();
      return;
    }
    setPending(true);
    setError(null);
    try {
      await onRename(folder, trimmed);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setPending(false);
    }
  };

  return (
    <form onSubmit={submit} className="mt-4 space-y-4" noValidate>
      <div>
        <label htmlFor="rename-folder-name" className={labelClass}>
          Folder name
        </label>
        <input
          id="rename-folder-name"
          className={inputClass}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onFocus={(e) => e.currentTarget.select()}
          autoFocus
          autoComplete="off"
          maxLength={200}
        />
      </div>
      <DialogError message={error} />
      <DialogActions>
        <button type="button" className={buttonClass("secondary")} onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className={buttonClass("primary")} disabled={pending}>
          {pending ? "Renaming…" : "Rename"}
        </button>
      </DialogActions>
    </form>
  );
}

export function DeleteFolderDialog({
  folder,
  onClose,
  onDelete,
}: {
  folder: Folder | null;
  onClose: () => void;
  onDelete: (folder: Folder) => Promise<void>;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setPending(false);
    setError(null);
    onClose();
  };

  return (
    <Dialog
      open={folder !== null}
      onClose={close}
      title="Delete folder?"
      description={
        folder && (
          <>
            “{folder.name}” and every message in it will be deleted permanently
            {folder.total > 0 ? ` (${folder.total.toLocaleString("en-US")} messages)` : ""}. This can’t be undone.
          </>
        )
      }
    >
      <DialogError message={error} />
      <DialogActions>
        <button type="button" className={buttonClass("secondary")} onClick={close} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className={buttonClass("danger")}
          disabled={pending}
          onClick={async () => {
            if (!folder) return;
            setPending(true);
            setError(null);
            try {
              await onDelete(folder);
              close();
            } catch (err) {
              setError(errorMessage(err));
              setPending(false);
            }
          }}
        >
          {pending ? "Deleting…" : "Delete folder"}
        </button>
      </DialogActions>
    </Dialog>
  );
}
