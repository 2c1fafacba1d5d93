// The adapter page: the CCP (real amazon-connect-streams) beside the engine.
// Every Streams agent and contact event, every Open CTI listener and the
// page's beforeunload are dispatched to the engine, which runs the flows the
// flow set binds to them against bridges to the real APIs
// (../shared/bridges.js). Chat messages (Chat Contact / onMessageReceived,
// onMessageSent) come from the ChatJS session Streams builds for a connected
// chat, when amazon-connect-chatjs is on the page (`connect.ChatSession`);
// task events (Task Contact / onTransferInitiated, onTransferSucceeded,
// onTransferFailed, onTaskExpiring, onTaskExpired) from the TaskJS session it
// builds for a connected task, when amazon-connect-taskjs is on the page
// (`connect.TaskSession`). Without the library those events never fire, and
// the status panel says so.
//
// Settings come from `window.CTIFLOW_CONFIG`, which config.js (served from
// this page's origin, edited by whoever deploys the page) sets before this
// module runs. URL parameters are untrusted (anyone can send an agent a
// link): a URL parameter may set only the settings marked [url]; the others
// come from CTIFLOW_CONFIG unless it opts in with `urlOverrides: ["flowSet",
// ...]` (those settings) or `urlOverrides: true` (all; development only).
// A URL parameter that is not allowed is ignored with one message in the
// status panel. Every value is checked (settings.js); a bad one is reported
// naming the setting, and its default is used.
//   instanceUrl   https://<instance>.my.connect.aws          (ccpUrl = instanceUrl + /ccp-v2/)
//   ccpUrl        https://<instance>.my.connect.aws/ccp-v2/  (or instanceUrl); https, or this page's origin
//   region        the instance's AWS region (us-east-1, ...)
//   loginUrl      SSO login URL (IdP-initiated, https), opened in the login popup
//   loginPopup    false to never open the login popup (default true)
//   medialess     true: audio handled elsewhere (softphone.allowFramedSoftphone false)
//   ccpLoadTimeout  ms Streams waits for the CCP (Streams' default when absent)
//   flowSet       URL of the flow set JSON, http(s) (files resolve relative to it)
//   flowSetInline the flow set JSON itself (text or object; entries with inline `flow`)
//   openCtiUrl    Salesforce's opencti_min.js, loaded as a script when `sforce` is
//                 absent: https or this page's origin, never data:/blob:/javascript:
//   maxSteps      blocks per run, a positive integer ≤ 2^53-1 (default 10000)
//   runWindowMs   ms per run, a positive number (default 60000)
//   maxValueBytes largest value a run may make or keep, bytes, a positive integer ≤ 2^53-1 (default 4 MiB)
//   maxTraceBytes what one run may hold in all, bytes, a positive integer ≤ 2^53-1 (default 32 MiB)
//   callTimeoutMs ms per bridge call, a positive number (default 10000)
//   httpAllowlist origins HTTP Request may reach: a list, or text separated by
//                 commas or spaces ("https://api.example.com"); default none
//   presenceRules URL of presence-sync rules (see loadPresenceRules below)
//   presenceConfig  presence driver settings (object or JSON text)
//   echoLevel     [url] Streams console echo level (default WARN)
//   record        [url] true/1: record mode, a Record/Stop button (record.js)
//   recordDescription  [url] text for the recording's header
//   ctiActions    CTIFLOW_CONFIG only (never from the URL): the CTI Action buttons drawn
//                 under the CCP, a list of {label, flow, payload?, fields?: [{key, label?, value?}]}.
//                 `flow` names the flow (bound to CTI Action/onAction) the button runs
//                 (every active one of that name: a name bound twice is reported at load);
//                 `payload` is fixed; `fields` make a small form whose values (text)
//                 are merged over it: $.payload.<key>. The flow runs against the
//                 selected contact (the one last viewed in the CCP if still there, else
//                 the first connected one, else none). A bad entry is reported and skipped.
//   urlOverrides  CTIFLOW_CONFIG only: the settings URL parameters may override
// The host page may also provide `window.ctiflowPresence` (Omni-Channel API,
// see bridges.js) and `window.ctiflowData` (query/search/retrieve).
//
// Start-up parts (settings, the CCP, Open CTI, the engine, the flow set,
// presence rules) fail on their own: each failure is a message in the
// status panel and the rest starts. No event handler throws: a failure is
// reported and the next event is handled. The status panel marks flows bound
// to events this page never fires and lists the bridges the loaded flows
// need that this page lacks (coverage.js). An onRefresh (the agent's, or a
// contact's) does not start a run while one for the same source and contact
// is active: it is dropped and counted in the status panel.
//
// Everything drawn comes from textContent: flow names and messages are text.

