// Bridges from the engine's host calls to the real browser APIs, and the
// snapshot builders for `$.contact` / `$.agent`.
//
// The engine (crates/wasm, `Engine.dispatch`) calls
//   bridges.call(bridge, method, args) -> Promise<answer>
// with the bridge families and method names of docs/host-contract.md. Every
// call settles: success resolves with the answer, every failure (a `failure`
// callback, `{success: false}`, a synchronous throw, a missing API) rejects
// with `{code, message, details}`. The engine adds a per-call timeout for
// callbacks that never come.
//
// Bridges are built per event with that event's contact bound
// (`makeBridges({contact})`), so two runs for two chats never act on each
// other's contact.
//
// Nothing a flow supplies is ever rendered as HTML: adapterUi draws with
// textContent only.

/** localStorage prefix for the platform property store. */
export const STORE_PREFIX = "ctiflow:";

const fail = (code, message, details) => ({ code, message: String(message), details: details ?? null });
const thrown = (e) => fail(e && e.name ? e.name : "ERROR", e && e.message ? e.message : String(e));

/** Settles a promise from a function that may throw synchronously. */
function settle(fn) {
  return new Promise((resolve, reject) => {
    try {
      fn(resolve, reject);
    } catch (e) {
      reject(thrown(e));
    }
  });
}

// ---------------------------------------------------------------- Streams

/** A Streams `failure(err, data)` as a host error; `err` is often a JSON string. */
export function streamsError(err, data) {
  let parsed = err;
  if (typeof err === "string") {
    try { parsed = JSON.parse(err); } catch { parsed = err; }
  }
  if (parsed && typeof parsed === "object") {
    return fail(parsed.type || parsed.code || parsed.name || "STREAMS_ERROR",
      parsed.message || JSON.stringify(parsed), { error: parsed, data: data ?? null });
  }
  return fail("STREAMS_ERROR", parsed ?? "Streams call failed", data ?? null);
}

/** Calls a Streams action taking `{success, failure}` and settles. */
function streamsCall(fn) {
  return settle((resolve, reject) =>
    fn({ success: (data) => resolve(data ?? null), failure: (err, data) => reject(streamsError(err, data)) }));
}

function endpointOf(connect, endpoint) {
  if (typeof endpoint === "string") return connect.Endpoint.byPhoneNumber(endpoint);
  if (endpoint && typeof endpoint === "object" && endpoint.phoneNumber &&
      (!endpoint.type || endpoint.type === "phone_number")) {
    return connect.Endpoint.byPhoneNumber(endpoint.phoneNumber, endpoint.name);
  }
  return endpoint;
}

function agentBridge(connect, agent) {
  const findState = (state) => {
    if (state && typeof state === "object") return state;
    const all = agent.getAgentStates();
    return all.find((s) => s.name === state) || all.find((s) => s.agentStateARN === state);
  };
  return {
    setState({ state, enqueueNextState } = {}) {
      const s = findState(state);
      if (!s) return Promise.reject(fail("NOT_FOUND", `no agent state named ${JSON.stringify(state)}`));
      return streamsCall((cb) => agent.setState(s, cb, { enqueueNextState: !!enqueueNextState }));
    },
    connect({ endpoint, queueARN } = {}) {
      return streamsCall((cb) => agent.connect(endpointOf(connect, endpoint),
        queueARN ? { ...cb, queueARN } : cb));
    },
    mute: () => settle((resolve) => { agent.mute(); resolve(null); }),
    unmute: () => settle((resolve) => { agent.unmute(); resolve(null); }),
    setConfiguration({ configuration } = {}) {
      return streamsCall((cb) => agent.setConfiguration({ ...agent.getConfiguration(), ...configuration }, cb));
    },
    getEndpoints({ queueARNs } = {}) {
      return streamsCall((cb) => agent.getEndpoints(queueARNs ?? agent.getAllQueueARNs(), cb))
        .then((data) => ({ endpoints: (data && data.endpoints) || [] }));
    },
    createTask({ task } = {}) {
      if (typeof agent.createTask !== "function") return Promise.reject(fail("UNSUPPORTED", "agent.createTask needs TaskJS"));
      return streamsCall((cb) => agent.createTask(task, cb)).then((d) => ({ contactId: d && d.contactId }));
    },
    getLog: () => settle((resolve) => resolve(String(connect.getLog()))),
  };
}

