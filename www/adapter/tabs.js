// Tab coordination for the adapter page (bridges.md §2.5, adapter v5.9):
// "With the CCP open in several tabs, a flow runs in exactly one of them:
// the current tab, or a random tab when the agent is looking at another site."
//
// Every open adapter tab has its own Streams client, and the CCP's shared
// worker sends each of them the same agent and contact events. Without this
// module every tab ran every flow: two screen pops, two Save Log Tasks, two
// dials. Now one tab, the leader, runs flows (presence sync included: it goes
// through the same dispatch); the others still receive every event and keep
// their own state (contact snapshots, the status panel), but do not run.
//
// Design: the Web Locks API. The leader is the tab holding the lock
// LOCK_PREFIX + ccpUrl (one lock per origin and storage partition, so every
// Salesforce tab that embeds this page shares it):
//   - A tab that can run flows (its engine and its CCP's agent are there,
//     `canRun` below) and that the agent looks at (visible when it becomes
//     able to run, `visibilitychange` to visible, window `focus`, a
//     `pageshow` from the back/forward cache) requests the lock with
//     {steal: true}: the old holder's request promise rejects with
//     AbortError ("Lock broken by another request with the 'steal' option"),
//     and it becomes a follower. A tab that cannot run yet never steals: a
//     newly opened tab leaves the lead where it is until its engine and agent
//     are ready (adapter.js calls `readyToRun`), and a tab whose engine failed
//     or that has no CCP never takes it from one that runs.
//   - Every tab starts with a request that takes the lock only if it is free
//     (the first tab leads at once); otherwise it queues a plain request and
//     waits. The browser grants it when the holder's document goes away (tab
//     closed, navigated, crashed), so a remaining tab takes over by itself. A
//     hidden holder keeps the lock: when the agent is on another site, flows
//     keep running in whichever tab held it last.
//   - `leading` is a plain boolean, so the per-event check in adapter.js is
//     synchronous: an event is run or left to the leader in the task it
//     arrives in, its snapshots are taken then, and the events of a contact
//     keep their order. Events that arrive while the first lock answer is
//     still pending (a few ms after load) wait for it, in order. Events that
//     arrive before the engine is ready are judged on arrival too (adapter.js
//     queues the answer with them), not when they are run.
//
// Why not Streams' own master election (connect.becomeMaster / ifMaster,
// kept by the CCP's SharedWorker, handleMasterRequest in connect-streams.js)?
//   - ifMaster is an asynchronous round trip to the worker for every event,
//     and it needs the CCP's API client: before the CCP's first `acknowledge`
//     it answers "not master" in every tab, so early events would run nowhere.
//   - becomeMaster tells the previous master nothing except through a
//     `takeOver` response broadcast to every tab; when the master tab closes,
//     the worker only forgets it, and the next tab to ask (checkMaster)
//     becomes master, so nothing takes over until the next event races for it.
//   - Tests would exercise a fake worker's election, not the real one.
// Measured in headless Chromium 156 (tests/e2e/tabs.test.mjs prints the
// figures): a steal is granted 2 ms after it is asked on an idle machine,
// 9-48 ms on the loaded 2-core test machine; a waiting tab is granted the
// lock 2-10 ms after page.close() of the holder (it gives the lock up at
// pagehide). The per-event cost is a property read.
// The window this leaves: the old leader learns of a steal after the new one
// is granted (by -3 to +31 ms, typically 4-14 ms, in those runs), so an event
// that reaches both tabs inside it runs in both (or, when negative, in
// neither). It can only happen at the moment the agent switches tabs.
// Streams' election has the same window (the old master hears of a takeOver
// only through a broadcast); closing it would take an event identity shared
// by the tabs, which the events do not carry.
// The other window, when the leader closes: events that reach the tabs
// before the lock is granted to a waiting tab run in no tab (the closing
// leader no longer runs them; the others are followers until the grant).
// The leader gives the lock up at `pagehide` (stepDown), not when its
// document is gone: the grant came 18-115 ms after page.close() before
// that (by the load of the machine), 2-10 ms after. A new leader cannot replay what it skipped: it
// cannot tell which of those events the old leader ran before it went (the
// same missing event identity), so a replay would run some twice.
// Likewise a tab that leads while its engine loads (the first tab, or one
// granted the lock from the queue) and whose engine then fails to start
// drops the events it queued: the other tabs judged them not theirs. And a
// tab whose CCP did not start (no CCP URL, initCCP failed) is not kept out
// of line: alone it still runs Initialization and Salesforce UI flows, but
// granted the lock after the leader closed it leads with no Streams events
// until the agent looks at a tab that has them.
//
// Events only this tab receives are not coordinated: Open CTI delivers
// click-to-dial, navigation and HVS work-start (source "Salesforce UI") to
// the Lightning tab the agent acted in, and a CTI Action (source "CTI
// Action") is a button the agent pressed in this tab's page, so they run
// where they arrive (in a follower too: no other tab would run them). Everything else (Streams agent
// and contact events, the host's Omni-Channel relays for presence sync, and
// this page's Initialization/onInit and Browser/onBeforeUnload) runs in the
// leader only, so a background tab that opens or closes runs none of them,
// and nor does a tab that opens beside a leader: its own Initialization/onInit
// and first agent events come before it can take over.
//
// Without the API (navigator.locks is missing outside secure contexts, or
// denied in an opaque/sandboxed origin) the page falls back to running every
// flow itself, as before, and the status panel says so.

