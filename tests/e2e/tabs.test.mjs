// Several adapter tabs (www/adapter/tabs.js), in headless Chromium: two
// adapter pages in one browser context (same origin, so they share Web
// Locks), each with its own real amazon-connect-streams behind its own fake
// CCP iframe, both fed the same agent and contact snapshots, as the CCP's
// shared worker feeds every tab. A flow must run in exactly one of them.
//
// Headless Chromium reports every page as visible, and `page.bringToFront()`
// fires no visibilitychange. Playwright also turns on focus emulation, so
// every page claims document.hasFocus() and gets no focus/blur events. The
// tests turn that emulation off (CDP Emulation.setFocusEmulationEnabled
// false): then bringToFront() moves the browser's real window focus, and the
// front page gets a genuine `focus` event and the other a `blur`. "The agent
// looks at this tab" is modelled by that focus change; the visibilitychange
// path calls the same takeOver and is not exercised here. A tab that should
// be a background tab gets a visibilityState of "hidden" from an init script.
// A tab's engine is held back (still loading) by holding its wasm download.
//
// Run: node --test tests/e2e/ (after scripts/build-wasm.sh).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, ROOT, serve, until } from "./server.mjs";
import { agentData, voiceContact } from "./agent-data.mjs";

let server;
let browser;
const built = existsSync(join(ROOT, "www/pkg/ctiflow_wasm_bg.wasm")) && existsSync(join(ROOT, "www/vendor/connect-streams-min.js"));
const skip = !built && "www/pkg or www/vendor missing: run scripts/build-wasm.sh";