import init, { Engine, version } from "../pkg/ctiflow_wasm.js";
import { agentSnapshot, contactSnapshot, makeBridges } from "../shared/bridges.js";
import { installRecorder } from "./record.js";
import { coordinateTabs } from "./tabs.js";
import { makeEngine, message, readSettings } from "./settings.js";
import { eventGap, flowNeeds } from "./coverage.js";

const $ = (id) => document.getElementById(id);
const MAX_RUNS = 50;
// The reports kept in `status.runs` (with their traces) stay under this many
// characters of trace JSON: a looping flow on onRefresh can write a trace of
// megabytes every few seconds (up to maxTraceBytes each), and fifty of those
// would hold gigabytes for the rest of the shift. The newest report is kept
// whatever its size (up to maxTraceBytes). The panel's lines stay.
const MAX_KEPT_TRACE_CHARS = 8 * 1024 * 1024;
const MAX_ERRORS = 200;
const MAX_PENDING = 500;

// ------------------------------------------------------------------ status

const status = {
  runs: [], // the last runs' {source, event, report}, within MAX_RUNS and MAX_KEPT_TRACE_CHARS
  traceChars: 0,
  errors: [],
  dropped: 0,
  state(text) { $("state").textContent = text; },
  /** `gap(f)`: why f's event never fires here, or null. */
  flows(list, gap = () => null) {
    const ul = $("flows");
    ul.replaceChildren(...list.map((f) => {
      const li = document.createElement("li");
      const why = f.active ? gap(f) : null;
      li.textContent = `${f.active ? "●" : "○"} ${f.source} / ${f.event}: ${f.name}` + (why ? ` — never fires here: ${why}` : "");
      if (why) li.className = "bad";
      return li;
    }));
  },
  /** An onRefresh dropped because the previous run for it is still active. */
  drop() {
    this.dropped += 1;
    const p = $("dropped");
    p.hidden = false;
    p.textContent = `onRefresh events dropped while a run for the same source and contact was active: ${this.dropped}`;
  },
  run(source, event, report) {
    this.runs.push({ source, event, report });
    this.traceChars += report.traceChars || 0;
    while (this.runs.length > 1 && (this.runs.length > MAX_RUNS || this.traceChars > MAX_KEPT_TRACE_CHARS)) {
      this.traceChars -= this.runs.shift().report.traceChars || 0;
    }
    const li = document.createElement("li");
    const end = report.end || {};
    // Errors carry their message; limits name where they stopped.
    const where = end.message ? end.message
      : end.blockType ? `${end.what ? `${end.what} of ` : ""}action ${end.action} (${end.blockType})` : "";
    li.textContent = `${new Date().toLocaleTimeString()} ${source} / ${event} → ${report.flow}: ${end.reason}` +
      (where ? ` (${where})` : "");
    if (!["end", "noPort"].includes(end.reason)) li.className = "bad";
    const ol = $("runs");
    ol.prepend(li);
    while (ol.childElementCount > MAX_RUNS) ol.lastElementChild.remove();
  },
  /** A problem; the same text again counts on its line instead of adding one. */
  error(text) {
    text = String(text);
    const ul = $("errors");
    const top = ul.firstElementChild;
    if (top && top.dataset.text === text) {
      top.dataset.count = String(Number(top.dataset.count) + 1);
      top.textContent = `${text} (×${top.dataset.count})`;
      return;
    }
    this.errors.push(text);
    if (this.errors.length > MAX_ERRORS) this.errors.shift();
    const li = document.createElement("li");
    li.className = "bad";
    li.dataset.text = text;
    li.dataset.count = "1";
    li.textContent = text;
    ul.prepend(li);
    while (ul.childElementCount > MAX_RUNS) ul.lastElementChild.remove();
  },
};

// ------------------------------------------------------------------ engine

const { cfg, problems: settingProblems } = (() => {
  try {
    return readSettings(window.CTIFLOW_CONFIG, location.search, location.href);
  } catch (e) {
    return { cfg: { loginPopup: true, medialess: false, record: false }, problems: [`settings: ${message(e)}`] };
  }
})();
for (const p of settingProblems) status.error(p);
const adapter = {
  engine: null,
  agent: null,
  config: cfg,
  status,
  readyMs: null,
  bound: new Set(), // "source/event" with an active flow
  wired: new Set(), // "source/event" this page fires (coverage.js)
  streams: false, // whether the CCP started
  failed: false, // whether the engine failed to start
  pending: [], // events that arrived before the engine was ready: [source, event, input, contact, here, none]
  missingBridges: [], // [{call, reason, flows}] the loaded flows need (coverage.js)
  ctiFlows: new Set(), // the flow names the configured CTI Actions run (coverage.js)
  fire: emit,
  ready: null,
};
window.ctiflowAdapter = adapter;
/** Judges the events queued while the tabs were electing (tabs.js calls it on the first answer). */
adapter.decidePending = () => {
  for (const p of adapter.pending) if (p[4] === null) p[4] = adapter.tabs.runsHere(p[0]);
};
const tabs = coordinateTabs(adapter); // several tabs open: flows run in one (tabs.js)

