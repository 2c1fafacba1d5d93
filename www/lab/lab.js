// The flow lab: import a CTI Flow (or a flow set), see it drawn, validate it,
// run it against scripted bridge answers and follow the path it took.
//
// Everything runs in this page: the engine is the wasm facade built by
// scripts/build-wasm.sh into ../pkg/. Nothing a flow author wrote is ever
// parsed as HTML: every piece of flow data reaches the DOM via textContent
// or setAttribute.

const SVG_NS = 'http://www.w3.org/2000/svg';

/// The adapter's event sources and their events (crates/engine/src/event.rs,
/// `Source::display` and `Source::events`).
const VOICE_EVENTS = ['onInit', 'onIncoming', 'onPending', 'onConnecting', 'onAccepted',
  'onConnected', 'onMissed', 'onEnded', 'onRefresh', 'onDestroy'];
export const SOURCES = [
  ['Initialization', ['onInit']],
  ['Amazon Connect Agent', ['onInit', 'onRefresh', 'onStateChange', 'onRoutable',
    'onNotRoutable', 'onOffline', 'onError', 'onAfterCallWork']],
  ['Voice Contact', VOICE_EVENTS],
  ['Queue Callback Contact', VOICE_EVENTS],
  ['Chat Contact', [...VOICE_EVENTS, 'onMessageReceived', 'onMessageSent', 'onViewContact']],
  ['Task Contact', [...VOICE_EVENTS, 'onTransferInitiated', 'onTransferSucceeded',
    'onTransferFailed', 'onTaskExpiring', 'onTaskExpired']],
  ['Salesforce Agent', ['onStateChange', 'onLogout', 'onWorkAccepted', 'onWorkloadChanged']],
  ['Salesforce UI', ['onClickToDial', 'onNavigationChange', 'onHvsWorkStart']],
  ['Browser', ['onBeforeUnload']],
  ['CTI Action', ['onAction']],
];
const SOURCE_ALIASES = {
  initialization: 'Initialization', init: 'Initialization',
  amazonconnectagent: 'Amazon Connect Agent', connectagent: 'Amazon Connect Agent', agent: 'Amazon Connect Agent',
  voicecontact: 'Voice Contact', voice: 'Voice Contact',
  queuecallbackcontact: 'Queue Callback Contact', queuecallback: 'Queue Callback Contact',
  callbackcontact: 'Queue Callback Contact', callback: 'Queue Callback Contact',
  chatcontact: 'Chat Contact', chat: 'Chat Contact',
  taskcontact: 'Task Contact', task: 'Task Contact',
  salesforceagent: 'Salesforce Agent', sfagent: 'Salesforce Agent', omnichannel: 'Salesforce Agent',
  salesforceui: 'Salesforce UI', sfui: 'Salesforce UI', salesforce: 'Salesforce UI',
  browser: 'Browser', window: 'Browser',
  ctiaction: 'CTI Action', ctiactions: 'CTI Action',
};

const LIMITS = { maxSteps: 1000, runWindowMs: 30000 };

// ---------------------------------------------------------------- defaults

const ARN = 'arn:aws:connect:us-east-1:111122223333:instance/0d4f9d6e-1111-2222-3333-444455556666';
const QUEUE = { name: 'BasicQueue', queueARN: `${ARN}/queue/8f3e1c2a-aaaa-bbbb-cccc-ddddeeeeffff`, queueId: '8f3e1c2a-aaaa-bbbb-cccc-ddddeeeeffff' };
const T0 = 1767225600000; // 2026-01-01T00:00:00Z, the scripted host's clock start

function voiceContact(type = 'voice') {
  return {
    contactId: '7a1e0b52-3f4c-4c0e-9d1a-2b7c9f0e11aa',
    initialContactId: '7a1e0b52-3f4c-4c0e-9d1a-2b7c9f0e11aa',
    type,
    status: { type: 'connecting', timestamp: T0 },
    statusDuration: 1200,
    queue: QUEUE,
    queueTimestamp: T0 - 10000,
    attributes: {
      caseNumber: { name: 'caseNumber', value: '00001026' },
      customerEmail: { name: 'customerEmail', value: 'pat.customer@example.com' },
      language: { name: 'language', value: 'en-US' },
    },
    references: {},
    initiationMethod: type === 'queue_callback' ? 'callback' : 'inbound',
    isInbound: true,
    isSoftphoneCall: true,
    isConnected: false,
    isMonitor: false,
    rawPhoneNumber: '+15555550123',
    contactStartMs: T0,
  };
}

function chatContact() {
  return {
    contactId: '3c9d2f41-8b7a-4e21-a0c3-5d6e7f8091bb',
    initialContactId: '3c9d2f41-8b7a-4e21-a0c3-5d6e7f8091bb',
    type: 'chat',
    status: { type: 'connecting', timestamp: T0 },
    statusDuration: 800,
    queue: QUEUE,
    queueTimestamp: T0 - 5000,
    attributes: {
      customerName: { name: 'customerName', value: 'Pat Customer' },
      emailAddress: { name: 'emailAddress', value: 'pat.customer@example.com' },
    },
    references: {},
    initiationMethod: 'api',
    isInbound: true,
    isSoftphoneCall: false,
    isConnected: false,
    isMonitor: false,
    contactStartMs: T0,
  };
}

function taskContact() {
  return {
    contactId: '5e0a7b13-2c4d-4f6e-8a9b-0c1d2e3f4a5b',
    initialContactId: '5e0a7b13-2c4d-4f6e-8a9b-0c1d2e3f4a5b',
    type: 'task',
    status: { type: 'connecting', timestamp: T0 },
    statusDuration: 500,
    queue: QUEUE,
    queueTimestamp: T0 - 3000,
    attributes: {},
    references: { Case: { type: 'URL', value: 'https://example.my.salesforce.com/500xx000000001' } },
    name: 'Follow up with Pat Customer',
    description: 'Call back about case 00001026',
    initiationMethod: 'api',
    isInbound: true,
    isSoftphoneCall: false,
    isConnected: false,
    isMonitor: false,
    contactStartMs: T0,
  };
}

function agentSnapshot() {
  const state = (name, type, id) => ({ agentStateARN: `${ARN}/agent-state/${id}`, type, name });
  return {
    name: 'Jane Agent',
    username: 'jane.agent',
    extension: '+15555550100',
    softphoneEnabled: true,
    dialableCountries: ['us', 'ca'],
    permissions: ['outboundCall'],
    agentARN: `${ARN}/agent/5b2c7e10-1234-4abc-9def-0123456789ab`,
    routingProfile: {
      name: 'Basic Routing Profile',
      routingProfileARN: `${ARN}/routing-profile/rp1`,
      defaultOutboundQueue: { name: QUEUE.name, queueARN: QUEUE.queueARN },
      queues: [],
    },
    agentStates: [
      state('Available', 'routable', 'available'),
      state('Offline', 'offline', 'offline'),
      state('Lunch', 'not_routable', 'lunch'),
    ],
    state: { ...state('Available', 'routable', 'available'), startTimestamp: T0 - 600000 },
    availabilityState: { state: 'Available', type: 'routable', timeStamp: T0 - 600000 },
  };
}

/// The default payload, contact and agent for a (source, event).
export function defaultsFor(source, event) {
  let contact = null;
  if (source === 'Voice Contact') contact = voiceContact();
  else if (source === 'Queue Callback Contact') contact = voiceContact('queue_callback');
  else if (source === 'Chat Contact') contact = chatContact();
  else if (source === 'Task Contact') contact = taskContact();
  let payload = {};
  if (event === 'onClickToDial') {
    payload = { number: '555-555-0123', recordId: '0035g00000XyZ12AAB', recordName: 'Pat Customer', objectType: 'Contact' };
  } else if (event === 'onNavigationChange') {
    payload = { url: 'https://example.lightning.force.com/lightning/r/Contact/0035g00000XyZ12AAB/view', recordId: '0035g00000XyZ12AAB', recordName: 'Pat Customer', objectType: 'Contact' };
  } else if (event === 'onHvsWorkStart') {
    payload = { workId: '0Z1xx0000000001', attributes: { recordId: '00Qxx0000001abc' } };
  } else if (source === 'Amazon Connect Agent' && event === 'onStateChange') {
    payload = { oldState: 'Offline', newState: 'Available' };
  } else if (event === 'onMessageReceived' || event === 'onMessageSent') {
    payload = { data: { ContentType: 'text/plain', Content: 'Hello, I need help with my order', ParticipantRole: 'CUSTOMER' } };
  } else if (source === 'CTI Action') {
    payload = { label: 'Create case' };
  }
  return { payload, contact, agent: agentSnapshot() };
}

/// The answers the lab starts with: a Salesforce org where the caller
/// +1 555-555-0123 is the Contact Pat Customer (account Acme).
export const SAMPLE_ORG_ANSWERS = {
  'salesforceData.search': { ok: [{ attributes: { type: 'Contact' }, Id: '0035g00000XyZ12AAB', Name: 'Pat Customer', Phone: '(555) 555-0123' }] },
  'salesforceData.retrieve': { ok: { attributes: { type: 'Contact' }, Id: '0035g00000XyZ12AAB', AccountId: '0015g00000AbC34AAB' } },
  'salesforceData.saveLog': { ok: { recordId: '00T5g00000TaSk1AAB' } },
  'salesforceUi.searchAndScreenPop': { ok: { '0035g00000XyZ12AAB': { Id: '0035g00000XyZ12AAB', Name: 'Pat Customer', RecordType: 'Contact' } } },
};