before(async () => {
  if (!built) return;
  server = await serve();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function context({ noLocks = false } = {}) {
  const ctx = await browser.newContext();
  await ctx.addInitScript({ path: join(ROOT, "tests/e2e/fixtures/opencti-sim.js") });
  // Outside a secure context navigator.locks is undefined; model that.
  if (noLocks) await ctx.addInitScript(() => { delete Navigator.prototype.locks; });
  return ctx;
}

/** A promise that resolves when `open()` is called. */
function gate() {
  let open;
  const promise = new Promise((r) => { open = r; });
  return { promise, open };
}

/**
 * Opens an adapter tab in `ctx`; real focus events (no focus emulation).
 * `hold`: a promise its wasm download waits for (its engine is not ready
 * until then, and this does not wait for it); `hidden`: a background tab.
 */
async function openTab(ctx, name, extra = {}, { hold = null, hidden = false } = {}) {
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  if (hold) await page.route("**/ctiflow_wasm_bg.wasm", async (r) => { await hold; await r.continue(); });
  if (hidden) await page.addInitScript(() => { Object.defineProperty(Document.prototype, "visibilityState", { get: () => "hidden" }); });
  const ccpUrl = `${server.origin}/tests/e2e/fixtures/fake-ccp.html`;
  // The trusted settings come from CTIFLOW_CONFIG, as config.js sets them.
  const cfg = { ccpUrl, flowSet: "/tests/e2e/fixtures/tabs-flow-set.json", loginPopup: false, echoLevel: "ERROR", ...extra };
  await page.addInitScript((c) => { window.CTIFLOW_CONFIG = c; }, cfg);
  await page.goto(`${server.origin}/www/adapter/index.html`);
  // After the navigation: Playwright turns focus emulation on for each new document.
  await (await ctx.newCDPSession(page)).send("Emulation.setFocusEmulationEnabled", { enabled: false });
  if (!hold) await page.evaluate(() => window.ctiflowAdapter.ready);
  await until(page, () => !!document.querySelector("#ccp iframe")?.contentWindow?.fakeCcp, null, `${name}: the fake CCP`);
  const push = (d) => page.evaluate((x) => document.querySelector("#ccp iframe").contentWindow.fakeCcp.pushAgent(x), d);
  return {
    name, page, errors, push,
    /** The first snapshot: connect.agent runs. */
    start: async () => {
      await push(agentData([]));
      await until(page, () => !!window.ctiflowAdapter.agent, null, `${name}: connect.agent`);
    },
    apiRequests: () => page.evaluate(() => document.querySelector("#ccp iframe").contentWindow.fakeCcp.apiRequests()),
    mode: () => page.evaluate(() => window.ctiflowAdapter.tabs.mode),
    line: () => page.evaluate(() => document.getElementById("tabs").textContent),
    /** Open CTI calls the flows made (searchAndScreenPop with its search text, saveLog). */
    calls: () => page.evaluate(() => window.__openCti.calls
      .filter((c) => c.method === "searchAndScreenPop" || c.method === "saveLog")
      .map((c) => `${c.method} ${c.args.searchParams || ""}`.trim())),
    skipped: () => page.evaluate(() => window.ctiflowAdapter.tabs.skipped),
    runs: () => page.evaluate(() => window.ctiflowAdapter.status.runs.map((r) => `${r.event}: ${r.report.flow}`)),
    whys: () => page.evaluate(() => window.ctiflowAdapter.tabs.changes.map((c) => c.why)),
  };
}

const leaderIs = async (lead, follow) => {
  await until(lead.page, () => window.ctiflowAdapter.tabs.mode === "leader", null, `${lead.name} to lead`);
  await until(follow.page, () => window.ctiflowAdapter.tabs.mode === "follower", null, `${follow.name} to follow`);
};

/** One call through both tabs: rings, connects; waits for the leader's two runs and the follower's two skips. */
async function call(tabs, leader, id, number) {
  const before = {
    runs: (await leader.runs()).length,
    logs: (await leader.calls()).filter((c) => c === "saveLog").length,
    skipped: await Promise.all(tabs.map((t) => t.skipped())),
  };
  for (const t of tabs) await t.push(agentData([voiceContact(id, number)]));
  for (const t of tabs) await t.push(agentData([voiceContact(id, number, "connected")]));
  await until(leader.page, (n) => window.ctiflowAdapter.status.runs.length >= n, before.runs + 2, `${leader.name}: the runs of ${id}`);
  for (const [i, t] of tabs.entries()) {
    if (t !== leader) await until(t.page, (n) => window.ctiflowAdapter.tabs.skipped >= n, before.skipped[i] + 2, `${t.name}: ${id} left to the leader`);
  }
  // Open CTI answers asynchronously: let the leader's flows finish their calls.
  await until(leader.page, (n) => window.__openCti.calls.filter((c) => c.method === "saveLog").length >= n, before.logs + 1, `${leader.name}: saveLog`);
  for (const t of tabs) await t.push(agentData([]));
}

/** Rings and connects `id` in each tab; waits for `leader`'s saveLog and for `loading` (its engine not ready) to queue the events. */
async function callWhileLoading(tabs, leader, loading, id, number) {
  for (const t of tabs) await t.push(agentData([voiceContact(id, number)]));
  for (const t of tabs) await t.push(agentData([voiceContact(id, number, "connected")]));
  if (leader) await until(leader.page, () => window.__openCti.calls.some((c) => c.method === "saveLog"), null, `${leader.name}: saveLog`);
  await until(loading.page, (c) => window.ctiflowAdapter.pending.some((p) => p[1] === "onConnected" && p[2].contact?.contactId === c), id, `${loading.name}: ${id} queued`);
  for (const t of tabs) await t.push(agentData([]));
}

test("two tabs: each contact's flows run in one tab; the focused tab takes over; closing the leader hands over", { skip }, async (tc) => {
  const ctx = await context();
  const a = await openTab(ctx, "tab A");
  const b = await openTab(ctx, "tab B");
  // Both are "visible" in headless; B, opened last, takes over once its engine and agent are there.
  for (const t of [a, b]) await t.start();
  await leaderIs(b, a);
  assert.deepEqual(await b.whys(), ["another tab runs flows", "ready: took over"]);
  assert.equal(await b.line(), "Tabs: this tab runs flows");
  assert.equal(await a.line(), "Tabs: flows run in another tab");

  // Contact 1 rings and connects in both tabs' Streams: one pop, one Task, in B.
  await call([a, b], b, "c-voice-1", "+15555550101");
  assert.deepEqual((await b.calls()).sort(), ["saveLog", "searchAndScreenPop (555) 555-0101"]); // two flows side by side: either order
  assert.deepEqual(await a.calls(), []);
  // Runs are listed as they end: the pop waits on Open CTI while onConnected starts, so either order.
  assert.deepEqual((await b.runs()).sort(), ["onConnected: Create a task and pop it", "onConnecting: Screenpop on phone number"]);
  assert.deepEqual(await a.runs(), []);
  // A received both events through its own Streams, and left them to B.
  assert.equal(await a.skipped(), 2);
  assert.equal(await a.line(), "Tabs: flows run in another tab (2 events left to it)");

  // The agent looks at tab A: it takes over, and contact 2 runs there only.
  await a.page.bringToFront();
  await leaderIs(a, b);
  const aChanges = await a.page.evaluate(() => window.ctiflowAdapter.tabs.changes);
  assert.equal(aChanges.at(-1).why, "focus: took over");
  const bLost = (await b.page.evaluate(() => window.ctiflowAdapter.tabs.changes)).at(-1);
  assert.equal(bLost.why, "another tab took over");
  await call([a, b], a, "c-voice-2", "+15555550102");
  assert.deepEqual((await a.calls()).sort(), ["saveLog", "searchAndScreenPop (555) 555-0102"]);
  assert.deepEqual((await b.calls()).sort(), ["saveLog", "searchAndScreenPop (555) 555-0101"]); // two flows side by side: either order

  // Click-to-dial reaches only the Lightning tab it was clicked in: it runs
  // there, in a follower too, and does not move the lead.
  await b.page.evaluate(() => window.__openCti.fire("onClickToDial", { number: "(555) 555-0199", recordId: "003xx000001", objectType: "Contact" }));
  await until(b.page, () => window.ctiflowAdapter.status.runs.some((r) => r.event === "onClickToDial"), null, "tab B: the click-to-dial run");
  const dials = async (t) => (await t.apiRequests()).filter((r) => r.method === "createOutboundContact").map((r) => r.params.endpoint.phoneNumber);
  assert.deepEqual(await dials(b), ["+15555550199"]);
  assert.deepEqual(await dials(a), []);
  assert.equal(await b.mode(), "follower");

  // The agent goes to another site: no adapter tab has focus; A keeps running flows.
  const other = await ctx.newPage();
  await other.bringToFront();
  await until(a.page, () => !document.hasFocus(), null, "tab A to lose focus");
  await call([a, b], a, "c-voice-3", "+15555550103");
  assert.equal((await a.calls()).length, 4);
  assert.equal((await b.calls()).length, 2);

  // The built-in counter openAgentTabs: each tab counts the open ones.
  assert.deepEqual([await a.page.evaluate(() => window.ctiflowAdapter.tabs.count()),
    await b.page.evaluate(() => window.ctiflowAdapter.tabs.count())], [2, 2]);

  // The leader closes: B, which waited for the lock, takes over by itself.
  const closedAt = Date.now();
  await a.page.close();
  await until(b.page, () => window.ctiflowAdapter.tabs.mode === "leader", null, "tab B to take over after A closed");
  const bChanges = await b.page.evaluate(() => window.ctiflowAdapter.tabs.changes);
  assert.equal(bChanges.at(-1).why, "the leading tab went away");
  const handover = Math.round(bChanges.at(-1).atMs - closedAt);
  await call([b], b, "c-voice-4", "+15555550104");
  assert.equal(await b.page.evaluate(() => window.ctiflowAdapter.tabs.count()), 1);
  assert.deepEqual((await b.calls()).slice(2).sort(), ["saveLog", "searchAndScreenPop (555) 555-0104"]);

  // Measurements for tabs.js's design note (timestamps are epoch ms from each page's clock).
  tc.diagnostic(`focus to lock granted (steal): ${aChanges.at(-1).waitedMs.toFixed(1)} ms; ` +
    `old leader stepped down ${(bLost.atMs - aChanges.at(-1).atMs).toFixed(1)} ms after the new one was granted (negative: before); ` +
    `leading tab closed to the waiting tab granted: ${handover} ms (from page.close())`);
  assert.deepEqual([...a.errors, ...b.errors], []);
  await ctx.close();
});

test("a tab opened in front leaves the lead where it is until its own engine and agent are ready", { skip }, async () => {
  const ctx = await context();
  const a = await openTab(ctx, "tab A");
  await a.start();
  assert.equal(await a.mode(), "leader");
  // B opens and gets the focus while its engine loads: A keeps the lead.
  const wasm = gate();
  const b = await openTab(ctx, "tab B", {}, { hold: wasm.promise });
  await b.page.bringToFront();
  await until(b.page, () => document.hasFocus() && window.ctiflowAdapter.tabs.mode !== "electing", null, "tab B: focus and the first lock answer");
  assert.equal(await b.mode(), "follower");
  await b.start(); // B's agent is there, its engine still is not
  await callWhileLoading([a, b], a, b, "c-voice-1", "+15555550101");
  assert.equal(await a.mode(), "leader");
  assert.deepEqual((await a.calls()).sort(), ["saveLog", "searchAndScreenPop (555) 555-0101"]);
  // B's engine is ready: B, in front, takes over; the events it queued were A's.
  wasm.open();
  await b.page.evaluate(() => window.ctiflowAdapter.ready);
  await leaderIs(b, a);
  assert.deepEqual(await b.whys(), ["another tab runs flows", "ready: took over"]);
  assert.equal(await b.skipped(), 2);
  assert.deepEqual(await b.calls(), []);
  await call([a, b], b, "c-voice-2", "+15555550102");
  assert.deepEqual((await b.calls()).sort(), ["saveLog", "searchAndScreenPop (555) 555-0102"]);
  assert.equal((await a.calls()).length, 2);
  assert.deepEqual([...a.errors, ...b.errors], []);
  await ctx.close();
});

test("events a tab queued while its engine loaded run where they were due when they arrived", { skip }, async () => {
  // No duplicate: B follows when a call arrives, and leads (A closed) when its engine is ready.
  let ctx = await context();
  const a = await openTab(ctx, "tab A");
  await a.start();
  let wasm = gate();
  let b = await openTab(ctx, "tab B", {}, { hold: wasm.promise });
  await b.start();
  await callWhileLoading([a, b], a, b, "c-voice-1", "+15555550101");
  await a.page.close();
  await until(b.page, () => window.ctiflowAdapter.tabs.mode === "leader", null, "tab B to take over after A closed");
  wasm.open();
  await b.page.evaluate(() => window.ctiflowAdapter.ready);
  assert.equal(await b.skipped(), 2);
  assert.deepEqual(await b.runs(), []);
  assert.deepEqual(await b.calls(), []);
  assert.deepEqual([...a.errors, ...b.errors], []);
  await ctx.close();

  // No loss: B leads when a call arrives, and follows (C took over) when its engine is ready.
  ctx = await context();
  wasm = gate();
  b = await openTab(ctx, "tab B", {}, { hold: wasm.promise });
  await until(b.page, () => window.ctiflowAdapter.tabs.mode === "leader", null, "tab B to lead");
  const c = await openTab(ctx, "tab C", {}, { hidden: true });
  for (const t of [b, c]) await t.start();
  assert.equal(await c.mode(), "follower"); // ready, but in the background
  await callWhileLoading([b, c], null, b, "c-voice-2", "+15555550102");
  await until(c.page, () => window.ctiflowAdapter.tabs.skipped >= 2, null, "tab C: the call left to B");
  // The agent looks at C (the focus moves away from it and back).
  await b.page.bringToFront();
  await until(c.page, () => !document.hasFocus(), null, "tab C to lose focus");
  await c.page.bringToFront();
  await leaderIs(c, b);
  wasm.open();
  await b.page.evaluate(() => window.ctiflowAdapter.ready);
  assert.equal(await b.skipped(), 0);
  await until(b.page, () => window.__openCti.calls.some((x) => x.method === "saveLog"), null, "tab B: the queued call's flows");
  assert.deepEqual((await b.calls()).sort(), ["saveLog", "searchAndScreenPop (555) 555-0102"]);
  assert.deepEqual(await c.calls(), []);
  assert.deepEqual([...b.errors, ...c.errors], []);
  await ctx.close();
});

test("presence sync sets the agent state from one tab only", { skip }, async () => {
  const ctx = await context();
  const extra = { presenceRules: "/tests/presence/adapter-example.json" };
  const a = await openTab(ctx, "tab A", extra);
  const b = await openTab(ctx, "tab B", extra);
  for (const t of [a, b]) await t.push(agentData([], "Offline"));
  for (const t of [a, b]) await until(t.page, () => !!window.ctiflowAdapter.agent, null, `${t.name}: connect.agent`);
  await leaderIs(b, a);
  // Omni-Channel goes Available: the Lightning host of each tab relays it.
  const sets = async (t) => (await t.apiRequests()).filter((r) => r.method === "putAgentState").map((r) => r.params.state.name);
  const omni = { statusId: "0N5xx0000000001", statusName: "Available", statusApiName: "Available" };
  for (const t of [a, b]) {
    await t.page.evaluate((p) => window.ctiflowAdapter.fire("Salesforce Agent", "onStateChange", { payload: p }), omni);
  }
  await until(b.page, () => window.ctiflowAdapter.status.runs.some((r) => r.report.flow === "Presence sync"), null, "tab B: presence sync");
  await until(a.page, () => window.ctiflowAdapter.tabs.skipped >= 1, null, "tab A: the event left to B");
  for (let i = 0; i < 200 && (await sets(b)).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
  assert.deepEqual(await sets(b), ["Available"]);
  assert.deepEqual(await sets(a), []);
  // A left Omni's Available to B. Connect's Init→Offline ran in A, which led
  // when it came; B's own came while A still led (B takes over after it).
  assert.equal(await a.skipped(), 1);
  assert.equal(await b.skipped(), 1);
  assert.deepEqual(await a.runs(), ["onStateChange: Presence sync"]);
  assert.deepEqual(await b.runs(), ["onStateChange: Presence sync"]);
  await ctx.close();
});

test("without the Web Locks API a tab runs every flow itself and says so", { skip }, async () => {
  const ctx = await context({ noLocks: true });
  const a = await openTab(ctx, "tab A");
  assert.equal(await a.mode(), "single");
  assert.match(await a.line(), /^Tabs: this tab runs flows; tab coordination is off \(no Web Locks API in this browser\), so every open tab does$/);
  await a.push(agentData([]));
  await until(a.page, () => !!window.ctiflowAdapter.agent, null, "connect.agent");
  await call([a], a, "c-voice-1", "+15555550101");
  assert.deepEqual((await a.calls()).sort(), ["saveLog", "searchAndScreenPop (555) 555-0101"]);
  await ctx.close();
});