import { message } from "./settings.js";

const LOCK_PREFIX = "ctiflow-adapter-flows ";
const MAX_CHANGES = 100; // leadership changes kept in tabs.changes
/** Sources whose events reach only the tab they happen in (see above). */
export const TAB_LOCAL_SOURCES = new Set(["Salesforce UI", "CTI Action"]);

/**
 * Starts tab coordination for `adapter` (the `window.ctiflowAdapter` object)
 * and adds a "Tabs:" line to its status panel. Returns the coordinator, also
 * set as `adapter.tabs`. `locks`, `doc` and `win` are for tests.
 */
export function coordinateTabs(adapter, { locks = globalThis.navigator?.locks, doc = document, win = window } = {}) {
  const name = LOCK_PREFIX + String((adapter.config && adapter.config.ccpUrl) || "");
  const TAB_LOCK = `${name} tab `; // + this tab's id: held while the tab is open (count)
  let gen = 0; // the newest lock request; grants and rejections of older ones are ignored
  let waiting = null; // AbortController of the queued (non-steal) request
  let stealGen = 0; // the steal request in flight (its gen), 0: none
  let release = null; // resolves the held lock's promise: gives the lock up
  const deferred = []; // runs that arrived before the first answer: {retry, resolve, what}
  const looking = () => doc.visibilityState === "visible";
  /** Whether this tab can run flows: only such a tab takes the lead from another. */
  const canRun = () => !!(adapter.engine && adapter.agent && !adapter.failed);

  const tabs = {
    /** "electing" (first answer pending), "leader", "follower", or "single" (no API: runs everything). */
    mode: "electing",
    reason: "",
    /** Events this tab left to the leader. */
    skipped: 0,
    /**
     * The last 100 leadership changes: {mode, why, atMs, waitedMs}. atMs is
     * performance.timeOrigin + now (comparable across tabs); waitedMs, from
     * the lock request to this change.
     */
    changes: [],
    lockName: name,
    /** True when this tab runs flows. */
    get leading() { return this.mode === "leader" || this.mode === "single"; },
    /** The per-event check (synchronous): does an event of `source` run in this tab now? */
    runsHere(source) { return this.leading || TAB_LOCAL_SOURCES.has(source); },
    /**
     * Called for a run this tab does not do now. While electing, `retry` runs
     * once the first answer is in (in arrival order) and its result is
     * returned; otherwise the event is the leader's and this resolves to [].
     * `what` ("source / event") names the run if its retry throws.
     */
    notLeading(retry, what = "a run") {
      if (this.mode === "electing") return new Promise((resolve) => deferred.push({ retry, resolve, what }));
      this.skipped++;
      draw();
      return Promise.resolve([]);
    },
    /** Makes this tab the leader (the agent is looking at it), if it can run flows. */
    takeOver(why = "asked") {
      if (this.mode === "single" || this.mode === "leader" || stealGen !== 0 || !canRun()) return;
      if (waiting) { waiting.abort(); waiting = null; }
      request({ steal: true }, `${why}: took over`);
    },
    /** adapter.js calls this when the engine or the agent arrives: once both are there, a tab the agent looks at takes over. */
    readyToRun() {
      if (looking()) this.takeOver("ready");
    },
    /**
     * The number of open adapter tabs (the built-in counter openAgentTabs):
     * each tab holds a lock of its own, and the browser lists them. 1 when
     * they cannot be counted (no Web Locks).
     */
    async count() {
      if (!locks || typeof locks.query !== "function") return 1;
      const { held = [] } = await locks.query();
      return held.filter((l) => typeof l.name === "string" && l.name.startsWith(TAB_LOCK)).length || 1;
    },
    /**
     * Gives the lead up and leaves the line: the page is going away
     * (`pagehide`), or this tab cannot run flows (its engine failed), so a
     * waiting tab that can is granted the lock now.
     */
    stepDown(why) {
      if (this.mode === "single") return;
      gen++; // grants and rejections of this tab's requests are ignored from now
      if (waiting) { waiting.abort(); waiting = null; }
      stealGen = 0;
      if (release) { release(); release = null; }
      set("follower", why);
    },
  };
  adapter.tabs = tabs;

  const line = doc.createElement("p");
  line.id = "tabs";
  const stateLine = doc.getElementById("state")?.parentElement;
  if (stateLine) stateLine.after(line);
  else doc.getElementById("status")?.append(line);

  function draw() {
    let text;
    switch (tabs.mode) {
      case "leader": text = "this tab runs flows"; break;
      case "follower":
        text = `flows run in another tab${tabs.skipped ? ` (${tabs.skipped} event${tabs.skipped === 1 ? "" : "s"} left to it)` : ""}`;
        if (adapter.recorder && adapter.recorder.recording) text += "; this tab's recording has none of them";
        break;
      case "single": text = `this tab runs flows; tab coordination is off (${tabs.reason}), so every open tab does`; break;
      default: text = "choosing the tab that runs flows…";
    }
    line.textContent = `Tabs: ${text}`;
    line.className = tabs.mode === "single" ? "bad" : "";
  }

  function set(mode, why, askedMs = performance.now()) {
    if (tabs.mode === mode) return;
    tabs.mode = mode;
    const now = performance.now();
    tabs.changes.push({ mode, why, atMs: performance.timeOrigin + now, waitedMs: now - askedMs });
    if (tabs.changes.length > MAX_CHANGES) tabs.changes.shift(); // a shift of tab switches stays small
    draw();
    if (mode !== "electing") {
      // Events queued (adapter.pending) while electing are judged now, by
      // the first answer, not later when the engine is ready.
      adapter.decidePending?.();
      for (const d of deferred.splice(0)) runDeferred(d);
    }
  }

  /** Runs (or drops) one deferred run; a throw is reported and resolves it to [], so the rest still run. */
  function runDeferred({ retry, resolve, what }) {
    try {
      resolve(retry());
    } catch (e) {
      adapter.status?.error(`${what}: ${message(e)}`);
      resolve([]);
    }
  }

  function single(reason) {
    tabs.reason = reason;
    if (waiting) { waiting.abort(); waiting = null; }
    gen++;
    set("single", reason);
  }

  /** Queues a plain request: granted when the holder goes away. */
  function wait(why) {
    if (tabs.mode !== "single") set("follower", why);
    waiting = new AbortController();
    request({ signal: waiting.signal }, "the leading tab went away");
  }

  function request(options, why) {
    const mine = ++gen;
    if (options.steal) stealGen = mine;
    // A steal that settles, even superseded, is no longer in flight.
    const settled = () => { if (options.steal && mine === stealGen) stealGen = 0; };
    const askedMs = performance.now();
    let pending;
    try {
      pending = locks.request(name, options, (lock) => {
        settled();
        if (mine !== gen) return undefined; // superseded: let it go at once
        // A tab whose engine failed never leads: out of line, the lock goes on.
        if (adapter.failed) { set("follower", "this tab's engine failed"); return undefined; }
        if (!lock) { wait("another tab runs flows"); return undefined; } // ifAvailable: held elsewhere
        if (!options.steal) waiting = null;
        set("leader", why, askedMs);
        // Held until stepDown, this document goes away, or another tab steals it.
        return new Promise((r) => { release = r; });
      });
    } catch (e) {
      single(`${e && e.name ? e.name : "error"}: ${message(e)}`);
      return;
    }
    pending.catch((e) => {
      settled();
      if (mine !== gen) return; // an aborted wait or an own older request
      if (e && e.name === "AbortError") wait("another tab took over"); // stolen
      else single(`${e && e.name ? e.name : "error"}: ${message(e)}`);
    });
  }

  if (!locks || typeof locks.request !== "function") {
    single(win.isSecureContext === false ? "no Web Locks API: not a secure context" : "no Web Locks API in this browser");
    return tabs;
  }
  draw();
  doc.addEventListener("visibilitychange", () => { if (looking()) tabs.takeOver("visible"); });
  win.addEventListener("focus", () => tabs.takeOver("focus"));
  // Leaving (closed, navigated, into the back/forward cache): the lock goes
  // to a waiting tab now, not once this document is gone (tens of ms later,
  // in which events would run in no tab). Back from the cache: lead again if
  // looked at, else wait in line.
  win.addEventListener("pagehide", () => { tabs.stepDown("page hidden: closing or cached"); leaveTab(); });
  win.addEventListener("pageshow", (e) => {
    if (!e.persisted) return;
    holdTab();
    if (adapter.failed) return; // a tab that cannot run stays out of line
    if (looking() && canRun()) tabs.takeOver("shown again");
    else wait("shown again");
  });
  // This tab's own lock, held while it is open (given up at pagehide, taken
  // again back from the back/forward cache), so that tabs can be counted.
  const id = globalThis.crypto && typeof crypto.randomUUID === "function" ? crypto.randomUUID() : String(Math.random()).slice(2);
  let tabRelease = null;
  const holdTab = () => {
    try {
      locks.request(TAB_LOCK + id, () => new Promise((r) => { tabRelease = r; })).catch(() => {});
    } catch { /* counting is best effort */ }
  };
  const leaveTab = () => { if (tabRelease) { tabRelease(); tabRelease = null; } };
  holdTab();
  // Not a steal even when visible: this tab cannot run yet (readyToRun).
  request({ ifAvailable: true }, "no other tab held it");
  return tabs;
}