const ANSWERS_EXAMPLE = {
  'salesforceUi.searchAndScreenPop': { ok: { '0035g00000XyZ12AAB': { Id: '0035g00000XyZ12AAB', Name: 'Pat Customer', RecordType: 'Contact' } } },
  'salesforceData.search': { error: { code: 'INVALID_SEARCH', message: 'search term must be longer than one character' } },
  'agent.connect': { sequence: [{ error: { code: 'BUSY', message: 'line busy' } }, { ok: null }] },
};

// ---------------------------------------------------------------- helpers

/// An HTML element; children are nodes or strings (set as text, never HTML).
function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

/// An SVG element (attributes set with setAttribute, text with textContent).
function s(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null) e.setAttribute(k, String(v));
  }
  if (text !== undefined) e.textContent = text;
  return e;
}

const $ = (id) => document.getElementById(id);

/// Counts loads and runs on <body data-loads data-runs> (tests wait on them).
function bump(key) {
  document.body.dataset[key] = String(Number(document.body.dataset[key] || 0) + 1);
}

function pretty(v) {
  if (v === undefined) return 'undefined';
  try { return JSON.stringify(v, null, 2); } catch { return String(v); }
}

function norm(str) {
  return String(str).toLowerCase().replace(/[^a-z0-9]/g, '');
}

/// Reads `Voice Contact/onConnecting`, `VoiceContact.onConnecting`,
/// `Salesforce UI onClickToDial` (flows name themselves this way).
export function parseEventName(name) {
  if (typeof name !== 'string') return null;
  const str = name.trim();
  for (let i = str.length - 1; i > 0; i--) {
    if ('/. :'.includes(str[i])) {
      const src = SOURCE_ALIASES[norm(str.slice(0, i))];
      const ev = str.slice(i + 1).trim();
      if (!src || ev.length <= 2 || ev.slice(0, 2).toLowerCase() !== 'on') continue;
      const events = SOURCES.find(([n]) => n === src)[1];
      const canon = events.find((e) => e.toLowerCase() === ev.toLowerCase());
      if (canon) return { source: src, event: canon };
    }
  }
  return null;
}

// ---------------------------------------------------------------- state

const state = {
  engine: null,
  Engine: null,
  catalog: new Map(), // type → spec
  flowText: null,
  origin: null,
  validation: null,
  report: null,
  steps: [], // {entry, calls, notes}
  selected: null,
  view: { x: 0, y: 0, k: 1 },
  layout: null, // {nodes: Map id → {x,y,w,h,...}, bounds}
  set: null, // {entries: [{file, source, event, active}], files: {name: text}}
  lastDefaults: {},
};

// ---------------------------------------------------------------- engine

async function loadEngine() {
  const status = $('engine-status');
  try {
    const mod = await import('../pkg/ctiflow_wasm.js');
    await mod.default();
    state.Engine = mod.Engine;
    state.engine = new mod.Engine({ limits: LIMITS });
    try {
      for (const spec of mod.Engine.catalog() || []) state.catalog.set(spec.type, spec);
    } catch (e) {
      console.warn('catalog unavailable', e);
    }
    status.textContent = `Engine ready · ${state.catalog.size} blocks`;
    status.className = 'engine-status ok';
    document.body.dataset.engine = 'ready';
    if (state.flowText !== null) loadFlow(state.flowText, state.origin);
  } catch (e) {
    status.textContent = 'Engine not available: build it with scripts/build-wasm.sh';
    status.title = String(e && e.message ? e.message : e);
    status.className = 'engine-status err';
    document.body.dataset.engine = 'missing';
  }
}

// ---------------------------------------------------------------- import

async function importFiles(fileList) {
  const files = [...fileList];
  if (files.length === 0) return;
  const read = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
  let setFile = null;
  for (const f of read) {
    try {
      const v = JSON.parse(f.text);
      if (v && Array.isArray(v.flows) && !Array.isArray(v.actions)) { setFile = f; break; }
    } catch { /* not JSON: validation of the flow reports it */ }
  }
  if (setFile) {
    importSet(setFile, read.filter((f) => f !== setFile));
  } else if (read.length > 1) {
    importLoose(read);
  } else {
    state.set = null;
    $('flow-picker-wrap').hidden = true;
    loadFlow(read[0].text, read[0].name);
  }
}

/// Several flow files without a set: each is offered in the picker, its
/// event read from its name like a single import.
function importLoose(read) {
  const files = {};
  const entries = [];
  for (const f of read) {
    if (files[f.name] !== undefined) continue;
    files[f.name] = f.text;
    entries.push({ file: f.name, base: f.name, source: '', event: '', active: true });
  }
  state.set = { entries, files, diagnostics: [], loose: true };
  fillPicker(entries, files, `${entries.length} flow files (no flow set)`);
  $('flow-picker').value = '0';
  pickSetEntry(0);
}

/// The author's words for a set file the import did not include (the
/// engine's API wording names loadFlowSet).
function setDiagnostic(d, missing) {
  const msg = String(d.message || '');
  if (!/not among the files given/.test(msg)) return d;
  const file = missing.find((f) => msg.includes(f) || d.flow === f) || d.flow || 'a file';
  return { ...d, code: d.code || 'file-not-imported', message: `file ${file} is named by the set but was not imported; import it with the set (select the set and its flow files together)` };
}

function fillPicker(entries, files, label) {
  const picker = $('flow-picker');
  picker.replaceChildren();
  entries.forEach((e, i) => {
    const missing = files[e.file] === undefined;
    const ev = e.source || e.event ? ` — ${e.source}/${e.event}` : '';
    picker.append(h('option', {
      value: String(i),
      text: `${e.file}${ev}${e.active ? '' : ' (inactive)'}${missing ? ' (not imported)' : ''}`,
    }));
  });
  $('flow-picker-label').textContent = label;
  $('flow-picker-wrap').hidden = entries.length === 0;
}

function importSet(setFile, others) {
  const files = {};
  for (const f of others) files[f.name] = f.text;
  let entries = [];
  try {
    const v = JSON.parse(setFile.text);
    entries = v.flows.filter((e) => e && typeof e.file === 'string').map((e) => ({
      file: e.file,
      base: e.file.split('/').pop(),
      source: typeof e.source === 'string' ? e.source : '',
      event: typeof e.event === 'string' ? e.event : '',
      active: e.active !== false,
    }));
  } catch { /* handled by the engine's diagnostics below */ }
  // The set names files by path; the picker gives base names.
  const byPath = {};
  for (const e of entries) {
    if (files[e.file] !== undefined) byPath[e.file] = files[e.file];
    else if (files[e.base] !== undefined) byPath[e.file] = files[e.base];
  }
  const missing = entries.filter((e) => byPath[e.file] === undefined).map((e) => e.file);
  state.set = { entries, files: byPath, diagnostics: [], name: setFile.name };
  if (state.engine) {
    try {
      const r = state.engine.loadFlowSet(setFile.text, byPath);
      state.set.diagnostics = ((r && r.diagnostics) || []).map((d) => setDiagnostic(d, missing));
    } catch (e) {
      state.set.diagnostics = [{ severity: 'error', code: 'bad-flow-set', flow: setFile.name, message: String(e.message || e) }];
    }
  }
  fillPicker(entries, byPath, `Flow of ${setFile.name}`);
  const first = entries.findIndex((e) => byPath[e.file] !== undefined);
  if (first >= 0) {
    $('flow-picker').value = String(first);
    pickSetEntry(first);
  } else {
    // Nothing of the previous flow may stay live: clear the graph, the
    // run and the Run button.
    clearFlow();
    state.flowText = null;
    state.origin = setFile.name;
    const diags = state.set.diagnostics.length ? state.set.diagnostics : [];
    if (entries.length && !diags.some((d) => /not imported/.test(d.message))) {
      for (const f of missing) diags.push({ severity: 'error', code: 'file-not-imported', flow: f, message: `file ${f} is named by the set but was not imported; import it with the set (select the set and its flow files together)` });
    }
    renderDiagnostics(diags);
    $('flow-name').textContent = `${setFile.name}: no flow files imported with the set`;
    $('drop-hint').hidden = false;
    bump('loads');
  }
}

function pickSetEntry(i) {
  const e = state.set && state.set.entries[i];
  if (!e) return;
  const text = state.set.files[e.file];
  if (text === undefined) {
    clearFlow();
    state.flowText = null;
    renderDiagnostics(state.set.diagnostics.filter((d) => !d.flow || d.flow === e.file));
    $('flow-name').textContent = `${e.file}: not imported; import it together with the flow set`;
    bump('loads');
    return;
  }
  loadFlow(text, e.file);
  const key = parseEventName(`${e.source}/${e.event}`);
  if (key) {
    setEvent(key.source, key.event);
    eventNote(`event from the flow set: ${key.source}/${key.event}`, true);
  }
}

// ---------------------------------------------------------------- flow

/// Forgets the last run, its selection and its messages; a run still going
/// (a busy flow yields to the page) is cancelled, and its result dropped.
function clearRun() {
  // The run going, if any, is cancelled: its result is dropped (runFlow).
  if (state.runAbort) state.runAbort.abort();
  state.runAbort = null;
  if (document.body.dataset.run === 'running') delete document.body.dataset.run;
  state.report = null;
  state.steps = [];
  state.selected = null;
  state.selectedStep = undefined;
  $('run-error').hidden = true;
  $('run-error').textContent = '';
  showUnusedAnswers([]);
}

