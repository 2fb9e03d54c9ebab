/**
 * The in-page half of the browser bench's step timer, as plain JavaScript source: it runs in Chromium
 * (page.addInitScript for documents a step navigates to, page.evaluate for the current one), so it is a
 * string, not a TypeScript function (tsx would add helpers to a function that the page does not have).
 *
 * A step is armed with what it waits for; then
 * - t0: the `timeStamp` of the first trusted pointerdown / mousedown / keydown after arming, made absolute
 *   (`performance.timeOrigin + timeStamp`) and kept in sessionStorage, so a step that loads a new document
 *   (sign-in posts a form) still knows when the person clicked;
 * - found: the first animation frame after t0 in which the awaited text is on screen (see `visibleRects`);
 * - painted: a MessageChannel message posted from that frame's rAF callback runs once the frame's
 *   rendering (style, layout, paint, commit) is done: the closest a page gets to "pixels on screen".
 * Checks run only in animation frames, never on timers: a MutationObserver (on the document and on the
 * awaited frame's document) asks for a frame, and while a step is in flight every frame re-checks too,
 * because a frame loading a new document or a stylesheet arriving changes what is visible without a
 * mutation the observer could see. The check is a textContent test on one container, then layout reads.
 */
export const INPAGE_KEY = "__mailroomBenchInpage";

/**
 * A document's timestamps are relative to its own time origin; two documents (the sign-in form and the
 * page it loads) share none. On the same clock, timeOrigin + timestamp compares across them.
 */
export const absoluteMs = (timeOrigin: number, timeStamp: number): number => timeOrigin + timeStamp;