/**
 * Dispatches one event. Snapshots are taken now (Streams objects are live);
 * the run happens asynchronously. Events before the engine is ready queue,
 * with whether this tab runs them decided now, as for the others (tabs.js):
 * null while the tabs are still electing (decided by the first answer,
 * decidePending). `flow`: run only the flows of that name (a CTI Action's);
 * `none`: the problem to report when no such flow ran.
 */
function fire(source, event, { payload = {}, contact = null, snapshot, flow, none = null } = {}) {
  const input = () => {
    const i = { payload, contact: snapshot !== undefined ? snapshot : contactSnapshot(contact), agent: agentSnapshot(adapter.agent) };
    if (flow !== undefined) i.flow = flow;
    return i;
  };
  if (!adapter.engine) {
    const here = tabs.mode === "electing" ? null : tabs.runsHere(source);
    adapter.pending.push([source, event, input(), contact, here, none]);
    return Promise.resolve([]);
  }
  if (!adapter.bound.has(`${source}/${event}`)) {
    if (none) status.error(none);
    return Promise.resolve([]);
  }
  return run(source, event, input(), contact, null, none);
}

/** `here`: whether this tab runs it, decided when it arrived (queued events); null: decide now. */
function run(source, event, input, contact, here = null, none = null) {
  if (!(here ?? tabs.runsHere(source))) {
    return tabs.notLeading(() => run(source, event, input, contact, null, none), `${source} / ${event}`);
  }
  input.bridges = makeBridges({
    connect: window.connect,
    agent: adapter.agent,
    contact,
    sforce: window.sforce,
    presence: window.ctiflowPresence || null,
    data: window.ctiflowData || null,
    uiRoot: $("ui"),
    openTabs: () => tabs.count(),
  });
  return adapter.engine.dispatch(source, event, input).then(
    (reports) => {
      for (const r of reports) status.run(source, event, r);
      if (none && reports.length === 0) status.error(none);
      return reports;
    },
    (err) => {
      status.error(`${source} / ${event}: ${err && err.message ? err.message : err}`);
      return [];
    },
  );
}

/**
 * fire() for event handlers: never throws (a snapshot read or the bridges
 * failing is reported, and the next event is handled).
 */
function emit(source, event, opts) {
  if (adapter.failed) return Promise.resolve([]); // no engine: nothing to queue for
  try {
    return fire(source, event, opts);
  } catch (e) {
    status.error(`${source} / ${event}: ${message(e)}`);
    return Promise.resolve([]);
  } finally {
    if (adapter.pending.length > MAX_PENDING) {
      adapter.pending.splice(0, adapter.pending.length - MAX_PENDING);
      status.error(`more than ${MAX_PENDING} events before the engine was ready: the oldest are dropped`);
    }
  }
}

// onRefresh comes with every snapshot (every few seconds, per contact too):
// while a run for a source/event/contact is active, its next onRefresh is
// dropped and counted (bridges.md §3.2), so slow flows do not pile up.
const refreshing = new Set();
const refreshKey = (source, contactId) => `${source}/${contactId ?? ""}`;
function track(key, promise) {
  refreshing.add(key);
  promise.finally(() => refreshing.delete(key));
}
function emitRefresh(source, contactId, opts) {
  const key = refreshKey(source, contactId);
  const queued = !adapter.engine && adapter.pending.some(([s, e, input]) =>
    s === source && e === "onRefresh" && refreshKey(s, input.contact && input.contact.contactId) === key);
  if (refreshing.has(key) || queued) {
    status.drop();
    return Promise.resolve([]);
  }
  const p = emit(source, "onRefresh", opts);
  track(key, p);
  return p;
}

const NO_FLOWS = { flows: [] };

/**
 * The flow set and its files. Never throws: a set that cannot be fetched is
 * a problem and no flows (the engine, presence sync included, still starts);
 * a file that cannot be fetched is a problem naming its URL and HTTP status
 * (in `missing`, so the engine's "cannot read" for it is not repeated).
 */