/// Forgets the drawn flow, its validation and its run.
function clearFlow() {
  state.validation = null;
  state.layout = null;
  clearRun();
  $('run').disabled = true;
  document.body.dataset.flow = 'none';
  eventNote('', true);
  renderGraph();
  renderTrace();
  renderDetail();
  fillAnswerKeys();
}

function eventNote(text, ok) {
  const el = $('event-note');
  el.textContent = text;
  el.className = `event-note${ok ? ' ok' : ''}`;
}

/// A graph of what can be read when the engine could not load the file
/// (a null among the actions, a numeric name): every object action, with
/// the catalog's facts, so the author still sees the flow.
function looseGraph(text, origin) {
  let v;
  try { v = JSON.parse(text); } catch { return null; }
  if (!v || typeof v !== 'object' || !Array.isArray(v.actions)) return null;
  const scalar = (x) => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : null);
  const acts = [];
  v.actions.forEach((a, index) => {
    if (!a || typeof a !== 'object' || Array.isArray(a)) return;
    const type = typeof a.type === 'string' ? a.type : '';
    const spec = state.catalog.get(type);
    const ports = {};
    if (a.ports && typeof a.ports === 'object' && !Array.isArray(a.ports)) {
      for (const [k, t] of Object.entries(a.ports)) if (scalar(t) !== null) ports[k] = scalar(t);
    }
    const pos = Array.isArray(a.position) && a.position.length === 2 && a.position.every(Number.isFinite) ? a.position : null;
    acts.push({
      id: scalar(a.id) ?? '',
      type,
      title: a.meta && typeof a.meta.title === 'string' ? a.meta.title : null,
      position: pos,
      ports,
      controls: a.controls && typeof a.controls === 'object' ? a.controls : {},
      known: !!spec,
      blockName: spec ? spec.name : null,
      outcomes: spec && Array.isArray(spec.ports) ? spec.ports.map(String) : [],
      index,
    });
  });
  return acts.length ? { name: typeof v.name === 'string' ? v.name : origin, actions: acts } : null;
}

function loadFlow(text, origin) {
  state.flowText = text;
  state.origin = origin;
  clearRun();
  $('drop-hint').hidden = true;
  if (!state.engine) {
    $('flow-name').textContent = `${origin} (waiting for the engine)`;
    return;
  }
  let v;
  try {
    v = state.engine.validate(text, origin);
  } catch (e) {
    v = { ok: false, diagnostics: [{ severity: 'error', code: 'load', flow: origin, message: String(e.message || e) }], graph: { name: origin, actions: [] } };
  }
  if (!v.graph || !Array.isArray(v.graph.actions) || v.graph.actions.length === 0) {
    const loose = looseGraph(text, origin);
    if (loose) v = { ...v, graph: loose };
  }
  state.validation = v;
  const name = (v.graph && v.graph.name) || origin;
  $('flow-name').replaceChildren(h('span', { class: 'flow-title', text: name }));
  if (name !== origin) $('flow-name').append(h('span', { class: 'hint', text: ` ${origin}` }));
  const fromSet = state.set && !state.set.loose;
  const key = parseEventName(name) || parseEventName(origin);
  if (!fromSet) {
    if (key) {
      setEvent(key.source, key.event);
      eventNote(`event from the flow's name: ${key.source}/${key.event}`, true);
    } else {
      eventNote('event not named in the file: pick one', false);
    }
  }
  const diags = [...(state.set ? state.set.diagnostics.filter((d) => d.severity === 'error' && (!d.flow || d.flow === origin)) : []), ...(v.diagnostics || [])];
  renderDiagnostics(diags);
  layoutGraph();
  renderGraph();
  fitView();
  renderTrace();
  renderDetail();
  fillAnswerKeys();
  $('run').disabled = !v.ok;
  document.body.dataset.flow = v.ok ? 'valid' : 'invalid';
  bump('loads');
}

function actions() {
  return (state.validation && state.validation.graph && state.validation.graph.actions) || [];
}

/// The action a step or an edge names (ids are unique in a flow that runs;
/// otherwise the first action with the id).
function actionById(id) {
  return actions().find((a) => a.id === id);
}

/// How diagnostics name an action: its id, or `#n` (1-based) without one.
function refOf(a, i) {
  return a.id !== '' && a.id !== undefined && a.id !== null ? String(a.id) : `#${(a.index ?? i) + 1}`;
}

function nodeAt(i) {
  return (state.layout && i !== null && i !== undefined && state.layout.nodes[i]) || null;
}

/// The first drawn block an id (or a diagnostic's `#n`) names.
function nodeIndexOf(ref) {
  if (!state.layout || ref === null || ref === undefined) return null;
  const n = state.layout.nodes.find((x) => x.ref === String(ref));
  return n ? n.i : null;
}

function displayName(a) {
  if (a.title) return a.title;
  if (a.blockName) return a.blockName;
  const spec = state.catalog.get(a.type);
  if (spec && spec.name) return spec.name;
  return a.type || '(no type)';
}

// ---------------------------------------------------------------- diagnostics

function renderDiagnostics(diags) {
  state.diagnostics = diags;
  const list = $('diagnostics');
  list.replaceChildren();
  const errors = diags.filter((d) => d.severity === 'error').length;
  const warnings = diags.length - errors;
  const summary = $('diag-summary');
  if (diags.length === 0) {
    summary.textContent = state.flowText === null ? '' : 'no problems';
    summary.className = 'chip ok';
  } else {
    summary.textContent = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    summary.className = errors ? 'chip err' : 'chip warn';
  }
  for (const d of diags) {
    const where = [d.action !== undefined && d.action !== null ? `action ${d.action}` : null, d.blockType, d.control ? `control ${d.control}` : null, d.line ? `line ${d.line}:${d.column || 1}` : null].filter(Boolean).join(' · ');
    const li = h('li', {
      class: `diag ${d.severity === 'error' ? 'err' : 'warn'}${d.action ? ' clickable' : ''}`,
      'data-action': d.action ?? undefined,
      'data-severity': d.severity,
      tabindex: d.action ? '0' : undefined,
    },
    h('span', { class: 'sev', text: d.severity === 'error' ? 'error' : 'warning' }),
    h('span', { class: 'code', text: d.code || '' }),
    h('span', { class: 'msg', text: d.message || '' }),
    where ? h('span', { class: 'where', text: where }) : null);
    if (d.action) {
      const go = () => { const i = nodeIndexOf(d.action); if (i !== null) select(i, true); };
      li.addEventListener('click', go);
      li.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') go(); });
    }
    list.append(li);
  }
}

/// The diagnostics about a drawn block (by id, or `#n` for one without).
function diagnosticsFor(node) {
  return (state.diagnostics || []).filter((d) => d.action !== undefined && d.action !== null && String(d.action) === node.ref);
}

// ---------------------------------------------------------------- layout

const NODE_W = 172;
const SMALL_W = 118; // Start and End
const HEAD_H = 50;
const PORT_H = 20;
const GAP_X = 34; // free room between boxes side by side
const GAP_Y = 22; // and one above the other
const TITLE_PX = 13; // .node .title font size (lab.css)
/// The least zoom the first view uses: block titles at 11 px or more.
const READABLE_K = 11.1 / TITLE_PX;

function portsOf(a) {
  const names = [...(a.outcomes || [])];
  for (const k of Object.keys(a.ports || {})) if (!names.includes(k)) names.push(k);
  return names;
}

/// Moves boxes together along one axis, keeping their order: two boxes
/// that share rows (columns) stay a box and a gap apart, others keep
/// `keep` of the distance the file gives them. Wide, flat exports (the
/// editor's boxes are smaller than ours) then use the canvas.
function compact(pos, size, axis, gap, gapOther, keep) {
  const o = 1 - axis;
  const order = pos.map((_, i) => i).sort((a, b) => pos[a][axis] - pos[b][axis] || a - b);
  const out = new Array(pos.length);
  const base = order.length ? pos[order[0]][axis] : 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    let v = base;
    for (let m = 0; m < k; m++) {
      const j = order[m];
      const d = pos[i][axis] - pos[j][axis];
      const overlap = pos[i][o] < pos[j][o] + size[j][o] + gapOther && pos[j][o] < pos[i][o] + size[i][o] + gapOther;
      v = Math.max(v, out[j] + (overlap ? Math.max(size[j][axis] + gap, keep * d) : keep * d));
    }
    out[i] = v;
  }
  return out;
}