function contactBridge(connect, contact) {
  const need = (fn) => (args) => (contact ? fn(args || {}) : Promise.reject(fail("NO_CONTACT", "the run has no contact")));
  return {
    addConnection: need(({ endpoint }) => streamsCall((cb) => contact.addConnection(endpointOf(connect, endpoint), cb))),
    destroyAgentConnection: need(() => streamsCall((cb) => contact.getAgentConnection().destroy(cb))),
    clear: need(() => streamsCall((cb) => contact.clear(cb))),
    accept: need(() => streamsCall((cb) => contact.accept(cb))),
  };
}

// ---------------------------------------------------------------- Salesforce

/** Resolves `sforce.opencti.<a.b>`. */
export function openCtiMethod(sforce, method) {
  let f = sforce && sforce.opencti;
  let self = f;
  for (const part of method.split(".")) {
    self = f;
    f = f ? f[part] : undefined;
  }
  return typeof f === "function" ? f.bind(self) : null;
}

/** Calls an Open CTI method with `{...args, callback}`, mapping `{success, returnValue, errors}`. */
export function openCti(sforce, method, args) {
  const f = openCtiMethod(sforce, method);
  if (!f) return Promise.reject(fail("UNSUPPORTED", `sforce.opencti.${method} is not available`));
  return settle((resolve, reject) =>
    f({
      ...(args || {}),
      callback(r) {
        if (r && r.success) resolve(r.returnValue ?? null);
        else {
          const errs = (r && r.errors) || [];
          const first = errs[0] || {};
          reject(fail(first.code || "GENERIC_ERROR", first.description || first.message || `${method} failed`, errs));
        }
      },
    }));
}

// Console Integration Toolkit: positional arguments, callback(result).
export const CONSOLE = {
  openPrimaryTab: (a, cb) => [a.id ?? null, a.url, !!a.active, a.tabLabel ?? undefined, cb, a.name ?? undefined],
  openSubtab: (a, cb) => [a.primaryTabId, a.url, !!a.active, a.tabLabel ?? undefined, a.id ?? null, cb, a.name ?? undefined],
  getFocusedPrimaryTabId: (a, cb) => [cb],
  getFocusedSubtabId: (a, cb) => [cb],
  getFocusedPrimaryTabObjectId: (a, cb) => [cb],
  getFocusedSubtabObjectId: (a, cb) => [cb],
  getPrimaryTabIds: (a, cb) => [cb],
  getSubtabIds: (a, cb) => [a.primaryTabId ?? null, cb],
  getPageInfo: (a, cb) => [a.tabId, cb],
  closeTab: (a, cb) => [a.id, cb],
  focusPrimaryTabById: (a, cb) => [a.id, cb],
  refreshPrimaryTabById: (a, cb) => [a.id, !!a.active, cb],
};

function consoleCall(sforce, method, args) {
  const c = sforce && sforce.console;
  if (!c || typeof c[method] !== "function") {
    return Promise.reject(fail("UNSUPPORTED", `sforce.console.${method} is not available`));
  }
  return settle((resolve, reject) => {
    const cb = (result) => {
      if (result && result.success === false) reject(fail("CONSOLE_ERROR", `${method} failed`, result));
      else {
        const { success, ...rest } = result || {};
        resolve(rest);
      }
    };
    c[method](...CONSOLE[method](args || {}, cb));
  });
}

// ---------------------------------------------------------------- platform

/** `localStorage`, or null where reading it throws (storage blocked for a framed page). */
function pageStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The built-in counter: the number of open adapter tabs (bridges.md §6.10, X3). */
const OPEN_TABS = "openAgentTabs";