async function loadFlowSet() {
  const problems = [];
  const missing = new Set();
  if (cfg.flowSetInline) return { set: cfg.flowSetInline, files: {}, problems, missing };
  if (!cfg.flowSet) {
    problems.push("no flow set configured (flowSet or flowSetInline): no flows are loaded");
    return { set: NO_FLOWS, files: {}, problems, missing };
  }
  const setUrl = new URL(cfg.flowSet, location.href);
  let text;
  try {
    const res = await fetch(setUrl);
    if (!res.ok) throw new Error(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`);
    text = await res.text();
  } catch (e) {
    problems.push(`flow set ${setUrl}: ${e instanceof TypeError ? `cannot fetch (${message(e)})` : message(e)}: no flows are loaded`);
    return { set: NO_FLOWS, files: {}, problems, missing };
  }
  let parsed;
  try { parsed = JSON.parse(text); } catch { return { set: text, files: {}, problems, missing }; } // the engine reports it
  const files = {};
  const entries = parsed && Array.isArray(parsed.flows) ? parsed.flows : [];
  await Promise.all(entries.filter((e) => e && typeof e.file === "string").map(async (e) => {
    let url;
    try {
      url = new URL(e.file, setUrl);
      const r = await fetch(url);
      if (!r.ok) throw new Error(`HTTP ${r.status}${r.statusText ? ` ${r.statusText}` : ""}`);
      files[e.file] = await r.text();
    } catch (err) {
      missing.add(e.file);
      problems.push(`flow file ${url || e.file} (${e.source} / ${e.event}): ` +
        `${err instanceof TypeError ? `cannot fetch (${message(err)})` : message(err)}: that flow is not loaded`);
    }
  }));
  return { set: text, files, problems, missing };
}

/** The events presence sync listens to (ctiflow_presence::wire::source_event). */
const PRESENCE_EVENTS = ["Amazon Connect Agent/onStateChange", "Salesforce Agent/onStateChange",
  "Salesforce Agent/onLogout", "Salesforce Agent/onWorkAccepted", "Salesforce Agent/onWorkloadChanged"];

/**
 * Loads the presence-sync rules named by `presenceRules` (a URL), with the
 * driver settings in `presenceConfig` (e.g. `{omniStatusIds: {Available: "0N5..."}}`).
 * Omni-Channel events reach the page only through the Lightning host, which
 * relays them with `ctiflowAdapter.fire("Salesforce Agent", "onStateChange", {payload})`.
 */
async function loadPresenceRules(engine) {
  if (!cfg.presenceRules) return;
  try {
    const res = await fetch(new URL(cfg.presenceRules, location.href));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const config = typeof cfg.presenceConfig === "string" ? JSON.parse(cfg.presenceConfig) : cfg.presenceConfig;
    const diags = engine.loadPresenceRules(await res.text(), config);
    for (const d of diags) status.error(`presence rule ${d.rule || ""}: ${d.message}`);
    for (const k of PRESENCE_EVENTS) adapter.bound.add(k);
  } catch (e) {
    status.error(`presence rules: ${message(e)}`);
  }
}

/**
 * The engine. Options it refuses are reported: it starts without the given
 * limits (the other options kept), or with its defaults (settings.js makeEngine).
 */
function newEngine() {
  const { engine, problems } = makeEngine(Engine, cfg);
  for (const p of problems) status.error(p);
  return engine;
}

/** Loads the flow set into the engine; on failure, no flows. */
function loadFlows(engine, { set, files, problems, missing }) {
  for (const p of problems) status.error(p);
  let loaded;
  try {
    loaded = engine.loadFlowSet(set, files);
  } catch (e) {
    status.error(`flow set: ${message(e)}: no flows are loaded`);
    loaded = engine.loadFlowSet(NO_FLOWS, {});
  }
  for (const d of loaded.diagnostics) {
    if (d.severity !== "error") continue;
    // A file already reported with its URL and HTTP status.
    if ([...missing].some((f) => d.message.startsWith(`cannot read \`${f}\`:`))) continue;
    status.error(`${d.flow}${d.action ? ` action ${d.action}` : ""}: ${d.message}`);
  }
  return loaded;
}

/** Reports the bridges the loaded flows need that this page lacks. */
function checkBridges(engine, { set, files }) {
  try {
    const parsed = typeof set === "string" ? JSON.parse(set) : set;
    adapter.missingBridges = flowNeeds(parsed, files, {
      validate: (flow) => engine.validate(flow),
      catalog: Engine.catalog(),
      env: {
        sforce: window.sforce || null, connect: window.connect || null, presence: window.ctiflowPresence || null,
        data: window.ctiflowData || null, httpAllowlist: cfg.httpAllowlist || [],
      },
    });
  } catch (e) {
    status.error(`checking the flows' bridges: ${message(e)}`);
    return;
  }
  for (const n of adapter.missingBridges) {
    status.error(`${n.call}: ${n.reason}; needed by ${n.flows.join(", ")}`);
  }
}

