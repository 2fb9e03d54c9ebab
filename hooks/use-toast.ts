"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export interface Toast {
  id: number;
  message: string;
  tone: "info" | "error";
}

/** One non-blocking message at a time; a newer one replaces the older. */
export function useToast(timeoutMs = 5000) {
  const [toast, setToast] = useState<Toast | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const nextId = useRef(1);

  const dismiss = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    setToast(null);
  }, []);

  const notify = useCallback(
    (message: string, tone: Toast["tone"] = "info") => {
      if (timer.current) clearTimeout(timer.current);
      setToast({ id: nextId.current++, message, tone });
      // Errors stay a little longer: they usually ask the reader to do something.
      timer.current = setTimeout(() => setToast(null), tone === "error" ? timeoutMs * 2 : timeoutMs);
    },
    [timeoutMs],
  );

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  return { toast, notify, dismiss };
}