function platformBridge({ storage, connect, fetchFn, prefix, openTabs = null }) {
  const key = (k) => `${prefix}prop:${k}`;
  const counter = (k) => `${prefix}counter:${k}`;
  const read = (k) => {
    const t = storage.getItem(k);
    if (t === null) return null;
    try { return JSON.parse(t); } catch { return t; }
  };
  const props = () => {
    const out = {};
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k && k.startsWith(`${prefix}prop:`)) out[k.slice(prefix.length + 5)] = read(k);
    }
    return out;
  };
  const sync = (f) => settle((resolve) => resolve(f()));
  // Without storage (the browser blocks it), the property blocks fail; the
  // run and every other bridge go on.
  const stored = (f) => (storage ? sync(f)
    : Promise.reject(fail("STORAGE_UNAVAILABLE", "localStorage is not available to this page (blocked by the browser?)")));
  return {
    getProperty: ({ key: k }) => stored(() => read(key(k))),
    setProperty: ({ key: k, value }) => stored(() => { storage.setItem(key(k), JSON.stringify(value ?? null)); return null; }),
    unsetProperty: ({ key: k }) => stored(() => { storage.removeItem(key(k)); return null; }),
    clearProperties: () => stored(() => { Object.keys(props()).forEach((k) => storage.removeItem(key(k))); return null; }),
    getAllProperties: () => stored(props),
    getCounter: ({ key: k }) => (k === OPEN_TABS && openTabs
      ? settle((resolve, reject) => Promise.resolve(openTabs()).then(resolve, (e) => reject(thrown(e))))
      : stored(() => Number(read(counter(k))) || 0)),
    updateCounter: ({ key: k, delta }) => (k === OPEN_TABS && openTabs
      ? Promise.reject(fail("READ_ONLY", `${OPEN_TABS} is kept by the adapter page (the number of its open tabs)`))
      : stored(() => {
      const cur = Number(read(counter(k))) || 0;
      const next = cur + (delta === undefined || delta === null ? 1 : Number(delta));
      // As the scripted host: a count that is not a finite number is refused
      // (JSON would store it as null, read back as 0), and the count stays.
      if (!Number.isFinite(next)) {
        const e = new Error(`counter \`${k}\` cannot become ${next} (${cur} + ${delta}); it stays at ${cur}`);
        e.name = "COUNTER_OVERFLOW";
        throw e;
      }
      storage.setItem(counter(k), JSON.stringify(next));
      return next;
    })),
    log: ({ level, message }) => sync(() => {
      const lv = ["debug", "info", "warn", "error"].includes(level) ? level : "info";
      const text = typeof message === "string" ? message : JSON.stringify(message);
      (console[lv] || console.log).call(console, `[ctiflow] ${text}`);
      try {
        const lg = connect && connect.getLog && connect.getLog();
        if (lg && typeof lg[lv] === "function") lg[lv](`[ctiflow] ${text}`);
      } catch { /* the CCP log is best effort */ }
      return null;
    }),
    http: async ({ url, method, headers, body }) => {
      let res;
      try {
        res = await fetchFn(url, {
          method: method || "GET",
          headers: headers || {},
          body: body === undefined || body === null || method === "GET" ? undefined
            : (typeof body === "string" ? body : JSON.stringify(body)),
          // Not followed: the engine checked this URL's origin against
          // httpAllowlist, and a redirect would take the request (and its
          // body) to an origin nobody allowed.
          redirect: "manual",
        });
      } catch (e) {
        throw fail("NETWORK_ERROR", e && e.message ? e.message : String(e));
      }
      // Browsers answer a redirect with an opaque response (type
      // "opaqueredirect", status 0); other fetches with the 3xx itself.
      if (res.type === "opaqueredirect" || ([301, 302, 303, 307, 308].includes(res.status) && res.headers.has("location"))) {
        throw fail("REDIRECT_REFUSED", `${url} answered with a redirect, which HTTP Request does not follow (the request stays on the origin httpAllowlist allows): request the final URL`);
      }
      const h = {};
      res.headers.forEach((v, k) => { h[k] = v; });
      return { status: res.status, headers: h, body: await res.text() };
    },
  };
}

// ---------------------------------------------------------------- adapter UI