async function startEngine() {
  // Compile the wasm (streaming, served as application/wasm) while the flow
  // files download: neither waits for the other.
  const flowsLoading = loadFlowSet();
  await init();
  const engine = newEngine();
  $("version").textContent = version();
  const flowSet = await flowsLoading;
  const loaded = loadFlows(engine, flowSet);
  adapter.bound = new Set(loaded.flows.filter((f) => f.active).map((f) => `${f.source}/${f.event}`));
  await loadPresenceRules(engine);
  if (window.connect && window.connect.ChatSession) {
    for (const s of ["onMessageReceived", "onMessageSent"]) adapter.wired.add(`Chat Contact/${s}`);
  }
  if (window.connect && window.connect.TaskSession) {
    for (const s of TASK_EVENTS.values()) adapter.wired.add(`Task Contact/${s}`);
  }
  status.flows(loaded.flows, (f) => eventGap(f.source, f.event, adapter, f.name));
  checkCtiActions(loaded.flows);
  checkBridges(engine, flowSet);
  adapter.engine = engine;
  adapter.readyMs = performance.now();
  status.state("ready");
  try { installRecorder(adapter); } catch (e) { status.error(`record mode: ${message(e)}`); }
  const queued = adapter.pending.splice(0);
  for (const [source, event, input, contact, here, none] of queued) {
    if (!adapter.bound.has(`${source}/${event}`)) {
      if (none) status.error(none);
      continue;
    }
    try {
      const p = run(source, event, input, contact, here, none);
      if (event === "onRefresh") track(refreshKey(source, input.contact && input.contact.contactId), p);
    } catch (e) {
      status.error(`${source} / ${event}: ${message(e)}`);
    }
  }
  tabs.readyToRun();
}

// ------------------------------------------------------------------ Streams

const CONTACT_EVENTS = ["onIncoming", "onPending", "onConnecting", "onAccepted", "onConnected",
  "onMissed", "onEnded", "onRefresh", "onDestroy"];

/** The sources a contact's events go to (bridges.md §3.3 PROPOSAL). */
function contactSources(contact, event) {
  const monitoring = (() => {
    try { return contact.getAgentConnection().getType() === "monitoring"; } catch { return false; }
  })();
  if (monitoring) return [];
  let type = null;
  try { type = contact.getType(); } catch { return []; }
  switch (type) {
    case "voice": return ["Voice Contact"];
    case "queue_callback": return event === "onIncoming" ? ["Queue Callback Contact", "Voice Contact"] : ["Queue Callback Contact"];
    case "chat": return ["Chat Contact"];
    case "task": return ["Task Contact"];
    default: return [];
  }
}

const seen = new Map(); // contactId -> {firstSeenMs, last snapshot}

function watchContact(contact) {
  let id;
  try { id = contact.getContactId(); } catch { return; }
  if (seen.has(id)) return;
  const entry = { firstSeenMs: Date.now(), last: null };
  seen.set(id, entry);
  const fireContact = (event, obj) => {
    try {
      let snap = contactSnapshot(obj || contact, { firstSeenMs: entry.firstSeenMs });
      // After removal, getters of the live object throw: keep what we knew.
      if (entry.last && snap && snap.type === null) snap = { ...entry.last, status: snap.status || entry.last.status };
      if (snap && snap.type !== null) entry.last = snap;
      for (const source of contactSources(obj || contact, event)) {
        if (event === "onRefresh") emitRefresh(source, id, { contact, snapshot: snap });
        else emit(source, event, { contact, snapshot: snap });
      }
      if (event === "onConnected") watchSession(contact, entry);
    } catch (e) {
      status.error(`contact ${id} / ${event}: ${message(e)}`);
    }
    if (event === "onDestroy") setTimeout(() => seen.delete(id), 0);
  };
  fireContact("onInit");
  for (const ev of CONTACT_EVENTS) {
    try {
      contact[ev]((obj) => fireContact(ev, obj && typeof obj.getContactId === "function" ? obj : contact));
    } catch (e) {
      status.error(`contact.${ev}: ${message(e)}`);
    }
  }
  try {
    if (contact.isConnected()) watchSession(contact, entry);
  } catch { /* not yet: onConnected does it */ }
}

/**
 * The sessions Streams builds for a connected contact's agent connection
 * (`getMediaController()`, bridges.md §3.2): ChatJS's for chats, whose
 * messages are Chat Contact / onMessageReceived and onMessageSent; TaskJS's
 * for tasks, whose events are Task Contact / onTransferInitiated,
 * onTransferSucceeded, onTransferFailed, onTaskExpiring and onTaskExpired.
 * Only when the library is on the page (`connect.ChatSession`,
 * `connect.TaskSession`): without it Streams has no session to give, and the
 * status panel says so. A session that cannot be had is one problem naming
 * the contact.
 */
const SESSIONS = new Map([
  ["chat", { lib: "ChatSession", name: "ChatJS", what: "its messages", onMessage: chatMessage }],
  ["task", { lib: "TaskSession", name: "TaskJS", what: "its events", onMessage: taskMessage }],
]);

