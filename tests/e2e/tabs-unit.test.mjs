// www/adapter/tabs.js without a browser: a fake Web Locks manager shared by
// several coordinators stands in for the tabs. Covers what the browser test
// cannot time: runs that arrive before the first lock answer, the order they
// run in, a deferred run that throws, focus before a tab can run, and
// requests that throw. Run: node --test tests/e2e/
import { test } from "node:test";
import assert from "node:assert/strict";
import { coordinateTabs } from "../../www/adapter/tabs.js";

/** One lock name; grants when `settle()` is called (or at once with auto). */
function fakeLocks() {
  let held = null; // {release, reject, tab}
  const queue = [];
  const pending = []; // grants not yet delivered
  const grant = (req) => {
    held = req;
    pending.push(() => {
      // As in the browser: the callback's result (or its throw) settles the request and releases the lock.
      const done = (settle, v) => { if (held === req) { held = null; next(); } settle(v); };
      new Promise((r) => r(req.cb({ name: "l" }))).then((v) => done(req.resolve, v), (e) => done(req.reject, e));
    });
  };
  const next = () => { if (!held && queue.length) grant(queue.shift()); };
  const manager = (tab) => ({
    request(name, options, cb) {
      if (typeof options === "function") return new Promise(() => {}); // a tab's own lock (count): held, not modelled
      return new Promise((resolve, reject) => {
        const req = { cb, resolve, reject, tab };
        if (options.steal) {
          if (held) { const old = held; held = null; old.reject(new DOMException("Lock broken by another request with the 'steal' option.", "AbortError")); }
          grant(req);
        } else if (options.ifAvailable && held) {
          pending.push(() => Promise.resolve(cb(null)).then(resolve));
        } else {
          queue.push(req);
          options.signal?.addEventListener("abort", () => {
            const i = queue.indexOf(req);
            if (i >= 0) { queue.splice(i, 1); reject(new DOMException("aborted", "AbortError")); }
          });
          next();
        }
      });
    },
  });
  return {
    manager,
    /** Delivers every grant made so far, and lets promise reactions run. */
    async settle() {
      for (let i = 0; i < 5; i++) {
        for (const f of pending.splice(0)) f();
        await new Promise((r) => setTimeout(r, 0));
      }
    },
    close(tab) { // the tab's document goes away: its held lock and queued requests go
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i].tab === tab) queue.splice(i, 1);
      if (held && held.tab === tab) { held = null; next(); }
    },
  };
}

function fakePage(visible) {
  const listeners = {};
  const el = () => ({ id: "", textContent: "", className: "", after() {}, append() {} });
  const target = (key) => ({ addEventListener: (t, f) => { (listeners[`${key}:${t}`] ||= []).push(f); } });
  const doc = { ...target("doc"), visibilityState: visible ? "visible" : "hidden", createElement: el, getElementById: () => null };
  const win = target("win");
  return { doc, win, fire: (key, t, e = {}) => (listeners[`${key}:${t}`] || []).forEach((f) => f(e)) };
}

/** What adapter.js's run() does: run if leading, else hand the retry to the coordinator. `fail`: events whose run throws. */
function runner(tabs, ran, fail = []) {
  const run = (event) => {
    if (!tabs.leading) return tabs.notLeading(() => run(event), `Voice Contact / ${event}`);
    if (fail.includes(event)) throw new Error(`${event} threw`);
    ran.push(event);
    return Promise.resolve([event]);
  };
  return run;
}

/** A tab; `ready`: its engine and agent are there (what adapter.js has when readyToRun is called). */
function tab(locks, visible, id, ready = true) {
  const page = fakePage(visible);
  const errors = [];
  const adapter = {
    config: { ccpUrl: "https://x.my.connect.aws/ccp-v2/" },
    engine: ready ? {} : null, agent: ready ? {} : null, failed: false,
    status: { error: (t) => errors.push(t) },
  };
  const tabs = coordinateTabs(adapter, { locks: locks.manager(id), doc: page.doc, win: page.win });
  return { tabs, page, adapter, errors };
}

/** A tab, once its first lock answer is in. */
async function opened(locks, ...args) {
  const t = tab(locks, ...args);
  await locks.settle();
  return t;
}

test("runs that arrive before the first answer wait for it and keep their order", async () => {
  const locks = fakeLocks();
  const { tabs } = tab(locks, false, "a");
  assert.equal(tabs.mode, "electing");
  assert.equal(tabs.leading, false);
  const ran = [];
  const run = runner(tabs, ran);
  const p1 = run("onConnecting");
  const p2 = run("onConnected");
  assert.deepEqual(ran, []);
  await locks.settle();
  assert.equal(tabs.mode, "leader");
  assert.deepEqual(ran, ["onConnecting", "onConnected"]);
  assert.deepEqual(await p1, ["onConnecting"]);
  assert.deepEqual(await p2, ["onConnected"]);
  assert.equal(tabs.skipped, 0);
});

