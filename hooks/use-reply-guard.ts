"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "@/hooks/use-api";
import { fetchReplyCheck } from "@/hooks/reply-collision";
import { collisionQuestion, collisionWarning } from "@/lib/shared/collision";

export interface ReplyGuardTarget {
  folder: string;
  uid: number;
  /** When the person opened the message being replied to. */
  openedAt: Date | string;
  /** MessageDetail.answered as it was loaded. */
  answeredAtOpen?: boolean;
}

export interface ReplyGuard {
  /**
   * Call right before sending. Resolves true to send (nothing collides, or the person chose "Send
   * anyway"), false when they cancelled. A failed check never blocks sending.
   */
  confirmSend: () => Promise<boolean>;
  /** Spread onto <CollisionDialog {...dialogProps} />. */
  dialogProps: { message: string | null; question?: string; onSend: () => void; onCancel: () => void };
}

const GONE = "This message was moved or deleted by someone else since you opened it.";

/** The collision guard for a reply composer: checkReplyCollision + the CollisionDialog's state. */
export function useReplyGuard(target: ReplyGuardTarget | null): ReplyGuard {
  const [message, setMessage] = useState<string | null>(null);
  const [question, setQuestion] = useState<string | undefined>(undefined);
  const answer = useRef<((send: boolean) => void) | null>(null);
  const targetRef = useRef(target);
  useEffect(() => {
    targetRef.current = target;
  });

  const finish = useCallback((send: boolean) => {
    const resolve = answer.current;
    answer.current = null;
    setMessage(null);
    resolve?.(send);
  }, []);

  // A composer that closes while asking counts as "Cancel".
  useEffect(() => () => answer.current?.(false), []);

  const confirmSend = useCallback(async () => {
    const t = targetRef.current;
    if (!t) return true;
    let warning: string | null;
    let ask: string | undefined;
    try {
      const check = await fetchReplyCheck(t.folder, t.uid, t.openedAt, t.answeredAtOpen);
      warning = collisionWarning(check);
      ask = collisionQuestion(check);
    } catch (err) {
      warning = err instanceof ApiError && err.code === "MESSAGE_GONE" ? GONE : null;
    }
    if (!warning) return true;
    answer.current?.(false);
    return new Promise<boolean>((resolve) => {
      answer.current = resolve;
      setQuestion(ask);
      setMessage(warning);
    });
  }, []);

  return { confirmSend, dialogProps: { message, question, onSend: () => finish(true), onCancel: () => finish(false) } };
}