function watchSession(contact, entry) {
  if (entry.session) return;
  let type;
  let kind;
  let conn;
  try {
    type = contact.getType();
    kind = SESSIONS.get(type);
    if (!kind || !(window.connect && window.connect[kind.lib])) return;
    conn = contact.getAgentConnection();
    if (!conn || typeof conn.getMediaController !== "function") return;
  } catch {
    return;
  }
  entry.session = true;
  let id = null;
  try { id = contact.getContactId(); } catch { /* below */ }
  Promise.resolve()
    .then(() => conn.getMediaController())
    .then((session) => session.onMessage((e) => {
      try {
        kind.onMessage(contact, id, e);
      } catch (err) {
        status.error(`${type} ${id}: ${message(err)}`);
      }
    }))
    .catch((e) => {
      entry.session = false;
      status.error(`${type} ${id}: no ${kind.name} session, ${kind.what} do not reach the flows (${message(e)})`);
    });
}

function chatMessage(contact, id, e) {
  const item = (e && e.data) || {};
  if (item.Type !== "MESSAGE") return; // typing and other events
  const event = item.ParticipantRole === "CUSTOMER" ? "onMessageReceived"
    : item.ParticipantRole === "AGENT" ? "onMessageSent" : null;
  if (!event) return;
  const payload = {
    contactId: item.ContactId ?? id,
    initialContactId: item.InitialContactId ?? null,
    displayName: item.DisplayName ?? null,
    participantRole: item.ParticipantRole,
    participantId: item.ParticipantId ?? null,
    content: item.Content ?? null,
  };
  emit("Chat Contact", event, { payload, contact, snapshot: seenSnapshot(contact, id) });
}

/** The contact's snapshot, with when this page first saw it (`seen`). */
function seenSnapshot(contact, id) {
  const entry = seen.get(id);
  return contactSnapshot(contact, { firstSeenMs: entry ? entry.firstSeenMs : null });
}

/** TaskJS message ContentType → Task Contact event (bridges.md §3.1, §3.2). */
const TASK_EVENTS = new Map([
  ["application/vnd.amazonaws.connect.event.transfer.initiated", "onTransferInitiated"],
  ["application/vnd.amazonaws.connect.event.transfer.succeeded", "onTransferSucceeded"],
  ["application/vnd.amazonaws.connect.event.transfer.failed", "onTransferFailed"],
  ["application/vnd.amazonaws.connect.event.expire.warning", "onTaskExpiring"],
  ["application/vnd.amazonaws.connect.event.expire.complete", "onTaskExpired"],
]);

function taskMessage(contact, id, e) {
  // TaskJS hands onMessage the parsed websocket message itself; `e.data`
  // (ChatJS's shape) is accepted too.
  const item = e && typeof e.ContentType === "string" ? e : (e && e.data) || {};
  const event = TASK_EVENTS.get(item.ContentType);
  if (!event) return; // other task messages
  const payload = {
    contactId: item.ContactId ?? id,
    initialContactId: item.InitialContactId ?? null,
    contentType: item.ContentType,
    absoluteTime: item.AbsoluteTime ?? null,
    id: item.Id ?? null,
  };
  emit("Task Contact", event, { payload, contact, snapshot: seenSnapshot(contact, id) });
}

/**
 * Chat Contact / onViewContact: the agent switched the CCP to a contact
 * (`connect.core.onViewContact`); only for connected chats (bridges.md §3.2).
 */
function viewContact(contactId) {
  if (typeof contactId === "string") viewedContactId = contactId; // the selected contact of CTI Actions
  if (!adapter.agent || typeof contactId !== "string") return;
  let contact;
  try {
    contact = adapter.agent.getContacts().find((c) => c.getContactId() === contactId);
    if (!contact || contact.getStatus().type !== "connected") return;
  } catch {
    return;
  }
  if (!contactSources(contact, "onViewContact").includes("Chat Contact")) return;
  emit("Chat Contact", "onViewContact", { payload: { contactId }, contact, snapshot: seenSnapshot(contact, contactId) });
}

const AGENT_EVENTS = ["onInit", "onRefresh", "onStateChange", "onRoutable", "onNotRoutable", "onOffline",
  "onError", "onAfterCallWork"];