function layoutGraph() {
  const acts = actions();
  const count = acts.length;
  // Edges follow the first action with an id (the engine refuses
  // duplicates; every action is still drawn, keyed by its index).
  const byId = new Map();
  acts.forEach((a, i) => { if (a.id !== '' && !byId.has(String(a.id))) byId.set(String(a.id), i); });
  // Missing positions: lay out by depth from the start block.
  const depth = new Map();
  const si = acts.findIndex((a) => a.type === 'SE_Start');
  const start = si >= 0 ? si : (count ? 0 : -1);
  if (start >= 0) {
    const queue = [[start, 0]];
    for (let q = 0; q < queue.length; q++) {
      const [i, d] = queue[q];
      if (depth.has(i)) continue;
      depth.set(i, d);
      for (const t of Object.values(acts[i].ports || {})) {
        const j = byId.get(String(t));
        if (j !== undefined && !depth.has(j)) queue.push([j, d + 1]);
      }
    }
  }
  const perDepth = new Map();
  const clampPos = (v) => Math.max(-1e5, Math.min(1e5, v));
  const raw = acts.map((a, i) => {
    if (Array.isArray(a.position) && a.position.length === 2 && a.position.every(Number.isFinite)) {
      return [clampPos(a.position[0]), clampPos(a.position[1])];
    }
    const d = depth.has(i) ? depth.get(i) : 0;
    const row = perDepth.get(d) || 0;
    perDepth.set(d, row + 1);
    return [d * (NODE_W + 80), row * 150 + (depth.has(i) ? 0 : 600)];
  });
  const heights = acts.map((a) => HEAD_H + Math.max(1, portsOf(a).length) * PORT_H + 8);
  const widths = acts.map((a) => (a.type === 'SE_Start' || a.type === 'SE_End' ? SMALL_W : NODE_W));
  // Editor positions assume other box sizes. Scale x and y (separately)
  // so that no two boxes overlap and the flow, fitted to the canvas, draws
  // as large as it can; distortion of the author's layout costs a little.
  // (Quadratic: big flows skip it; compaction below keeps them apart.)
  let best = { score: -1, sx: 1, sy: 1 };
  if (count <= 300) {
    const pairs = [];
    for (let i = 0; i < raw.length; i++) {
      for (let j = i + 1; j < raw.length; j++) {
        const [l] = raw[i][0] <= raw[j][0] ? [i, j] : [j, i];
        const [u] = raw[i][1] <= raw[j][1] ? [i, j] : [j, i];
        pairs.push({ dx: Math.abs(raw[i][0] - raw[j][0]), dy: Math.abs(raw[i][1] - raw[j][1]), needX: widths[l] + GAP_X, needY: heights[u] + GAP_Y });
      }
    }
    const xs = raw.map((p) => p[0]);
    const ys = raw.map((p) => p[1]);
    const spanX = raw.length ? Math.max(...xs) - Math.min(...xs) : 0;
    const spanY = raw.length ? Math.max(...ys) - Math.min(...ys) : 0;
    const svgEl = $('graph');
    const W = svgEl.clientWidth || 900;
    const H = svgEl.clientHeight || 600;
    for (let sx = 0.3; sx <= 2.5001; sx += 0.05) {
      let sy = 0.3;
      for (const p of pairs) {
        if (p.dx * sx >= p.needX) continue;
        sy = Math.max(sy, p.dy > 0 ? p.needY / p.dy : Infinity);
      }
      if (!(sy <= 3)) continue;
      const k = Math.min(1.25, (W - 80) / (spanX * sx + NODE_W + 40), (H - 80) / (spanY * sy + 150));
      const score = k * (1 - 0.15 * Math.abs(Math.log(sx / sy)));
      if (score > best.score) best = { score, sx, sy };
    }
  }
  const scaled = raw.map(([x, y]) => [x * best.sx, y * best.sy]);
  const size = acts.map((_, i) => [widths[i], heights[i]]);
  const cx = compact(scaled, size, 0, GAP_X, GAP_Y, 0.4);
  const placedX = scaled.map((p, i) => [cx[i], p[1]]);
  const cy = compact(placedX, size, 1, GAP_Y, GAP_X, 0.4);
  const nodes = acts.map((a, i) => ({
    i,
    ref: refOf(a, i),
    x: cx[i],
    y: cy[i],
    w: widths[i],
    h: heights[i],
    ports: portsOf(a),
    action: a,
  }));
  let bounds = null;
  for (const n of nodes) {
    if (!bounds) bounds = { x0: n.x, y0: n.y, x1: n.x + n.w, y1: n.y + n.h };
    bounds.x0 = Math.min(bounds.x0, n.x); bounds.y0 = Math.min(bounds.y0, n.y);
    bounds.x1 = Math.max(bounds.x1, n.x + n.w); bounds.y1 = Math.max(bounds.y1, n.y + n.h);
  }
  state.layout = { nodes, byId, bounds, start: start >= 0 ? start : null };
}

function outPoint(n, i) {
  return [n.x + n.w, n.y + HEAD_H + i * PORT_H + PORT_H / 2];
}

function inPoint(n) {
  return [n.x, n.y + 24];
}

// ---------------------------------------------------------------- edge routing

/// Whether the segment (ax,ay)-(bx,by), horizontal or vertical, or any
/// segment when `sampled`, crosses the box grown by `m`.
function segmentHits(ax, ay, bx, by, n, m) {
  const x0 = n.x - m; const x1 = n.x + n.w + m;
  const y0 = n.y - m; const y1 = n.y + n.h + m;
  if (Math.max(ax, bx) < x0 || Math.min(ax, bx) > x1 || Math.max(ay, by) < y0 || Math.min(ay, by) > y1) return false;
  if (ax === bx || ay === by) return true;
  // Diagonal (sampled curves): test a few points along it.
  for (let t = 0; t <= 1; t += 0.125) {
    const x = ax + (bx - ax) * t; const y = ay + (by - ay) * t;
    if (x >= x0 && x <= x1 && y >= y0 && y <= y1) return true;
  }
  return false;
}

function polyHits(pts, boxes, m) {
  let hits = 0;
  for (const b of boxes) {
    for (let k = 1; k < pts.length; k++) {
      if (segmentHits(pts[k - 1][0], pts[k - 1][1], pts[k][0], pts[k][1], b, m)) { hits++; break; }
    }
  }
  return hits;
}

function polyLength(pts) {
  let len = 0;
  for (let k = 1; k < pts.length; k++) len += Math.abs(pts[k][0] - pts[k - 1][0]) + Math.abs(pts[k][1] - pts[k - 1][1]);
  return len;
}

function bezierPoints(x1, y1, x2, y2, d) {
  const pts = [];
  const c = [[x1, y1], [x1 + d, y1], [x2 - d, y2], [x2, y2]];
  for (let k = 0; k <= 20; k++) {
    const t = k / 20; const u = 1 - t;
    const f = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
    pts.push([f[0] * c[0][0] + f[1] * c[1][0] + f[2] * c[2][0] + f[3] * c[3][0], f[0] * c[0][1] + f[1] * c[1][1] + f[2] * c[2][1] + f[3] * c[3][1]]);
  }
  return pts;
}

/// An orthogonal polyline as a path with rounded corners.
function roundedPath(pts, r) {
  const p = [];
  for (const q of pts) {
    const last = p[p.length - 1];
    if (last && Math.abs(last[0] - q[0]) < 0.01 && Math.abs(last[1] - q[1]) < 0.01) continue;
    p.push(q);
  }
  // Drop middle points of straight runs.
  for (let k = p.length - 2; k > 0; k--) {
    const [a, b, c] = [p[k - 1], p[k], p[k + 1]];
    if ((a[0] === b[0] && b[0] === c[0]) || (a[1] === b[1] && b[1] === c[1])) p.splice(k, 1);
  }
  let d = `M${p[0][0]},${p[0][1]}`;
  for (let k = 1; k < p.length - 1; k++) {
    const [a, b, c] = [p[k - 1], p[k], p[k + 1]];
    const r1 = Math.min(r, Math.hypot(b[0] - a[0], b[1] - a[1]) / 2, Math.hypot(c[0] - b[0], c[1] - b[1]) / 2);
    const ux = Math.sign(b[0] - a[0]); const uy = Math.sign(b[1] - a[1]);
    const vx = Math.sign(c[0] - b[0]); const vy = Math.sign(c[1] - b[1]);
    d += ` L${b[0] - ux * r1},${b[1] - uy * r1} Q${b[0]},${b[1]} ${b[0] + vx * r1},${b[1] + vy * r1}`;
  }
  const e = p[p.length - 1];
  return `${d} L${e[0]},${e[1]}`;
}

/// Routes edges around the blocks: a forward edge is a curve when the curve
/// crosses no other block; otherwise, and for every back edge (a loop), an
/// orthogonal path through the free row above or below the blocks in its
/// way. Channels already used are avoided, so parallel edges stay apart.
function makeRouter(nodes) {
  const channels = []; // [y, xa, xb]
  const stub = 14;
  return (from, portIndex, to) => {
    const [x1, y1] = outPoint(from, portIndex);
    const [x2, y2] = inPoint(to);
    const near = (x0, x1b, y0, y1b) => nodes.filter((n) => n.x <= x1b && n.x + n.w >= x0 && n.y <= y1b && n.y + n.h >= y0);
    if (x2 >= x1 + 8) {
      const d = Math.max(40, (x2 - x1) / 2);
      const pts = bezierPoints(x1, y1, x2 - 2, y2, d);
      const others = near(x1 - 40, x2 + 40, Math.min(y1, y2) - 20, Math.max(y1, y2) + 20).filter((n) => n !== from && n !== to);
      // The ends touch their own boxes; the middle of the curve must not.
      if (polyHits(pts, others, 4) === 0 && polyHits(pts.slice(3, -3), [from, to], -2) === 0) {
        return { d: `M${x1},${y1} C${x1 + d},${y1} ${x2 - d},${y2} ${x2 - 2},${y2}`, pts };
      }
    }
    const lane = (portIndex % 3) * 4;
    const xa = x1 + stub + lane;
    const xb = x2 - stub - lane;
    const lo = Math.min(xa, xb) - 8; const hi = Math.max(xa, xb) + 8;
    const inWay = nodes.filter((n) => n.x <= hi && n.x + n.w >= lo);
    const ys = new Set([y1, y2]);
    for (const n of inWay) {
      if (n !== from && n !== to && !(n.y - 40 < Math.max(y1, y2) + 300 && n.y + n.h + 40 > Math.min(y1, y2) - 300)) continue;
      for (const off of [0, 7, 14]) { ys.add(n.y - 14 - off); ys.add(n.y + n.h + 14 + off); }
    }
    let best = null;
    for (const yc of ys) {
      const pts = [[x1, y1], [xa, y1], [xa, yc], [xb, yc], [xb, y2], [x2 - 2, y2]];
      const middle = pts.slice(1, 5);
      const hits = polyHits(middle, inWay, 3);
      const shared = channels.filter(([cy, a, b]) => Math.abs(cy - yc) < 4 && Math.min(b, Math.max(xa, xb)) > Math.max(a, Math.min(xa, xb))).length;
      const cost = hits * 1e6 + shared * 400 + polyLength(pts);
      if (!best || cost < best.cost) best = { cost, pts, yc };
    }
    channels.push([best.yc, Math.min(xa, xb), Math.max(xa, xb)]);
    return { d: roundedPath(best.pts, 8), pts: best.pts };
  };
}

