"use client";

import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from "react";

export interface Checked {
  checked: Set<number>;
  setChecked: Dispatch<SetStateAction<Set<number>>>;
  /** Click on a row's checkbox; `range` (Shift) checks everything from the last clicked row. */
  toggleCheck: (uid: number, index: number, range: boolean) => void;
}

/** The list's checked rows; cleared whenever the list shows something else (`resetKey`). */
export function useChecked(rows: readonly { uid: number }[], resetKey: string): Checked {
  const [checked, setChecked] = useState<Set<number>>(() => new Set());
  const anchor = useRef<number | null>(null);

  useEffect(() => {
    setChecked(new Set());
    anchor.current = null;
  }, [resetKey]);

  // Read at the click: a new rows array (a message marked read) must not give every row a new handler.
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const toggleCheck = useCallback(
    (uid: number, index: number, range: boolean) => {
      const rows = rowsRef.current;
      // Read the anchor now: React may run the updater later, after the anchor below has moved.
      const from = anchor.current;
      setChecked((prev) => {
        const next = new Set(prev);
        const on = !prev.has(uid);
        if (range && from !== null) {
          const [a, b] = [Math.min(from, index), Math.max(from, index)];
          for (const m of rows.slice(a, b + 1)) next.add(m.uid);
        } else if (on) next.add(uid);
        else next.delete(uid);
        return next;
      });
      anchor.current = index;
    },
    [],
  );

  return { checked, setChecked, toggleCheck };
}