function startStreams() {
  const connect = window.connect;
  if (!connect || !connect.core) {
    status.error("amazon-connect-streams is not loaded (run scripts/build-wasm.sh)");
    return;
  }
  try { connect.getLog().setEchoLevel(cfg.echoLevel || "WARN"); } catch { /* optional */ }
  if (!cfg.ccpUrl) {
    status.error("no ccpUrl / instanceUrl configured: the CCP is not started");
    return;
  }
  const params = {
    ccpUrl: cfg.ccpUrl,
    loginPopup: cfg.loginPopup,
    loginPopupAutoClose: true,
    softphone: { allowFramedSoftphone: !cfg.medialess, disableRingtone: cfg.medialess },
    storageAccess: { canRequest: false },
  };
  if (cfg.region) params.region = cfg.region;
  if (cfg.loginUrl) params.loginUrl = cfg.loginUrl;
  if (cfg.ccpLoadTimeout) params.ccpLoadTimeout = cfg.ccpLoadTimeout;
  try {
    connect.core.initCCP($("ccp"), params);
  } catch (e) {
    const blocked = e && e.name === "SecurityError"
      ? " (the browser blocks storage for this framed page: allow third-party cookies and site data for it)" : "";
    status.error(`the CCP did not start: initCCP failed: ${message(e)}${blocked}`);
    return;
  }
  adapter.streams = true;

  const A = "Amazon Connect Agent";
  const wire = (source, events) => { for (const ev of events) adapter.wired.add(`${source}/${ev}`); };
  wire("Initialization", ["onInit"]);
  wire(A, AGENT_EVENTS);
  for (const s of ["Voice Contact", "Queue Callback Contact", "Chat Contact", "Task Contact"]) wire(s, ["onInit", ...CONTACT_EVENTS]);
  try {
    connect.agent((agent) => {
      adapter.agent = agent;
      emit(A, "onInit");
      agent.onRefresh(() => emitRefresh(A, null));
      agent.onStateChange((e) => emit(A, "onStateChange", { payload: { oldState: e.oldState, newState: e.newState } }));
      agent.onRoutable(() => emit(A, "onRoutable"));
      agent.onNotRoutable(() => emit(A, "onNotRoutable"));
      agent.onOffline(() => emit(A, "onOffline"));
      agent.onError(() => emit(A, "onError"));
      agent.onAfterCallWork(() => emit(A, "onAfterCallWork"));
      // connect.contact does not replay contacts that exist already.
      try { agent.getContacts().forEach(watchContact); } catch { /* none yet */ }
      initialized();
    });
    connect.contact(watchContact);
  } catch (e) {
    status.error(`Streams subscriptions failed: ${message(e)}`);
  }
  try {
    connect.core.onViewContact((e) => viewContact(e && e.contactId));
    adapter.wired.add("Chat Contact/onViewContact");
  } catch (e) {
    status.error(`connect.core.onViewContact: ${message(e)}`);
  }
}

let initFired = false;
function initialized() {
  if (initFired) return;
  initFired = true;
  emit("Initialization", "onInit");
  tabs.readyToRun();
}

// ------------------------------------------------------------------ CTI Actions

// The buttons of the `ctiActions` setting (bridges.md §3.1, §3.2 "CTI
// Action"), under the CCP. A button runs the one flow its action names,
// bound to CTI Action/onAction, with the action's fixed payload and, when it
// has fields, the values of its small form merged over it. The flow runs
// against the selected contact. Labels are text (textContent), never HTML.

let viewedContactId = null; // the contact last viewed in the CCP (connect.core.onViewContact)

/** The selected contact: the one last viewed if it is still there, else the first connected one, else null. */
function selectedContact() {
  let contacts = [];
  try { contacts = adapter.agent ? adapter.agent.getContacts() : []; } catch { return null; }
  const idOf = (c) => { try { return c.getContactId(); } catch { return null; } };
  const viewed = viewedContactId !== null ? contacts.find((c) => idOf(c) === viewedContactId) : null;
  if (viewed) return viewed;
  return contacts.find((c) => { try { return c.getStatus().type === "connected"; } catch { return false; } }) || null;
}

/** Fires CTI Action / onAction for `action`'s flow; `fields`: the form's values. Never throws. */
function pressAction(action, fields = {}) {
  const payload = { ...action.payload, ...fields };
  const none = `CTI Action \`${action.label}\`: no active flow named \`${action.flow}\` is bound to CTI Action/onAction`;
  let contact = null;
  let snapshot = null;
  try {
    contact = selectedContact();
    if (contact) snapshot = seenSnapshot(contact, contact.getContactId());
  } catch (e) {
    status.error(`CTI Action \`${action.label}\`: the selected contact: ${message(e)}`);
    return Promise.resolve([]);
  }
  return emit("CTI Action", "onAction", { payload, contact, snapshot, flow: action.flow, none });
}

function closeActionForm() {
  const form = $("cti-form");
  form.hidden = true;
  form.replaceChildren();
  form.onsubmit = null;
}

/** The small form of an action with fields: a text input per field, Submit and Cancel. */
function openActionForm(action) {
  const form = $("cti-form");
  const title = document.createElement("p");
  title.className = "cti-title";
  title.textContent = action.label;
  const inputs = action.fields.map((f) => {
    const label = document.createElement("label");
    const text = document.createElement("span");
    text.textContent = f.label;
    const input = document.createElement("input");
    input.type = "text";
    input.name = f.key;
    input.value = f.value;
    label.append(text, input);
    return { f, label, input };
  });
  const submit = document.createElement("button");
  submit.type = "submit";
  submit.textContent = "Submit";
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "cti-cancel";
  cancel.textContent = "Cancel";
  cancel.addEventListener("click", closeActionForm);
  const buttons = document.createElement("div");
  buttons.className = "cti-form-buttons";
  buttons.append(submit, cancel);
  form.replaceChildren(title, ...inputs.map((x) => x.label), buttons);
  form.onsubmit = (e) => {
    e.preventDefault();
    const values = {};
    for (const { f, input } of inputs) values[f.key] = String(input.value);
    closeActionForm();
    pressAction(action, values);
  };
  form.hidden = false;
  if (inputs.length) inputs[0].input.focus();
}

