// The adapter page: the CCP (real amazon-connect-streams) beside the engine.
// Every Streams agent and contact event, every Open CTI listener and the
// page's beforeunload are dispatched to the engine, which runs the flows the
// flow set binds to them against bridges to the real APIs
// (../shared/bridges.js).
//
// Settings come from `window.CTIFLOW_CONFIG` (set by the host page before this
// module runs) and are overridden by URL parameters of the same name:
//   ccpUrl        https://<instance>.my.connect.aws/ccp-v2/  (or instanceUrl)
//   instanceUrl   https://<instance>.my.connect.aws          (ccpUrl = instanceUrl + /ccp-v2/)
//   region        the instance's AWS region
//   loginUrl      SSO login URL (IdP-initiated), opened in the login popup
//   loginPopup    "false" to never open the login popup
//   medialess     "true": audio handled elsewhere (softphone.allowFramedSoftphone false)
//   flowSet       URL of the flow set JSON (files resolve relative to it)
//   flowSetInline the flow set JSON itself (entries with inline `flow`)
//   openCtiUrl    Salesforce's opencti_min.js, loaded when `sforce` is absent
//   maxSteps, runWindowMs, maxValueBytes, maxTraceBytes, callTimeoutMs
//                 engine limits (README, "Engine semantics")
//   echoLevel     Streams console echo level (default WARN)
//   presenceRules URL of presence-sync rules (see loadPresenceRules below)
//   presenceConfig  presence driver settings (object or JSON text)
//   record        "1"/true: record mode, a Record/Stop button (record.js)
// The host page may also provide `window.ctiflowPresence` (Omni-Channel API,
// see bridges.js) and `window.ctiflowData` (query/search/retrieve).
//
// Everything drawn comes from textContent: flow names and messages are text.

import init, { Engine, version } from "../pkg/ctiflow_wasm.js";
import { agentSnapshot, contactSnapshot, makeBridges } from "../shared/bridges.js";
import { installRecorder } from "./record.js";

const $ = (id) => document.getElementById(id);
const MAX_RUNS = 50;

function settings() {
  const cfg = { ...(window.CTIFLOW_CONFIG || {}) };
  for (const [k, v] of new URLSearchParams(location.search)) cfg[k] = v;
  const bool = (v, d) => (v === undefined ? d : v === true || v === "true" || v === "1");
  const num = (v) => (v === undefined || v === "" ? undefined : Number(v));
  if (!cfg.ccpUrl && cfg.instanceUrl) cfg.ccpUrl = `${String(cfg.instanceUrl).replace(/\/+$/, "")}/ccp-v2/`;
  cfg.loginPopup = bool(cfg.loginPopup, true);
  cfg.medialess = bool(cfg.medialess, false);
  cfg.maxSteps = num(cfg.maxSteps);
  cfg.runWindowMs = num(cfg.runWindowMs);
  cfg.maxValueBytes = num(cfg.maxValueBytes);
  cfg.maxTraceBytes = num(cfg.maxTraceBytes);
  cfg.callTimeoutMs = num(cfg.callTimeoutMs);
  return cfg;
}

// ------------------------------------------------------------------ status