// ---------------------------------------------------------------- text fitting

let measureCtx = null;
/// `text` cut with an ellipsis to fit `maxW` px in `font` (measured, not
/// counted in characters).
function fitText(text, font, maxW) {
  const t = String(text);
  if (!measureCtx) measureCtx = document.createElement('canvas').getContext('2d');
  measureCtx.font = font;
  if (measureCtx.measureText(t).width <= maxW) return t;
  const chars = Array.from(t);
  let lo = 0; let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measureCtx.measureText(`${chars.slice(0, mid).join('')}…`).width <= maxW) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}

function fonts() {
  const css = getComputedStyle(document.documentElement);
  const sans = css.getPropertyValue('--sans').trim() || 'sans-serif';
  const mono = css.getPropertyValue('--mono').trim() || 'monospace';
  return {
    title: `650 ${TITLE_PX}px ${sans}`,
    type: `10.5px ${mono}`,
    id: `10px ${mono}`,
    port: `11px ${sans}`,
    dangling: `600 11px ${mono}`,
  };
}

// ---------------------------------------------------------------- graph

function renderGraph() {
  const vp = $('viewport');
  vp.replaceChildren();
  if (!state.layout) return;
  const { nodes, byId } = state.layout;
  const run = runFacts();
  const f = fonts();
  const edges = s('g', { class: 'edges' });
  const boxes = s('g', { class: 'nodes' });
  const labels = s('g', { class: 'labels' });
  vp.append(edges, boxes, labels);
  const route = makeRouter(nodes);

  for (const n of nodes) {
    const a = n.action;
    n.ports.forEach((port, i) => {
      const target = a.ports ? a.ports[port] : undefined;
      if (target === undefined) return;
      const [x1, y1] = outPoint(n, i);
      const ti = byId.get(String(target));
      const t = ti === undefined ? null : nodes[ti];
      const taken = run.edges.has(`${a.id}\u0000${port}`);
      if (!t) {
        edges.append(s('path', { d: `M${x1},${y1} h28`, class: 'edge dangling', 'data-from': n.ref, 'data-port': port }));
        // On top of the blocks, with a backing, so the next block cannot
        // hide it.
        const text = `→ ${fitText(target, f.dangling, 160)}?`;
        const w = fitTextWidth(text, f.dangling) + 10;
        const lab = s('g', { class: 'dangling', 'data-from': n.ref, 'data-port': port });
        lab.append(s('rect', { class: 'dangling-label-bg', x: x1 + 30, y: y1 - 9, width: w, height: 18, rx: 4 }));
        const q = s('text', { x: x1 + 35, y: y1 + 4, class: 'dangling-label' }, text);
        lab.append(q);
        lab.append(s('title', {}, `port ${port} points to ${target}, which is not an action of this flow`));
        labels.append(lab);
        return;
      }
      const r = route(n, i, t);
      const path = s('path', {
        d: r.d,
        class: `edge${taken ? ' taken' : ''}`,
        'marker-end': taken ? 'url(#arrow-taken)' : 'url(#arrow)',
        'data-from': n.ref,
        'data-port': port,
        'data-to': t.ref,
        'data-from-index': n.i,
        'data-to-index': t.i,
        'data-points': r.pts.map((p) => `${Math.round(p[0])},${Math.round(p[1])}`).join(' '),
      });
      path.append(s('title', {}, `${displayName(a)} —${port}→ ${displayName(t.action)}`));
      edges.append(path);
    });
  }
  // Taken edges on top of the others.
  for (const p of [...edges.querySelectorAll('.edge.taken')]) edges.append(p);

  for (const n of nodes) boxes.append(drawNode(n, run, f));
}

function fitTextWidth(text, font) {
  if (!measureCtx) measureCtx = document.createElement('canvas').getContext('2d');
  measureCtx.font = font;
  return measureCtx.measureText(text).width;
}

function drawNode(n, run, f) {
  const a = n.action;
  const visits = run.visits.get(a.id) || [];
  const diags = diagnosticsFor(n);
  const errs = diags.filter((d) => d.severity === 'error').length;
  const cls = ['node'];
  if (!a.known) cls.push('unknown');
  if (visits.length) cls.push('visited');
  if (run.failed !== null && run.failed === a.id) cls.push('failed');
  else if (run.failureOutcome.has(a.id)) cls.push('took-failure');
  if (a.type === 'SE_Start') cls.push('start');
  if (a.type === 'SE_End') cls.push('end');
  if (state.selected === n.i) cls.push('selected');
  const g = s('g', { class: cls.join(' '), transform: `translate(${n.x},${n.y})`, 'data-action': n.ref, 'data-index': n.i, 'data-type': a.type, tabindex: '0' });
  const name = displayName(a);
  g.append(s('title', {}, `${name}\n${a.type || '(no type)'} · ${a.id !== '' ? `id ${a.id}` : `action ${n.ref}, no id`}${a.known ? '' : '\n(unknown block type)'}`));
  g.append(s('rect', { class: 'box', width: n.w, height: n.h, rx: 8 }));
  g.append(s('rect', { class: 'head', width: n.w, height: HEAD_H - 8, rx: 8 }));
  g.append(s('rect', { class: 'head-fill', y: HEAD_H - 18, width: n.w, height: 10 }));
  const title = s('text', { class: 'title', x: 10, y: 20 }, fitText(name, f.title, n.w - 20));
  title.append(s('title', {}, name));
  g.append(title);
  g.append(s('text', { class: 'type', x: 10, y: 36 }, fitText(a.type || '(no type)', f.type, n.w - 20)));
  const portW = n.ports.length ? Math.max(...n.ports.slice(0, 1).map((p) => fitTextWidth(p, f.port))) : 0;
  g.append(s('text', { class: 'id', x: 10, y: HEAD_H + PORT_H / 2 + 4 }, fitText(a.id !== '' ? `id ${a.id}` : `${n.ref} (no id)`, f.id, Math.max(30, n.w - 34 - portW))));
  // Input connector.
  if (a.type !== 'SE_Start') g.append(s('circle', { class: 'port in', cx: 0, cy: 24, r: 5 }));
  n.ports.forEach((port, i) => {
    const y = HEAD_H + i * PORT_H + PORT_H / 2;
    const connected = a.ports && a.ports[port] !== undefined;
    const taken = run.edges.has(`${a.id}\u0000${port}`) || (run.unconnected.get(a.id) === port);
    g.append(s('text', { class: `port-label${taken ? ' taken' : ''}`, x: n.w - 14, y: y + 4, 'text-anchor': 'end' }, fitText(port, f.port, i === 0 ? n.w - 60 : n.w - 24)));
    g.append(s('circle', { class: `port out${connected ? '' : ' open'}${taken ? ' taken' : ''}`, cx: n.w, cy: y, r: 5, 'data-port': port }));
  });
  if (n.ports.length === 0) {
    g.append(s('text', { class: 'port-label none', x: n.w - 10, y: HEAD_H + PORT_H / 2 + 4, 'text-anchor': 'end' }, a.type === 'SE_End' ? 'end' : 'no outcomes'));
  }
  if (visits.length) {
    const label = visits.length > 3 ? `#${visits[0]}…×${visits.length}` : `#${visits.join(',')}`;
    const w = 10 + label.length * 7;
    const b = s('g', { class: 'step-badge', transform: `translate(${-6},${-10})` });
    b.append(s('rect', { width: w, height: 18, rx: 9 }));
    b.append(s('text', { x: w / 2, y: 13, 'text-anchor': 'middle' }, label));
    g.append(b);
  }
  if (diags.length) {
    const b = s('g', { class: `diag-badge ${errs ? 'err' : 'warn'}`, transform: `translate(${n.w - 4},${-4})`, 'data-count': diags.length });
    b.append(s('circle', { r: 11 }));
    b.append(s('text', { y: 4, 'text-anchor': 'middle' }, errs ? `!${diags.length > 1 ? diags.length : ''}` : `⚠${diags.length > 1 ? diags.length : ''}`));
    b.append(s('title', {}, diags.map((d) => `${d.severity}: ${d.message}`).join('\n')));
    g.append(b);
  }
  g.addEventListener('click', (ev) => { ev.stopPropagation(); select(n.i, false); });
  g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') select(n.i, false); });
  return g;
}

/// What the last run did, by action: visits (step numbers), taken edges,
/// the failed action.
function runFacts() {
  const facts = { visits: new Map(), edges: new Set(), failed: null, failureOutcome: new Set(), unconnected: new Map() };
  for (const { entry } of state.steps) {
    const id = entry.action;
    if (!facts.visits.has(id)) facts.visits.set(id, []);
    facts.visits.get(id).push(entry.step);
    if (entry.outcome !== undefined && entry.outcome !== null) {
      if (entry.next !== undefined && entry.next !== null) facts.edges.add(`${id}\u0000${entry.outcome}`);
      else facts.unconnected.set(id, entry.outcome);
      if (entry.outcome === 'failure') facts.failureOutcome.add(id);
    } else {
      facts.failed = id;
    }
  }
  const end = state.report && state.report.end;
  if (end && end.reason === 'error' && end.action !== undefined) facts.failed = String(end.action);
  return facts;
}