test("a deferred run that throws is reported; the rest run and the lock is kept", async () => {
  const locks = fakeLocks();
  const a = tab(locks, false, "a");
  const ran = [];
  const run = runner(a.tabs, ran, ["onConnected"]);
  const ps = ["onConnecting", "onConnected", "onEnded"].map(run);
  await locks.settle();
  assert.deepEqual(ran, ["onConnecting", "onEnded"]);
  assert.deepEqual(await Promise.all(ps), [["onConnecting"], [], ["onEnded"]]);
  assert.deepEqual(a.errors, ["Voice Contact / onConnected: onConnected threw"]);
  assert.equal(a.tabs.mode, "leader");
  // Still held: a tab opened now follows.
  assert.equal((await opened(locks, false, "b")).tabs.mode, "follower");
});

test("a tab takes over only once it can run: engine and agent there, engine not failed", async () => {
  const locks = fakeLocks();
  const a = await opened(locks, false, "a");
  assert.equal(a.tabs.mode, "leader");
  // B opens in front, before its engine and agent: it leaves the lead to A.
  const b = await opened(locks, true, "b", false);
  assert.deepEqual([a.tabs.mode, b.tabs.mode], ["leader", "follower"]);
  b.page.fire("win", "focus");
  b.page.fire("doc", "visibilitychange");
  b.adapter.engine = {};
  b.tabs.readyToRun(); // the engine is there, the agent not yet
  await locks.settle();
  assert.deepEqual([a.tabs.mode, b.tabs.mode], ["leader", "follower"]);
  // A tab whose engine failed does not take over either, even focused.
  const c = tab(locks, true, "c");
  c.adapter.failed = true;
  c.tabs.readyToRun();
  c.page.fire("win", "focus");
  await locks.settle();
  assert.deepEqual([a.tabs.mode, c.tabs.mode], ["leader", "follower"]);
  // B's agent arrives; B is visible: it takes over.
  b.adapter.agent = {};
  b.tabs.readyToRun();
  await locks.settle();
  assert.deepEqual([a.tabs.mode, b.tabs.mode, c.tabs.mode], ["follower", "leader", "follower"]);
  assert.deepEqual(b.tabs.changes.map((x) => x.why), ["another tab runs flows", "ready: took over"]);
  // A hidden tab that becomes ready does not.
  const d = tab(locks, false, "d", false);
  await locks.settle();
  d.adapter.engine = {};
  d.adapter.agent = {};
  d.tabs.readyToRun();
  await locks.settle();
  assert.deepEqual([b.tabs.mode, d.tabs.mode], ["leader", "follower"]);
});

test("a hidden tab follows, a shown one takes over, and the waiting one takes over when the leader goes", async () => {
  const locks = fakeLocks();
  const a = await opened(locks, true, "a");
  const b = await opened(locks, false, "b");
  assert.deepEqual([a.tabs.mode, b.tabs.mode], ["leader", "follower"]);
  // Deferred runs in a tab that turns out to follow are dropped, not run.
  const c = tab(locks, false, "c");
  const ran = [];
  const p = runner(c.tabs, ran)("onConnecting");
  await locks.settle();
  assert.equal(c.tabs.mode, "follower");
  assert.deepEqual(await p, []);
  assert.deepEqual(ran, []);
  assert.equal(c.tabs.skipped, 1);

  b.page.doc.visibilityState = "visible";
  b.page.fire("doc", "visibilitychange");
  b.page.fire("win", "focus"); // both come on a tab switch: one steal
  await locks.settle();
  assert.deepEqual([a.tabs.mode, b.tabs.mode, c.tabs.mode], ["follower", "leader", "follower"]);
  assert.equal(b.tabs.changes.at(-1).why, "visible: took over");

  // B closes: A and C queued plain requests; the first in line (C, queued
  // before A lost the lock) takes over, and only one does.
  locks.close("b");
  await locks.settle();
  assert.deepEqual([a.tabs.mode, c.tabs.mode].sort(), ["follower", "leader"]);
  assert.equal(c.tabs.mode, "leader");
  assert.equal(c.tabs.changes.at(-1).why, "the leading tab went away");

  // A, once waiting, takes over on focus; its aborted wait is not granted later.
  a.page.fire("win", "focus");
  await locks.settle();
  assert.deepEqual([a.tabs.mode, c.tabs.mode], ["leader", "follower"]);
  locks.close("c");
  await locks.settle();
  assert.equal(a.tabs.mode, "leader");
});