const status = {
  runs: [],
  errors: [],
  state(text) { $("state").textContent = text; },
  flows(list) {
    const ul = $("flows");
    ul.replaceChildren(...list.map((f) => {
      const li = document.createElement("li");
      li.textContent = `${f.active ? "●" : "○"} ${f.source} / ${f.event}: ${f.name}`;
      return li;
    }));
  },
  run(source, event, report) {
    this.runs.push({ source, event, report });
    if (this.runs.length > MAX_RUNS) this.runs.shift();
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
  error(message) {
    this.errors.push(String(message));
    const li = document.createElement("li");
    li.className = "bad";
    li.textContent = String(message);
    $("errors").prepend(li);
    while ($("errors").childElementCount > MAX_RUNS) $("errors").lastElementChild.remove();
  },
};

// ------------------------------------------------------------------ engine

const cfg = settings();
const adapter = {
  engine: null,
  agent: null,
  config: cfg,
  status,
  readyMs: null,
  bound: new Set(), // "source/event" with an active flow
  pending: [], // events that arrived before the engine was ready
  fire,
  ready: null,
};
window.ctiflowAdapter = adapter;

/**
 * Dispatches one event. Snapshots are taken now (Streams objects are live);
 * the run happens asynchronously. Events before the engine is ready queue.
 */
function fire(source, event, { payload = {}, contact = null, snapshot } = {}) {
  if (!adapter.engine) {
    const snap = snapshot !== undefined ? snapshot : contactSnapshot(contact);
    adapter.pending.push([source, event, { payload, contact: snap, agent: agentSnapshot(adapter.agent) }, contact]);
    return Promise.resolve([]);
  }
  if (!adapter.bound.has(`${source}/${event}`)) return Promise.resolve([]);
  const input = {
    payload,
    contact: snapshot !== undefined ? snapshot : contactSnapshot(contact),
    agent: agentSnapshot(adapter.agent),
  };
  return run(source, event, input, contact);
}

function run(source, event, input, contact) {
  input.bridges = makeBridges({
    connect: window.connect,
    agent: adapter.agent,
    contact,
    sforce: window.sforce,
    presence: window.ctiflowPresence || null,
    data: window.ctiflowData || null,
    uiRoot: $("ui"),
  });
  return adapter.engine.dispatch(source, event, input).then(
    (reports) => {
      for (const r of reports) status.run(source, event, r);
      return reports;
    },
    (err) => {
      status.error(`${source} / ${event}: ${err && err.message ? err.message : err}`);
      return [];
    },
  );
}

async function loadFlowSet() {
  if (cfg.flowSetInline) return { set: cfg.flowSetInline, files: {} };
  if (!cfg.flowSet) return { set: { flows: [] }, files: {} };
  const setUrl = new URL(cfg.flowSet, location.href);
  const res = await fetch(setUrl);
  if (!res.ok) throw new Error(`flow set ${setUrl}: HTTP ${res.status}`);
  const text = await res.text();
  let parsed;
  try { parsed = JSON.parse(text); } catch { return { set: text, files: {} }; } // the engine reports it
  const files = {};
  await Promise.all((parsed.flows || []).filter((e) => e && typeof e.file === "string").map(async (e) => {
    try {
      const r = await fetch(new URL(e.file, setUrl));
      if (r.ok) files[e.file] = await r.text();
    } catch { /* left out: the engine reports "cannot read" */ }
  }));
  return { set: text, files };
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
    status.error(`presence rules: ${e && e.message ? e.message : e}`);
  }
}