// ---------------------------------------------------------------- pan & zoom

function applyView() {
  const { x, y, k } = state.view;
  $('viewport').setAttribute('transform', `translate(${x},${y}) scale(${k})`);
  $('graph').dataset.zoom = k.toFixed(3);
}

/// The first view of a flow: all of it when it fits with readable titles
/// (≥ 11 px); else readable, from Start, the rest a pan away.
function fitView() {
  const svgEl = $('graph');
  const b = state.layout && state.layout.bounds;
  const W = svgEl.clientWidth || 800;
  const H = svgEl.clientHeight || 600;
  if (!b) { state.view = { x: 0, y: 0, k: 1 }; applyView(); return; }
  const pad = 40;
  const bw = b.x1 - b.x0 + 40;
  const bh = b.y1 - b.y0 + 30;
  const fit = Math.min(1.25, (W - 2 * pad) / bw, (H - 2 * pad) / bh);
  const k = Math.max(fit, Math.min(READABLE_K, 1.25));
  let x = (W - bw * k) / 2 - (b.x0 - 20) * k;
  let y = (H - bh * k) / 2 - (b.y0 - 15) * k;
  const start = nodeAt(state.layout.start);
  if (fit < k && start) {
    // Too big to show whole: begin at the left edge (where Start usually
    // is) and keep Start in view.
    if (bw * k > W - 2 * pad) {
      x = pad - (b.x0 - 20) * k;
      if ((start.x + start.w) * k + x > W - pad) x = pad - (start.x - 20) * k;
    }
    if (bh * k > H - 2 * pad) {
      y = H / 2 - (start.y + start.h / 2) * k;
      y = Math.min(y, pad - (b.y0 - 15) * k);
      y = Math.max(y, H - pad - (b.y1 + 15) * k);
      if ((start.y + start.h) * k + y > H - 10 || start.y * k + y < 10) y = H / 2 - (start.y + start.h / 2) * k;
    }
  }
  state.view = { k, x, y };
  applyView();
}

function zoomAt(factor, cx, cy) {
  const v = state.view;
  const k = Math.max(0.1, Math.min(4, v.k * factor));
  const f = k / v.k;
  state.view = { k, x: cx - (cx - v.x) * f, y: cy - (cy - v.y) * f };
  applyView();
}

function panBy(dx, dy) {
  state.view = { ...state.view, x: state.view.x + dx, y: state.view.y + dy };
  applyView();
}

function focusNode(i) {
  const n = nodeAt(i);
  if (!n) return;
  const svgEl = $('graph');
  const W = svgEl.clientWidth || 800;
  const H = svgEl.clientHeight || 600;
  const k = Math.max(state.view.k, READABLE_K);
  state.view = { k, x: W / 2 - (n.x + n.w / 2) * k, y: H / 2 - (n.y + n.h / 2) * k };
  applyView();
}

function wirePanZoom() {
  const svgEl = $('graph');
  let drag = null;
  svgEl.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    // Capture only once the pointer moves: capturing on pointerdown would
    // retarget the click of a plain press to the svg, away from the block.
    drag = { x: ev.clientX, y: ev.clientY, vx: state.view.x, vy: state.view.y, moved: false };
  });
  svgEl.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    const dx = ev.clientX - drag.x;
    const dy = ev.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) > 3) {
      drag.moved = true;
      svgEl.setPointerCapture(ev.pointerId);
    }
    if (drag.moved) {
      svgEl.classList.add('panning');
      state.view = { ...state.view, x: drag.vx + dx, y: drag.vy + dy };
      applyView();
    }
  });
  const end = (ev) => {
    if (!drag) return;
    const moved = drag.moved;
    drag = null;
    svgEl.classList.remove('panning');
    if (svgEl.hasPointerCapture(ev.pointerId)) svgEl.releasePointerCapture(ev.pointerId);
    if (moved) {
      // Swallow the click that ends a drag.
      svgEl.addEventListener('click', (e) => e.stopPropagation(), { capture: true, once: true });
    }
  };
  svgEl.addEventListener('pointerup', end);
  svgEl.addEventListener('pointercancel', end);
  svgEl.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    const r = svgEl.getBoundingClientRect();
    zoomAt(Math.exp(-ev.deltaY * 0.0015), ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });
  const center = () => [svgEl.clientWidth / 2, svgEl.clientHeight / 2];
  $('zoom-in').addEventListener('click', () => zoomAt(1.25, ...center()));
  $('zoom-out').addEventListener('click', () => zoomAt(0.8, ...center()));
  $('zoom-fit').addEventListener('click', fitView);
  // Keys, on the graph or one of its blocks: + − zoom, 0 fits, arrows pan
  // (Shift: further).
  svgEl.addEventListener('keydown', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const step = ev.shiftKey ? 200 : 60;
    const act = {
      '+': () => zoomAt(1.25, ...center()),
      '=': () => zoomAt(1.25, ...center()),
      '-': () => zoomAt(0.8, ...center()),
      '_': () => zoomAt(0.8, ...center()),
      '−': () => zoomAt(0.8, ...center()),
      0: fitView,
      ArrowLeft: () => panBy(step, 0),
      ArrowRight: () => panBy(-step, 0),
      ArrowUp: () => panBy(0, step),
      ArrowDown: () => panBy(0, -step),
    }[ev.key];
    if (!act) return;
    ev.preventDefault();
    act();
  });
  svgEl.addEventListener('click', () => { if (state.selected !== null) select(null, false); });
  window.addEventListener('resize', () => { if (state.layout) fitView(); });
  for (const [btn, panel, cls, hide, show] of [
    ['toggle-inputs', 'panel-inputs', 'inputs-collapsed', '«', '»'],
    ['toggle-results', 'panel-results', 'results-collapsed', '»', '«'],
  ]) {
    $(btn).addEventListener('click', () => {
      const collapsed = $('layout').classList.toggle(cls);
      $(panel).classList.toggle('collapsed', collapsed);
      $(btn).textContent = collapsed ? show : hide;
      $(btn).setAttribute('aria-expanded', String(!collapsed));
      $(btn).title = `${collapsed ? 'Show' : 'Hide'} the ${panel === 'panel-inputs' ? 'run inputs' : 'run results'}`;
      if (state.layout) fitView();
    });
  }
}

// ---------------------------------------------------------------- selection

/// Selects the drawn block `i` (an index; null clears).
function select(i, focus) {
  state.selected = i;
  const n = nodeAt(i);
  for (const g of $('viewport').querySelectorAll('.node')) {
    g.classList.toggle('selected', n !== null && Number(g.dataset.index) === i);
  }
  for (const li of $('trace').querySelectorAll('.step')) {
    li.classList.toggle('selected', n !== null && li.dataset.action === n.action.id && (state.selectedStep === undefined || Number(li.dataset.step) === state.selectedStep));
  }
  if (focus && n) focusNode(i);
  renderDetail();
}

// ---------------------------------------------------------------- inputs

function fillSources() {
  const src = $('source');
  for (const [name] of SOURCES) src.append(h('option', { value: name, text: name }));
  src.addEventListener('change', () => { fillEvents(); applyDefaults(false); });
  $('event').addEventListener('change', () => applyDefaults(false));
  src.value = 'Voice Contact';
  fillEvents('onConnecting');
}

function fillEvents(preferred) {
  const src = $('source').value;
  const events = (SOURCES.find(([n]) => n === src) || SOURCES[0])[1];
  const ev = $('event');
  const keep = preferred || ev.value;
  ev.replaceChildren(...events.map((e) => h('option', { value: e, text: e })));
  ev.value = events.includes(keep) ? keep : events[0];
}

function setEvent(source, event) {
  $('source').value = source;
  fillEvents(event);
  applyDefaults(false);
}

/// Puts this event's defaults in the payload/contact/agent boxes; with
/// force false, only boxes the author has not edited.
function applyDefaults(force) {
  const d = defaultsFor($('source').value, $('event').value);
  for (const key of ['payload', 'contact', 'agent']) {
    const box = $(key);
    const text = pretty(d[key]);
    if (force || box.value === '' || box.value === state.lastDefaults[key]) {
      box.value = text;
      state.lastDefaults[key] = text;
      checkJson(box);
    }
  }
}

function readJson(id, fallback) {
  const box = $(id);
  const text = box.value.trim();
  if (text === '') return { ok: true, value: fallback };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: e.message };
  }
}

function checkJson(box) {
  const err = document.querySelector(`.json-error[data-for="${box.id}"]`);
  const r = readJson(box.id, null);
  box.classList.toggle('invalid', !r.ok);
  if (err) {
    err.hidden = r.ok;
    err.textContent = r.ok ? '' : `Not valid JSON: ${r.error}`;
  }
  return r;
}

function fillAnswerKeys() {
  const sel = $('answer-key');
  const keys = new Set();
  for (const a of actions()) {
    const spec = state.catalog.get(a.type);
    for (const c of (spec && spec.calls) || []) keys.add(c);
  }
  sel.replaceChildren();
  if (keys.size === 0) {
    sel.append(h('option', { value: '', text: state.flowText === null ? 'import a flow first' : 'this flow makes no bridge calls' }));
  }
  for (const k of [...keys].sort()) sel.append(h('option', { value: k, text: k }));
  $('add-answer').disabled = keys.size === 0;
}

