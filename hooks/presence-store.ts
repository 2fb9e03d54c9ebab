"use client";

import type { ActivityNotice, PresencePerson, PresenceSnapshot } from "@/lib/shared/collab-types";
import { acquireEventStream, type EventStreamHandle } from "@/hooks/event-stream";

/*
 * The browser's view of who else is in a folder, fed by the "presence" and "activity" events of the
 * folder's event stream and by the answers to presence heartbeats. One store per folder, shared by the
 * message list (row markers), the reading pane (chips) and any composer (usePresence).
 */

export interface FolderPresenceView {
  /** Others on each message of the folder. */
  byUid: ReadonlyMap<number, PresencePerson[]>;
  /** Who else last read each message, as seen live since this page loaded. */
  readBy: ReadonlyMap<number, string>;
}

interface Store {
  view: FolderPresenceView;
  listeners: Set<() => void>;
  activity: Set<(n: ActivityNotice) => void>;
  stream: EventStreamHandle | null;
  refs: number;
  detach: () => void;
  /** Version of the snapshot shown. */
  version: number;
}

const EMPTY: FolderPresenceView = { byUid: new Map(), readBy: new Map() };
const stores = new Map<string, Store>();

function group(people: PresencePerson[]): Map<number, PresencePerson[]> {
  const byUid = new Map<number, PresencePerson[]>();
  for (const p of people) byUid.set(p.uid, [...(byUid.get(p.uid) ?? []), p]);
  return byUid;
}

function emit(store: Store): void {
  for (const fn of [...store.listeners]) fn();
}

/** Replaces the folder's presence with a server snapshot (from the stream or a heartbeat answer). */
export function applySnapshot(snapshot: PresenceSnapshot): void {
  const store = stores.get(snapshot.folder);
  // A heartbeat's answer can arrive after a newer stream event: never go back in time.
  if (!store || snapshot.version < store.version) return;
  store.version = snapshot.version;
  const next = group(snapshot.people);
  // Keep the old arrays where nothing changed, so memoised rows do not re-render.
  for (const [uid, list] of next) {
    const prev = store.view.byUid.get(uid);
    if (prev && JSON.stringify(prev) === JSON.stringify(list)) next.set(uid, prev);
  }
  store.view = { ...store.view, byUid: next };
  emit(store);
}

function onActivity(store: Store, notice: ActivityNotice): void {
  if (notice.action === "read" && !notice.self) {
    const readBy = new Map(store.view.readBy);
    for (const uid of notice.uids) readBy.set(uid, notice.actor);
    store.view = { ...store.view, readBy };
    emit(store);
  }
  for (const fn of [...store.activity]) fn(notice);
}

/** Keeps the folder's store fed while retained; returns the release function. */
export function retainFolder(folder: string): () => void {
  let store = stores.get(folder);
  if (!store) {
    const s: Store = { view: EMPTY, listeners: new Set(), activity: new Set(), stream: acquireEventStream(folder), refs: 0, detach: () => {}, version: -1 };
    const parse = <T,>(e: Event): T | null => {
      try {
        return JSON.parse((e as MessageEvent<string>).data) as T;
      } catch {
        return null;
      }
    };
    const onPresence = (e: Event) => {
      const snap = parse<PresenceSnapshot>(e);
      if (snap && snap.folder === folder && stores.get(folder) === s) applySnapshot(snap);
    };
    const onNotice = (e: Event) => {
      const n = parse<ActivityNotice>(e);
      if (n && n.folder === folder) onActivity(s, n);
    };
    s.stream?.source.addEventListener("presence", onPresence);
    s.stream?.source.addEventListener("activity", onNotice);
    s.detach = () => {
      s.stream?.source.removeEventListener("presence", onPresence);
      s.stream?.source.removeEventListener("activity", onNotice);
    };
    stores.set(folder, (store = s));
  }
  const mine = store;
  mine.refs++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    mine.refs--;
    if (mine.refs > 0) return;
    mine.detach();
    mine.stream?.release();
    if (stores.get(folder) === mine) stores.delete(folder);
  };
}

export function subscribeFolder(folder: string, fn: () => void): () => void {
  const store = stores.get(folder);
  if (!store) return () => {};
  store.listeners.add(fn);
  return () => store.listeners.delete(fn);
}

export function folderView(folder: string): FolderPresenceView {
  return stores.get(folder)?.view ?? EMPTY;
}

/** Calls fn for every activity notice of the folder while subscribed (the store must be retained). */
export function subscribeActivity(folder: string, fn: (n: ActivityNotice) => void): () => void {
  const store = stores.get(folder);
  if (!store) return () => {};
  store.activity.add(fn);
  return () => store.activity.delete(fn);
}
