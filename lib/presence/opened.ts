import "server-only";

/*
 * What each person saw when they opened a message: whether it was answered then. The reply check
 * compares it with the flags now, so "someone replied since you opened it" needs no timestamp from
 * IMAP (which keeps none for flags). In memory and bounded; the client may also send the state it saw.
 */

interface Opened {
  answered: boolean;
  at: number;
}

const MAX = 20_000;
const table = ((globalThis as Record<string, unknown>).__mailroomOpened ??= new Map<string, Opened>()) as Map<string, Opened>;

const key = (person: string, scope: string, uid: number) => `${person}\n${scope}\n${uid}`;

export function rememberOpened(person: string, scope: string, uid: number, answered: boolean, at = Date.now()): void {
  const k = key(person, scope, uid);
  table.delete(k); // re-insert: Map order is the eviction order
  table.set(k, { answered, at });
  if (table.size > MAX) table.delete(table.keys().next().value!);
}

export function openedState(person: string, scope: string, uid: number): Opened | null {
  return table.get(key(person, scope, uid)) ?? null;
}