async function startEngine() {
  // Compile the wasm (streaming, served as application/wasm) while the flow
  // files download: neither waits for the other.
  const flowsLoading = loadFlowSet();
  flowsLoading.catch(() => {}); // awaited below; no unhandled rejection meanwhile
  await init();
  const limits = {};
  if (cfg.maxSteps !== undefined) limits.maxSteps = cfg.maxSteps;
  if (cfg.runWindowMs !== undefined) limits.runWindowMs = cfg.runWindowMs;
  if (cfg.maxValueBytes !== undefined) limits.maxValueBytes = cfg.maxValueBytes;
  if (cfg.maxTraceBytes !== undefined) limits.maxTraceBytes = cfg.maxTraceBytes;
  const options = { limits, httpAllowlist: cfg.httpAllowlist || [] };
  if (cfg.callTimeoutMs !== undefined) options.callTimeoutMs = cfg.callTimeoutMs;
  const engine = new Engine(options);
  $("version").textContent = version();
  const { set, files } = await flowsLoading;
  const loaded = engine.loadFlowSet(set, files);
  for (const d of loaded.diagnostics) {
    if (d.severity === "error") status.error(`${d.flow}${d.action ? ` action ${d.action}` : ""}: ${d.message}`);
  }
  adapter.bound = new Set(loaded.flows.filter((f) => f.active).map((f) => `${f.source}/${f.event}`));
  await loadPresenceRules(engine);
  status.flows(loaded.flows);
  adapter.engine = engine;
  adapter.readyMs = performance.now();
  status.state("ready");
  installRecorder(adapter);
  const queued = adapter.pending.splice(0);
  for (const [source, event, input, contact] of queued) {
    if (adapter.bound.has(`${source}/${event}`)) run(source, event, input, contact);
  }
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
    let snap = contactSnapshot(obj || contact, { firstSeenMs: entry.firstSeenMs });
    // After removal, getters of the live object throw: keep what we knew.
    if (entry.last && snap && snap.type === null) snap = { ...entry.last, status: snap.status || entry.last.status };
    if (snap && snap.type !== null) entry.last = snap;
    for (const source of contactSources(obj || contact, event)) fire(source, event, { contact, snapshot: snap });
    if (event === "onDestroy") setTimeout(() => seen.delete(id), 0);
  };
  fireContact("onInit");
  for (const ev of CONTACT_EVENTS) {
    try {
      contact[ev]((obj) => fireContact(ev, obj && typeof obj.getContactId === "function" ? obj : contact));
    } catch (e) {
      status.error(`contact.${ev}: ${e.message}`);
    }
  }
}

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
  if (cfg.ccpLoadTimeout) params.ccpLoadTimeout = Number(cfg.ccpLoadTimeout);
  connect.core.initCCP($("ccp"), params);

  const A = "Amazon Connect Agent";
  connect.agent((agent) => {
    adapter.agent = agent;
    fire(A, "onInit");
    agent.onRefresh(() => fire(A, "onRefresh"));
    agent.onStateChange((e) => fire(A, "onStateChange", { payload: { oldState: e.oldState, newState: e.newState } }));
    agent.onRoutable(() => fire(A, "onRoutable"));
    agent.onNotRoutable(() => fire(A, "onNotRoutable"));
    agent.onOffline(() => fire(A, "onOffline"));
    agent.onError(() => fire(A, "onError"));
    agent.onAfterCallWork(() => fire(A, "onAfterCallWork"));
    // connect.contact does not replay contacts that exist already.
    try { agent.getContacts().forEach(watchContact); } catch { /* none yet */ }
    initialized();
  });
  connect.contact(watchContact);
}

let initFired = false;
function initialized() {
  if (initFired) return;
  initFired = true;
  fire("Initialization", "onInit");
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
  const listen = (f, event) => {
    try { f({ listener: (p) => fire(S, event, { payload: unwrap(p) }) }); } catch (e) { status.error(`${event}: ${e.message}`); }
  };
  listen(oc.onClickToDial.bind(oc), "onClickToDial");
  listen(oc.onNavigationChange.bind(oc), "onNavigationChange");
  if (oc.hvs && typeof oc.hvs.onWorkStart === "function") listen(oc.hvs.onWorkStart.bind(oc.hvs), "onHvsWorkStart");
  try {
    oc.enableClickToDial({
      callback: (r) => { if (!r || !r.success) status.error(`enableClickToDial failed: ${JSON.stringify(r && r.errors)}`); },
    });
  } catch (e) {
    status.error(`enableClickToDial: ${e.message}`);
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

window.addEventListener("beforeunload", () => { fire("Browser", "onBeforeUnload"); });

adapter.ready = (async () => {
  // Streams first, so no agent or contact event is missed; events that come
  // before the engine is ready are queued.
  startStreams();
  if (!window.sforce && cfg.openCtiUrl) {
    try { await loadScript(cfg.openCtiUrl); } catch (e) { status.error(e.message); }
  }
  startOpenCti();
  try {
    await startEngine();
  } catch (e) {
    status.state("engine failed");
    status.error(`engine: ${e && e.message ? e.message : e}`);
    throw e;
  }
})();
