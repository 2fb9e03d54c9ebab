"use client";

import { useCallback, useState } from "react";

/**
 * Where the list starts in a big folder (issue 12 point 7): null (newest), "oldest" or a day
 * (YYYY-MM-DD). Kept with its folder, so opening another folder starts at its newest again.
 */
export function useListJump(folder: string): { jump: string | null; setJump: (jump: string | null) => void } {
  const [state, setState] = useState<{ folder: string; jump: string | null }>({ folder, jump: null });
  const setJump = useCallback((jump: string | null) => setState({ folder, jump }), [folder]);
  return { jump: state.folder === folder ? state.jump : null, setJump };
}