function wireAnswers() {
  $('answers-example').textContent = pretty(ANSWERS_EXAMPLE);
  $('answers').value = pretty(SAMPLE_ORG_ANSWERS);
  $('answers-sample').addEventListener('click', () => { $('answers').value = pretty(SAMPLE_ORG_ANSWERS); checkJson($('answers')); });
  $('answers-clear').addEventListener('click', () => { $('answers').value = '{}'; checkJson($('answers')); });
  for (const r of document.querySelectorAll('input[name="answer-kind"]')) {
    r.addEventListener('change', () => {
      const ok = document.querySelector('input[name="answer-kind"]:checked').value === 'ok';
      $('answer-ok-fields').hidden = !ok;
      $('answer-error-fields').hidden = ok;
    });
  }
  $('add-answer').addEventListener('click', () => {
    const errBox = $('answer-form-error');
    errBox.hidden = true;
    const key = $('answer-key').value;
    if (!key) return;
    const current = readJson('answers', {});
    if (!current.ok || typeof current.value !== 'object' || current.value === null || Array.isArray(current.value)) {
      errBox.textContent = 'Fix the answers JSON below first (it must be an object).';
      errBox.hidden = false;
      return;
    }
    const kind = document.querySelector('input[name="answer-kind"]:checked').value;
    let answer;
    if (kind === 'ok') {
      const v = readJson('answer-value', null);
      if (!v.ok) {
        errBox.textContent = `Value is not valid JSON: ${v.error}`;
        errBox.hidden = false;
        return;
      }
      answer = { ok: v.value };
    } else {
      answer = { error: { code: $('answer-code').value || 'ERROR', message: $('answer-message').value || '' } };
    }
    current.value[key] = answer;
    $('answers').value = pretty(current.value);
    checkJson($('answers'));
  });
}

// ---------------------------------------------------------------- run

async function runFlow() {
  const errBox = $('run-error');
  errBox.hidden = true;
  showUnusedAnswers([]);
  if (!state.engine || state.flowText === null) return;
  const inputs = {};
  for (const [id, fallback] of [['payload', {}], ['contact', null], ['agent', null], ['answers', {}]]) {
    checkJson($(id));
    const r = readJson(id, fallback);
    if (!r.ok) {
      errBox.textContent = `${id}: not valid JSON (${r.error})`;
      errBox.hidden = false;
      return;
    }
    inputs[id] = r.value === null && fallback !== null ? fallback : r.value;
  }
  const bad = answersProblem(inputs.answers);
  if (bad) {
    errBox.textContent = bad;
    errBox.hidden = false;
    return;
  }
  const opts = {
    source: $('source').value,
    event: $('event').value,
    payload: inputs.payload,
    contact: inputs.contact,
    agent: inputs.agent,
    script: { answers: inputs.answers },
  };
  // The allowlist is the engine's configuration: a changed one makes a new
  // engine (runFlow uses nothing else of it).
  const allow = $('allowlist').value.split(/[\s,]+/).filter(Boolean);
  if (allow.join(' ') !== (state.allow || []).join(' ')) {
    try {
      state.engine = new state.Engine({ limits: LIMITS, httpAllowlist: allow });
      state.allow = allow;
    } catch (e) {
      errBox.textContent = `HTTP allowlist: ${e && e.message ? e.message : e}`;
      errBox.hidden = false;
      return;
    }
  }
  $('run').disabled = true;
  clearRun();
  document.body.dataset.run = 'running';
  // This run's controller is also its token: a result whose controller is
  // no longer current belongs to a run that was forgotten.
  const mine = new AbortController();
  state.runAbort = mine;
  opts.signal = mine.signal;
  renderGraph();
  renderTrace(); // the previous run's path and steps go while this one runs
  try {
    const report = await state.engine.runFlow(state.flowText, opts);
    if (mine !== state.runAbort) { bump('staleRuns'); return; } // another flow was loaded meanwhile
    state.report = report;
    state.steps = groupSteps(report.trace || []);
    const known = new Set([...state.catalog.values()].flatMap((spec) => spec.calls || []));
    showUnusedAnswers(unusedAnswers(inputs.answers, report.trace || [], known));
    document.body.dataset.run = 'done';
  } catch (e) {
    if (mine !== state.runAbort) { bump('staleRuns'); return; }
    state.report = null;
    state.steps = [];
    if (e && Array.isArray(e.diagnostics)) renderDiagnostics(e.diagnostics);
    errBox.textContent = `The run could not start: ${e && e.message ? e.message : e}`;
    errBox.hidden = false;
    document.body.dataset.run = 'error';
  } finally {
    if (mine === state.runAbort) $('run').disabled = !(state.validation && state.validation.ok);
  }
  state.selectedStep = undefined;
  renderGraph();
  renderTrace();
  const last = state.steps[state.steps.length - 1];
  const failed = runFacts().failed;
  if (failed !== null) {
    const i = state.steps.findIndex((st) => st.entry.action === failed && st.entry.outcome == null);
    if (i >= 0) selectStep(i, true);
    else select(nodeIndexOf(failed), true);
  }
  else if (last) renderDetail();
  bump('runs');
}

function kindOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/// Why the answers cannot be used, in the author's words (null when fine).
export function answersProblem(answers) {
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) {
    return `Scripted answers must be a JSON object keyed bridge.method, such as {"salesforceData.search": {"ok": []}}; found ${kindOf(answers)}.`;
  }
  for (const [key, a] of Object.entries(answers)) {
    if (!/^[A-Za-z]+\.(\*|[A-Za-z0-9_]+)$/.test(key)) {
      return `Scripted answer "${key}": keys are bridge.method (such as salesforceData.search) or bridge.* for a whole family.`;
    }
    const list = a && typeof a === 'object' && !Array.isArray(a) && Array.isArray(a.sequence) && Object.keys(a).length === 1 ? a.sequence : [a];
    for (const one of list) {
      if (!one || typeof one !== 'object' || Array.isArray(one)) continue;
      const keys = Object.keys(one);
      if (keys.length > 1 && keys.some((k) => k === 'ok' || k === 'error' || k === 'sequence')) {
        return `Scripted answer "${key}" has the keys ${keys.join(', ')}: an answer is {"ok": value}, {"error": {"code", "message"}} or {"sequence": [...]} alone (put a result object inside "ok").`;
      }
    }
  }
  return null;
}

/// The answer keys the run did not use: `bridge.method` no call made,
/// `bridge.*` that answered no call of its family. Entries of the sample
/// org left as the lab wrote them are not the author's: not flagged.
/// `known` is every call some block makes (catalog), for a hint.
export function unusedAnswers(answers, trace, known = new Set()) {
  const calls = trace.filter((t) => t && t.kind === 'call').map((c) => `${c.bridge}.${c.method}`);
  const made = [...new Set(calls)];
  const out = [];
  for (const key of Object.keys(answers || {})) {
    if (Object.prototype.hasOwnProperty.call(SAMPLE_ORG_ANSWERS, key) && JSON.stringify(answers[key]) === JSON.stringify(SAMPLE_ORG_ANSWERS[key])) continue;
    const used = key.endsWith('.*')
      ? calls.some((c) => c.startsWith(key.slice(0, -1)) && !Object.prototype.hasOwnProperty.call(answers, c))
      : made.includes(key);
    if (used) continue;
    const lower = key.toLowerCase();
    const near = made.find((c) => c.toLowerCase() === lower || (lower.endsWith('.*') && c.toLowerCase().startsWith(lower.slice(0, -1))));
    let msg = `answer ${key} was not used: `;
    msg += made.length ? `calls made were ${made.join(', ')}` : 'the run made no bridge calls';
    if (near) msg += ` (did you mean ${near}? keys are case-sensitive)`;
    else if (known.size && !key.endsWith('.*') && !known.has(key)) msg += ` (no block makes a call ${key})`;
    out.push({ key, message: msg });
  }
  return out;
}

function showUnusedAnswers(list) {
  const ul = $('answer-warnings');
  ul.replaceChildren(...list.map((u) => h('li', { 'data-key': u.key, text: u.message })));
  ul.hidden = list.length === 0;
}

/// Folds the trace into steps: each step with the calls and notes its block
/// made (the engine emits those before the step entry).
export function groupSteps(trace) {
  const steps = [];
  let calls = [];
  let notes = [];
  for (const t of trace) {
    if (!t || typeof t !== 'object') continue;
    if (t.kind === 'call') calls.push(t);
    else if (t.kind === 'note') notes.push(t);
    else if (t.kind === 'step') {
      const id = String(t.action);
      steps.push({
        entry: { ...t, action: id },
        calls: calls.filter((c) => String(c.action) === id),
        notes: notes.filter((n) => String(n.action) === id),
      });
      calls = calls.filter((c) => String(c.action) !== id);
      notes = notes.filter((n) => String(n.action) !== id);
    }
  }
  return steps;
}