/** Adapter UI drawn into `root` with textContent only. */
export function adapterUi(root, doc = root && root.ownerDocument) {
  const box = (cls, title, text) => {
    if (!root || !doc) return null;
    const el = doc.createElement("div");
    el.className = `ctiflow-${cls}`;
    el.setAttribute("role", cls === "modal" ? "dialog" : "alert");
    if (title !== undefined) {
      const h = doc.createElement("strong");
      h.textContent = String(title ?? "");
      el.appendChild(h);
    }
    const p = doc.createElement("pre");
    p.textContent = typeof text === "string" ? text : JSON.stringify(text, null, 2);
    el.appendChild(p);
    const close = doc.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.addEventListener("click", () => el.remove());
    el.appendChild(close);
    root.appendChild(el);
    return el;
  };
  const done = (f) => settle((resolve) => { f(); resolve(null); });
  return {
    alert: ({ message }) => done(() => box("alert", undefined, String(message ?? ""))),
    showModal: ({ title, message }) => done(() => box("modal", title ?? "", String(message ?? ""))),
    showData: ({ data }) => done(() => box("data", "Data", data)),
    showAttributes: ({ attributes }) => done(() => box("data", "Attributes", attributes)),
    openUrl: ({ url }) => settle((resolve, reject) => {
      const u = new URL(String(url), doc ? doc.baseURI : undefined);
      if (u.protocol !== "https:" && u.protocol !== "http:") return reject(fail("REFUSED", `not an http(s) URL: ${url}`));
      // Not the "noopener" feature: with it open() returns null even when
      // the window opened, so a blocked pop-up would pass for success. The
      // opener link is cut right after instead, before the new page runs.
      const w = (doc && doc.defaultView ? doc.defaultView : globalThis).open(u.href, "_blank");
      if (!w) return reject(fail("POPUP_BLOCKED", `pop-up blocked: ${u.href}`));
      try { w.opener = null; } catch { /* nothing to cut */ }
      resolve(null);
    }),
  };
}

// ---------------------------------------------------------------- makeBridges

/**
 * The bridges object for one event.
 *   connect  - the Streams global (`window.connect`)
 *   agent    - the live `connect.Agent` (or null before the first snapshot)
 *   contact  - the live `connect.Contact` of the event (or null)
 *   sforce   - the Salesforce global (`sforce.opencti`, `sforce.console`)
 *   presence - the host page's Omni-Channel API: an object whose methods
 *              (`setServicePresenceStatus({statusId})`, ...) return promises
 *   uiRoot   - the element adapterUi draws into
 *   storage  - localStorage (or any Storage; null: the property blocks fail); fetch - window.fetch
 *   openTabs - () => the number of open adapter tabs (or a promise of it): the built-in
 *              counter openAgentTabs, read-only; null: it is a stored counter like any other
 */
export function makeBridges({
  connect = globalThis.connect, agent = null, contact = null, sforce = globalThis.sforce,
  presence = null, uiRoot = null, storage = pageStorage(), fetch: fetchFn = globalThis.fetch,
  prefix = STORE_PREFIX, now = () => Date.now(), data = null, openTabs = null,
} = {}) {
  const families = {
    agent: agent ? agentBridge(connect, agent) : null,
    contact: contactBridge(connect, contact),
    platform: platformBridge({ storage, connect, fetchFn, prefix, openTabs }),
    adapterUi: adapterUi(uiRoot),
  };
  return {
    now,
    call(bridge, method, args) {
      args = args || {};
      switch (bridge) {
        case "salesforceUi":
          return method in CONSOLE ? consoleCall(sforce, method, args) : openCti(sforce, method, args);
        case "salesforceData":
          if (method === "saveLog" || method === "runApex") return openCti(sforce, method, args);
          // query / search / retrieve go through the host page's data API
          // (an Apex REST endpoint or a Lightning component), when it has one.
          if (data && typeof data[method] === "function") return settle((ok) => ok(data[method](args)));
          return Promise.reject(fail("UNSUPPORTED", `salesforceData.${method} needs a data API on the host page`));
        case "omni":
          if (presence && typeof presence[method] === "function") return settle((ok) => ok(presence[method](args)));
          return Promise.reject(fail("UNSUPPORTED", `omni.${method}: no Omni-Channel presence API on this page`));
        case "agent":
          if (!families.agent) return Promise.reject(fail("NO_AGENT", "Streams has not delivered the agent yet"));
        // falls through
        default: {
          const fam = families[bridge];
          const f = fam && fam[method];
          if (typeof f !== "function") return Promise.reject(fail("UNSUPPORTED", `${bridge}.${method} is not supported by this page`));
          return f(args);
        }
      }
    },
  };
}