export const INPAGE_SCRIPT = String.raw`(() => {
  const KEY = ${JSON.stringify(INPAGE_KEY)};
  // Frames are read from the top document; the init script also runs in every frame.
  if (window.top !== window || window[KEY]) return;
  let memory = null;
  const load = () => {
    try { return JSON.parse(sessionStorage.getItem(KEY) || "null"); } catch { return memory; }
  };
  const save = (s) => {
    memory = s;
    try { if (s === null) sessionStorage.removeItem(KEY); else sessionStorage.setItem(KEY, JSON.stringify(s)); } catch {}
  };
  const absoluteMs = ${absoluteMs.toString()};
  const now = () => absoluteMs(performance.timeOrigin, performance.now());
  const norm = (s) => (s || "").replace(/\s+/g, " ");

  // The deepest elements under root (root included) whose text matches, as getByText picks them: an
  // element counts unless one of its children matches too (text split over children stays with the parent).
  const matches = (root, re, loose) => {
    // An element's text is part of root's: while root's text lacks the looser pattern, no element has it.
    if (loose && !loose.test(norm(root.textContent))) return [];
    const hit = [root, ...root.querySelectorAll("*")].filter((el) => re.test(norm(el.textContent)));
    const set = new Set(hit);
    return hit.filter((el) => ![...el.children].some((c) => set.has(c)));
  };
  const hiddenByStyle = (el) => {
    if (el.closest("template")) return true;
    if (typeof el.checkVisibility === "function") {
      return !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true, opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true });
    }
    const win = el.ownerDocument.defaultView;
    for (let e = el; e; e = e.parentElement) {
      const cs = win.getComputedStyle(e);
      if (cs.display === "none" || Number(cs.opacity) === 0) return true;
    }
    return win.getComputedStyle(el).visibility !== "visible";
  };
  const clip = (r, c) => {
    const left = Math.max(r.left, c.left), top = Math.max(r.top, c.top);
    const right = Math.min(r.right, c.right), bottom = Math.min(r.bottom, c.bottom);
    return right > left && bottom > top ? { left, top, right, bottom } : null;
  };
  // What is left of rects (el's viewport) after el and every ancestor that clips (overflow not visible), then the viewport.
  const clipToView = (rects, el) => {
    const win = el.ownerDocument.defaultView;
    let out = rects.filter((r) => r.right - r.left > 0 && r.bottom - r.top > 0).map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }));
    for (let a = el; a && out.length > 0; a = a.parentElement) {
      const cs = win.getComputedStyle(a);
      if (cs.overflowX === "visible" && cs.overflowY === "visible") continue;
      const box = a.getBoundingClientRect();
      out = out.map((r) => clip(r, box)).filter(Boolean);
    }
    const view = { left: 0, top: 0, right: win.innerWidth, bottom: win.innerHeight };
    return out.map((r) => clip(r, view)).filter(Boolean);
  };
  // Where el's text is on screen (top document's viewport): [] when a person cannot see any of it.
  const visibleRects = (el, frameEl) => {
    if (!el.isConnected || hiddenByStyle(el)) return [];
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(el);
    let rects = clipToView([...range.getClientRects()], el);
    if (!frameEl || rects.length === 0) return rects;
    // The frame element must itself be shown; its document's viewport sits in its content box.
    const fr = frameEl.getBoundingClientRect();
    const shown = visibleBox(frameEl);
    const dx = fr.left + frameEl.clientLeft, dy = fr.top + frameEl.clientTop;
    rects = rects.map((r) => ({ left: r.left + dx, top: r.top + dy, right: r.right + dx, bottom: r.bottom + dy }));
    return rects.flatMap((r) => shown.map((s) => clip(r, s)).filter(Boolean));
  };
  const visibleBox = (el) => (el.isConnected && !hiddenByStyle(el) ? clipToView([el.getBoundingClientRect()], el) : []);

  const observed = new WeakSet();
  const observe = (doc) => {
    if (!doc || observed.has(doc)) return;
    observed.add(doc);
    new MutationObserver(kick).observe(doc, { childList: true, subtree: true, characterData: true, attributes: true });
  };
  const seen = (spec) => {
    const re = new RegExp(spec.source, spec.flags);
    const loose = spec.loose ? new RegExp(spec.loose, spec.flags) : null;
    let doc = document, frameEl = null;
    if (spec.frame) {
      frameEl = document.querySelector(spec.frame);
      try { doc = frameEl ? frameEl.contentDocument : null; } catch { doc = null; }
      if (!doc) return false;
      observe(doc);
    }
    for (const root of doc.querySelectorAll(spec.container)) {
      for (const el of matches(root, re, loose)) if (visibleRects(el, frameEl).length > 0) return true;
    }
    return false;
  };

  let framePending = false;
  const waiters = [];
  function kick() {
    if (framePending) return;
    const s = load();
    if (!s || s.t0 === null || s.found !== null) return;
    framePending = true;
    requestAnimationFrame(check);
  }
  function check() {
    framePending = false;
    const s = load();
    if (!s || s.t0 === null || s.found !== null) return;
    if (!seen(s.spec)) { kick(); return; }
    s.found = now();
    save(s);
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      const done = load();
      if (!done || done.id !== s.id) return;
      done.painted = now();
      save(done);
      for (const w of waiters.splice(0)) w(done);
    };
    ch.port2.postMessage(0);
  }
  const onInput = (e) => {
    if (!e.isTrusted) return;
    const s = load();
    if (!s || s.t0 !== null) return;
    s.t0 = absoluteMs(performance.timeOrigin, e.timeStamp);
    save(s);
    kick();
  };
  for (const type of ["pointerdown", "mousedown", "keydown"]) window.addEventListener(type, onInput, { capture: true });
  observe(document);

  window[KEY] = {
    arm(spec, id) { save({ id, spec, t0: null, found: null, painted: null }); },
    // Resolves with the step's times once painted, or with what there is after timeoutMs.
    result(timeoutMs) {
      const s = load();
      if (!s || s.painted !== null) return Promise.resolve(s);
      return new Promise((resolve) => {
        waiters.push(resolve);
        setTimeout(() => resolve(load()), timeoutMs);
      });
    },
    disarm() { save(null); },
  };
  kick();
})();`;