function endText(end, steps) {
  if (!end) return '';
  const action = end.action !== undefined ? actionById(String(end.action)) : null;
  const name = action ? `${displayName(action)} (${action.id})` : end.action;
  switch (end.reason) {
    case 'end': return `Reached End after ${steps} step${steps === 1 ? '' : 's'}`;
    case 'noPort': return `Ended after ${steps} steps: ${name} took “${end.outcome}”, which is not connected`;
    case 'stepBudget': return `Stopped: step budget of ${end.limit} used up at ${name} (a loop?)`;
    case 'runWindow': return `Stopped: run window of ${end.limitMs} ms exceeded at ${name}`;
    case 'valueSize': return `Stopped: ${end.what} of ${name} would hold ${end.bytes} bytes, over the value limit of ${end.limit} (maxValueBytes)`;
    case 'traceSize': return `Stopped: ${end.what} of ${name} would take the run's trace to ${end.bytes} bytes, over its limit of ${end.limit} (maxTraceBytes)`;
    case 'stopped': return `Stopped at ${name}: ${end.message}`;
    case 'error': return `Failed at ${name}: ${end.message}`;
    default: return `Ended: ${end.reason}`;
  }
}

function renderTrace() {
  const summary = $('run-summary');
  const list = $('trace');
  list.replaceChildren();
  const r = state.report;
  if (!r) {
    summary.className = 'run-summary';
    summary.textContent = state.flowText === null ? 'Import a flow, then run it.'
      : document.body.dataset.run === 'running' ? 'Running…'
      : 'Not run yet. Pick the event, adjust the inputs and press Run.';
    return;
  }
  const end = r.end || {};
  const normal = end.reason === 'end' || end.reason === 'noPort';
  const runEnd = (r.trace || []).find((t) => t.kind === 'runEnd');
  const elapsed = runEnd ? runEnd.elapsedMs : undefined;
  const calls = (r.trace || []).filter((t) => t.kind === 'call').length;
  summary.className = `run-summary ${normal ? 'ok' : 'err'}`;
  summary.dataset.reason = end.reason || '';
  summary.replaceChildren(
    h('div', { class: 'end-line', text: endText(end, r.steps) }),
    h('div', { class: 'meta', text: `${$('source').value}/${$('event').value} · ${r.steps} steps · ${calls} bridge call${calls === 1 ? '' : 's'}${elapsed !== undefined ? ` · ${elapsed} ms virtual` : ''}` }),
  );
  state.steps.forEach((st, i) => {
    const t = st.entry;
    const a = actionById(t.action);
    const title = t.title || (a ? displayName(a) : t.blockType);
    const outcome = t.outcome ?? null;
    const li = h('li', {
      class: `step${outcome === null ? ' failed' : ''}${outcome === 'failure' ? ' failure' : ''}`,
      'data-action': t.action,
      'data-type': t.blockType,
      'data-step': t.step,
      tabindex: '0',
    },
    h('span', { class: 'num', text: String(t.step) }),
    h('span', { class: 'body' },
      h('span', { class: 'name', text: title }),
      h('span', { class: 'type', text: `${t.blockType} · ${t.action}` })),
    st.calls.length ? h('span', { class: 'calls', title: st.calls.map((c) => `${c.bridge}.${c.method}`).join('\n'), text: `${st.calls.length} call${st.calls.length > 1 ? 's' : ''}` }) : null,
    h('span', { class: `outcome ${outcome === null ? 'none' : outcome}`, text: outcome === null ? 'failed' : outcome }));
    li.addEventListener('click', () => selectStep(i, true));
    li.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') selectStep(i, true); });
    list.append(li);
  });
  if (end.reason === 'end') {
    list.append(h('li', { class: 'terminal ok', text: '■ End of flow' }));
  } else {
    list.append(h('li', { class: `terminal ${normal ? 'ok' : 'err'}`, text: `■ ${endText(end, r.steps)}` }));
  }
}

function selectStep(i, focus) {
  const st = state.steps[i];
  if (!st) return;
  state.selectedStep = st.entry.step;
  select(nodeIndexOf(st.entry.action), focus);
}

// ---------------------------------------------------------------- details

function section(title, ...content) {
  return h('section', { class: 'd-section' }, h('h3', { text: title }), ...content);
}

function jsonBlock(v, cls = '') {
  return h('pre', { class: `json-view ${cls}`, text: pretty(v) });
}

function renderDetail() {
  const box = $('detail');
  const titleEl = $('detail-title');
  box.replaceChildren();
  const node = nodeAt(state.selected);
  const a = node ? node.action : null;
  if (!a) {
    titleEl.textContent = 'Details';
    box.append(h('p', { class: 'help', text: state.steps.length ? 'Click a step of the trace, or a block, to see what it did.' : 'Select a block to see its controls.' }));
    return;
  }
  titleEl.textContent = displayName(a);
  const spec = state.catalog.get(a.type);
  box.append(h('div', { class: 'd-head' },
    h('span', { class: 'chip type', text: a.type || '(no type)' }),
    h('span', { class: 'chip', text: a.id !== '' ? `id ${a.id}` : `action ${node.ref}, no id` }),
    a.known ? null : h('span', { class: 'chip err', text: 'unknown block type' })));
  if (spec && spec.description) box.append(h('p', { class: 'desc', text: spec.description }));

  const diags = diagnosticsFor(node);
  if (diags.length) {
    box.append(section('Diagnostics', h('ul', { class: 'diag-list compact' }, diags.map((d) =>
      h('li', { class: `diag ${d.severity === 'error' ? 'err' : 'warn'}` },
        h('span', { class: 'sev', text: d.severity }),
        h('span', { class: 'code', text: d.code || '' }),
        h('span', { class: 'msg', text: `${d.control ? `control ${d.control}: ` : ''}${d.message}` }))))));
  }

  const visits = a.id === '' ? [] : state.steps.filter((st) => st.entry.action === a.id);
  const st = visits.find((v) => v.entry.step === state.selectedStep) || visits[0];
  if (!st) {
    box.append(section('Controls (as written)', jsonBlock(a.controls || {})));
    if (state.report) box.append(h('p', { class: 'help', text: 'This block was not reached in the last run.' }));
    return;
  }
  const t = st.entry;
  const outcome = t.outcome ?? null;
  box.append(h('div', { class: 'd-outcome' },
    h('span', { text: `Step ${t.step}${visits.length > 1 ? ` (visit ${visits.indexOf(st) + 1} of ${visits.length})` : ''} · outcome ` }),
    h('span', { class: `outcome ${outcome === null ? 'none' : outcome}`, text: outcome === null ? 'failed' : outcome }),
    t.next !== undefined && t.next !== null ? h('span', { text: ` → ${(actionById(String(t.next)) && displayName(actionById(String(t.next)))) || t.next}` }) : null));
  box.append(section('Inputs (resolved controls)', jsonBlock(t.inputs ?? {})));
  if (Array.isArray(t.undefined) && t.undefined.length) {
    box.append(section('Resolved to undefined', h('ul', { class: 'plain' }, t.undefined.map((u) => h('li', { class: 'mono', text: u })))));
  }
  if (st.calls.length) {
    box.append(section(`Bridge calls (${st.calls.length})`, ...st.calls.map((c) => {
      const ok = c.answer && Object.prototype.hasOwnProperty.call(c.answer, 'ok');
      const ans = c.answer ? (ok ? c.answer.ok : c.answer.error) : undefined;
      return h('div', { class: `call ${ok ? 'ok' : 'err'}` },
        h('div', { class: 'call-head' },
          h('span', { class: 'mono', text: `${c.bridge}.${c.method}` }),
          h('span', { class: `chip ${ok ? 'ok' : 'err'}`, text: ok ? 'ok' : 'error' })),
        h('div', { class: 'call-label', text: 'arguments' }), jsonBlock(c.args ?? {}),
        h('div', { class: 'call-label', text: 'answer' }), jsonBlock(ans ?? null, ok ? '' : 'err'));
    })));
  }
  box.append(section('Results', jsonBlock(t.results ?? null)));
  if (t.exception !== undefined && t.exception !== null) box.append(section('Exception', jsonBlock(t.exception, 'err')));
  const end = state.report && state.report.end;
  if (outcome === null && end && end.reason === 'error' && String(end.action) === a.id) {
    box.append(section('Run error', h('p', { class: 'error-text', text: end.message || '' })));
  }
  if (st.notes.length) box.append(section('Notes', h('ul', { class: 'plain' }, st.notes.map((n) => h('li', { text: n.message })))));
}

// ---------------------------------------------------------------- wiring

function wireImport() {
  const input = $('file-input');
  $('import').addEventListener('click', () => input.click());
  input.addEventListener('change', async () => {
    await importFiles(input.files);
    input.value = '';
  });
  $('flow-picker').addEventListener('change', () => pickSetEntry(Number($('flow-picker').value)));
  const overlay = $('drop-overlay');
  let depth = 0;
  document.addEventListener('dragenter', (ev) => { ev.preventDefault(); depth++; overlay.hidden = false; });
  document.addEventListener('dragleave', () => { depth = Math.max(0, depth - 1); if (depth === 0) overlay.hidden = true; });
  document.addEventListener('dragover', (ev) => ev.preventDefault());
  document.addEventListener('drop', async (ev) => {
    ev.preventDefault();
    depth = 0;
    overlay.hidden = true;
    if (ev.dataTransfer && ev.dataTransfer.files.length) await importFiles(ev.dataTransfer.files);
  });
}

function main() {
  fillSources();
  applyDefaults(true);
  wireAnswers();
  fillAnswerKeys();
  for (const id of ['payload', 'contact', 'agent', 'answers', 'answer-value']) {
    $(id).addEventListener('input', () => checkJson($(id)));
  }
  $('reset-inputs').addEventListener('click', () => applyDefaults(true));
  $('run').addEventListener('click', runFlow);
  wireImport();
  wirePanZoom();
  renderTrace();
  loadEngine();
}

main();