test("a leaving tab gives the lock up at pagehide; a failed engine gives it up; back from the cache it waits or leads", async () => {
  const locks = fakeLocks();
  const a = await opened(locks, true, "a");
  const b = await opened(locks, false, "b");
  assert.deepEqual([a.tabs.mode, b.tabs.mode], ["leader", "follower"]);
  // A is leaving: B is granted the lock at pagehide, before A's document is gone.
  a.page.fire("win", "pagehide", { persisted: true });
  await locks.settle();
  assert.deepEqual([a.tabs.mode, b.tabs.mode], ["follower", "leader"]);
  assert.equal(a.tabs.changes.at(-1).why, "page hidden: closing or cached");
  assert.equal(b.tabs.changes.at(-1).why, "the leading tab went away");
  // A comes back from the back/forward cache hidden: it waits in line and
  // takes over when B goes.
  a.page.doc.visibilityState = "hidden";
  a.page.fire("win", "pageshow", { persisted: true });
  await locks.settle();
  assert.equal(a.tabs.mode, "follower");
  locks.close("b");
  await locks.settle();
  assert.equal(a.tabs.mode, "leader");
  // A's engine fails (say, after a reload): it steps down, C (waiting) leads.
  const c = await opened(locks, false, "c");
  a.adapter.failed = true;
  a.tabs.stepDown("this tab's engine failed");
  await locks.settle();
  assert.deepEqual([a.tabs.mode, c.tabs.mode], ["follower", "leader"]);
  // ... and does not come back in line: C closing leaves no leader rather than a tab that runs nothing.
  locks.close("c");
  await locks.settle();
  assert.equal(a.tabs.mode, "follower");
});

test("a failed tab back from the bfcache stays out of line; one granted the lock lets it go", async () => {
  const locks = fakeLocks();
  const a = await opened(locks, true, "a");
  const f = await opened(locks, false, "f");
  f.adapter.failed = true;
  f.tabs.stepDown("this tab's engine failed");
  f.page.fire("win", "pagehide", { persisted: true });
  f.page.fire("win", "pageshow", { persisted: true });
  const h = await opened(locks, false, "h");
  locks.close("a");
  await locks.settle();
  assert.deepEqual([f.tabs.mode, h.tabs.mode], ["follower", "leader"]);
  // A tab whose engine fails while it waits in line is granted nothing.
  const g = await opened(locks, false, "g");
  g.adapter.failed = true;
  const k = await opened(locks, false, "k");
  locks.close("h");
  await locks.settle();
  assert.deepEqual([g.tabs.mode, k.tabs.mode], ["follower", "leader"]);
});

test("a steal superseded by a wait does not stop the tab taking over later", async () => {
  const locks = fakeLocks();
  const a = await opened(locks, true, "a");
  const b = await opened(locks, false, "b");
  // b goes into the cache and comes back hidden, with a focus in between: the steal is superseded.
  b.page.fire("win", "pagehide", { persisted: true });
  b.page.fire("win", "focus");
  b.page.fire("win", "pageshow", { persisted: true });
  await locks.settle();
  a.page.fire("win", "focus");
  await locks.settle();
  assert.equal(a.tabs.mode, "leader");
  b.page.doc.visibilityState = "visible";
  b.page.fire("doc", "visibilitychange");
  await locks.settle();
  assert.deepEqual([a.tabs.mode, b.tabs.mode], ["follower", "leader"]);
});

test("the first answer judges the events queued while electing", async () => {
  const locks = fakeLocks();
  const a = await opened(locks, true, "a");
  const b = tab(locks, false, "b");
  let decided = 0;
  b.adapter.decidePending = () => { decided++; assert.equal(b.tabs.mode, "follower"); };
  assert.equal(b.tabs.mode, "electing");
  await locks.settle();
  assert.equal(decided, 1);
  assert.equal(a.tabs.mode, "leader");
});

test("a shift of tab switches keeps the last 100 leadership changes", async () => {
  const locks = fakeLocks();
  const a = await opened(locks, true, "a");
  const b = await opened(locks, true, "b");
  for (let i = 0; i < 60; i++) {
    for (const t of [b, a]) {
      t.page.fire("win", "focus");
      await locks.settle();
    }
  }
  assert.deepEqual([a.tabs.mode, b.tabs.mode], ["leader", "follower"]);
  assert.equal(a.tabs.changes.length, 100);
  assert.equal(a.tabs.changes.at(-1).why, "focus: took over");
});

test("no API, or a request that throws: this tab runs everything and says why", async () => {
  const page = fakePage(true);
  const none = coordinateTabs({ config: {} }, { locks: null, doc: page.doc, win: page.win });
  assert.equal(none.mode, "single");
  assert.equal(none.leading, true);
  assert.match(none.reason, /no Web Locks API/);

  const p = fakePage(true);
  const denied = { request() { throw new DOMException("Access to the Locks API is denied in this context.", "SecurityError"); } };
  const t = coordinateTabs({ config: {} }, { locks: denied, doc: p.doc, win: p.win });
  assert.equal(t.mode, "single");
  assert.match(t.reason, /^SecurityError: Access to the Locks API is denied/);
  assert.equal(t.leading, true);
});

test("a follower runs the events pressed or clicked in it (CTI Action, Salesforce UI), not the shared ones", async () => {
  const locks = fakeLocks();
  const a = await opened(locks, true, "a");
  const b = await opened(locks, false, "b");
  assert.deepEqual([a.tabs.mode, b.tabs.mode], ["leader", "follower"]);
  assert.equal(b.tabs.runsHere("CTI Action"), true);
  assert.equal(b.tabs.runsHere("Salesforce UI"), true);
  assert.equal(b.tabs.runsHere("Voice Contact"), false);
  assert.equal(b.tabs.runsHere("Initialization"), false);
});