/**
 * The bridge methods `makeBridges` serves itself, per family (the rest need
 * Open CTI, the console toolkit or the host page's APIs; see
 * www/adapter/coverage.js).
 */
export function servedMethods() {
  return {
    agent: Object.keys(agentBridge(null, null)),
    contact: Object.keys(contactBridge(null, null)),
    platform: Object.keys(platformBridge({ storage: null, connect: null, fetchFn: null, prefix: "" })),
    adapterUi: Object.keys(adapterUi(null, null)),
  };
}

// ---------------------------------------------------------------- snapshots

const tryGet = (f, fallback = null) => {
  try {
    const v = f();
    return v === undefined ? fallback : v;
  } catch {
    return fallback;
  }
};
const ms = (d) => (d instanceof Date ? d.getTime() : typeof d === "number" ? d : d ? Date.parse(d) || null : null);

/**
 * `$.contact` from a Streams Contact (or the ContactSnapshot an onEnded /
 * onDestroy callback gets), per docs/host-contract.md. `firstSeenMs` is when
 * the page first saw the contact.
 */
export function contactSnapshot(contact, { firstSeenMs = null } = {}) {
  if (!contact) return null;
  const state = tryGet(() => contact.getState());
  const initial = tryGet(() => contact.getInitialConnection());
  const agentConn = tryGet(() => contact.getAgentConnection());
  const queue = tryGet(() => contact.getQueue());
  const id = tryGet(() => contact.getContactId());
  const initialId = tryGet(() => contact.getInitialContactId(), id);
  const type = tryGet(() => contact.getType());
  return {
    contactId: id,
    initialContactId: initialId,
    originalContactId: initialId,
    type,
    status: state ? { type: state.type ?? null, timestamp: ms(state.timestamp) } : null,
    statusDuration: tryGet(() => contact.getStateDuration()),
    queue: queue ? { name: queue.name ?? null, queueARN: queue.queueARN ?? null, queueId: queue.queueId ?? null } : null,
    queueTimestamp: ms(tryGet(() => contact.getQueueTimestamp())),
    attributes: tryGet(() => contact.getAttributes(), {}) || {},
    references: tryGet(() => contact.getReferences(), {}) || {},
    initiationMethod: tryGet(() => contact.getInitiationMethod()),
    isInbound: tryGet(() => contact.isInbound(), false),
    isSoftphoneCall: tryGet(() => contact.isSoftphoneCall(), false),
    isConnected: tryGet(() => contact.isConnected(), false),
    isMonitor: tryGet(() => agentConn.getType() === "monitoring", false),
    rawPhoneNumber: tryGet(() => initial.getEndpoint().phoneNumber),
    name: tryGet(() => contact.getName()),
    description: tryGet(() => contact.getDescription()),
    contactStartMs: firstSeenMs,
  };
}

/** `$.agent` from a Streams Agent, per docs/host-contract.md. */
export function agentSnapshot(agent) {
  if (!agent) return null;
  const cfg = tryGet(() => agent.getConfiguration(), {}) || {};
  const state = tryGet(() => agent.getState());
  return {
    name: cfg.name ?? null,
    username: cfg.username ?? null,
    extension: cfg.extension ?? null,
    softphoneEnabled: cfg.softphoneEnabled ?? null,
    dialableCountries: cfg.dialableCountries ?? [],
    permissions: cfg.permissions ?? [],
    routingProfile: cfg.routingProfile ?? null,
    agentStates: cfg.agentStates ?? [],
    agentARN: cfg.agentARN ?? null,
    state: state ? { name: state.name ?? null, type: state.type ?? null,
      agentStateARN: state.agentStateARN ?? null, startTimestamp: ms(state.startTimestamp) } : null,
    availabilityState: tryGet(() => agent.getAvailabilityState()),
  };
}
