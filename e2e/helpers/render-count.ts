import type { Page } from "@playwright/test";

/*
 * Counts which message rows React re-rendered, in the production build, through the hook React
 * DevTools uses (React calls it on every commit, in production too). A row is found by its props
 * (message + setSize + onToggleCheck: components/mail/message-row.tsx). A component that re-renders
 * gets new hook objects; one that React skipped (memo) keeps them, so a changed first hook means a render.
 */
/**
 * An init script that stands in for React DevTools' hook: after every commit, `onFiber` (the source of a
 * function) sees each fiber of the tree, depth first; returning true ends that walk. `setup` runs once first.
 */
export function fiberWalkScript(setup: string, onFiber: string): string {
  return `(() => {
  ${setup}
  const onFiber = ${onFiber};
  const visit = (fiber) => {
    const stack = [fiber];
    while (stack.length) {
      const f = stack.pop();
      if (!f) continue;
      if (onFiber(f)) return;
      if (f.sibling) stack.push(f.sibling);
      if (f.child) stack.push(f.child);
    }
  };
  let id = 0;
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    renderers: new Map(),
    supportsFiber: true,
    isDisabled: false,
    inject(renderer) { id += 1; this.renderers.set(id, renderer); return id; },
    onCommitFiberRoot(_id, root) { visit(root.current); },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    onScheduleFiberRoot() {},
    setStrictMode() {},
    checkDCE() {},
  };
})()`;
}

const HOOK = fiberWalkScript(
  "const state = { on: false, last: new Map(), renders: {} }; window.__rowRenders = state;",
  `(f) => {
    const p = f.memoizedProps;
    if (f.memoizedState && p && typeof p === "object" && p.message && typeof p.message.uid === "number" && "setSize" in p && typeof p.onToggleCheck === "function") {
      const uid = p.message.uid;
      const prev = state.last.get(uid);
      if (state.on && prev !== undefined && prev !== f.memoizedState) state.renders[uid] = (state.renders[uid] || 0) + 1;
      state.last.set(uid, f.memoizedState);
    }
    return false;
  }`,
);

export async function installRenderCounter(page: Page): Promise<void> {
  await page.addInitScript(HOOK);
}

/** From now on, count row renders (the rows' current state is the baseline). */
export async function startRenderCount(page: Page): Promise<void> {
  await page.evaluate(() => {
    const s = (window as unknown as { __rowRenders: { on: boolean; renders: Record<number, number> } }).__rowRenders;
    s.on = true;
    s.renders = {};
  });
}

/** uid → how many times that row re-rendered since startRenderCount. */
export async function rowRenders(page: Page): Promise<Record<number, number>> {
  return page.evaluate(() => ({ ...(window as unknown as { __rowRenders: { renders: Record<number, number> } }).__rowRenders.renders }));
}