/**
 * At load: an action whose flow is not loaded (active, bound to CTI
 * Action/onAction) is a problem now, not only when pressed; so is a name
 * that several such flows share (the button runs every flow of its name).
 */
function checkCtiActions(flows) {
  const bound = new Map();
  for (const f of flows) {
    if (f.active && f.source === "CTI Action" && f.event === "onAction") bound.set(f.name, (bound.get(f.name) || 0) + 1);
  }
  for (const a of cfg.ctiActions || []) {
    const n = bound.get(a.flow) || 0;
    if (n === 0) {
      status.error(`CTI Action \`${a.label}\`: no active flow named \`${a.flow}\` is bound to CTI Action/onAction in the flow set loaded, so its button runs nothing`);
    } else if (n > 1) {
      status.error(`CTI Action \`${a.label}\`: ${n} active flows named \`${a.flow}\` are bound to CTI Action/onAction, and its button runs them all`);
    }
  }
}

/** Draws one button per configured CTI Action; with one at least, CTI Action/onAction fires here. */
function drawCtiActions() {
  const actions = cfg.ctiActions || [];
  adapter.ctiFlows = new Set(actions.map((a) => a.flow));
  if (!actions.length) return;
  adapter.wired.add("CTI Action/onAction");
  $("cti-buttons").replaceChildren(...actions.map((a) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = a.label;
    b.addEventListener("click", () => (a.fields.length ? openActionForm(a) : (closeActionForm(), pressAction(a))));
    return b;
  }));
  $("cti-actions").hidden = false;
}

// ------------------------------------------------------------------ Open CTI

function unwrap(payload) {
  return payload && typeof payload === "object" && payload.returnValue && typeof payload.returnValue === "object"
    ? payload.returnValue : payload;
}

function startOpenCti() {
  const oc = window.sforce && window.sforce.opencti;
  if (!oc) {
    status.error("Salesforce Open CTI is not present: Salesforce UI events are off");
    return;
  }
  const S = "Salesforce UI";
  const listen = (owner, name, event, optional = false) => {
    if (!owner || typeof owner[name] !== "function") {
      if (!optional) status.error(`Open CTI has no ${name}: ${S} / ${event} never fires`);
      return;
    }
    try {
      owner[name]({ listener: (p) => emit(S, event, { payload: unwrap(p) }) });
      adapter.wired.add(`${S}/${event}`);
    } catch (e) {
      status.error(`Open CTI ${name}: ${message(e)}`);
    }
  };
  listen(oc, "onClickToDial", "onClickToDial");
  listen(oc, "onNavigationChange", "onNavigationChange");
  listen(oc.hvs, "onWorkStart", "onHvsWorkStart", true);
  try {
    oc.enableClickToDial({
      callback: (r) => { if (!r || !r.success) status.error(`enableClickToDial failed: ${JSON.stringify(r && r.errors)}`); },
    });
  } catch (e) {
    status.error(`enableClickToDial: ${message(e)}`);
  }
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.appendChild(s);
  });
}

// ------------------------------------------------------------------ start

window.addEventListener("beforeunload", () => { emit("Browser", "onBeforeUnload"); });
adapter.wired.add("Browser/onBeforeUnload");

/** Runs one start-up part; a failure is a problem, and the next part starts. */
function part(name, f) {
  try {
    return f();
  } catch (e) {
    status.error(`${name}: ${message(e)}`);
    return undefined;
  }
}

// Resolves when start-up is over, whatever failed (the status panel and
// `ctiflowAdapter.engine` tell).
adapter.ready = (async () => {
  // Streams first, so no agent or contact event is missed; events that come
  // before the engine is ready are queued.
  part("Streams", startStreams);
  part("CTI Actions", drawCtiActions);
  if (!window.sforce && cfg.openCtiUrl) {
    try { await loadScript(cfg.openCtiUrl); } catch (e) { status.error(message(e)); }
  }
  part("Open CTI", startOpenCti);
  try {
    await startEngine();
  } catch (e) {
    adapter.failed = true;
    adapter.pending.length = 0;
    tabs.stepDown("this tab's engine failed"); // a tab whose engine runs takes the lead
    status.state("engine failed");
    status.error(`engine: ${message(e)}`);
  }
})();
