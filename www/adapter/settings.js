// The adapter page's settings: read, checked and normalised in one place.
// Pure (no DOM): `readSettings` is unit tested in node
// (tests/e2e/settings.test.mjs). The settings themselves are listed at the
// top of adapter.js.
//
// Trust rule. `window.CTIFLOW_CONFIG` is trusted: it is written by whoever
// deploys the page (config.js, served from the page's own origin). URL
// parameters are not: anyone can send an agent a crafted link. So a URL
// parameter may only set the settings in URL_SAFE (they change what is
// logged or offered, never what runs, what loads or where the page
// connects). Every other setting comes from CTIFLOW_CONFIG unless
// CTIFLOW_CONFIG opts in: `urlOverrides: ["flowSet", ...]` names the settings
// a URL may override, `urlOverrides: true` allows them all (development
// only). A URL parameter that is not allowed is ignored and reported once.
// Parameters that are not settings (Salesforce adds `sfdcIframeOrigin`,
// `mode`, ...) are left alone. Values from either place are then checked:
// a bad value is reported naming the setting, and the default is used.

/** Engine defaults (crates/engine `Limits`, crates/wasm-dispatch DEFAULT_CALL_TIMEOUT_MS). */
export const DEFAULTS = Object.freeze({
  maxSteps: 10_000, runWindowMs: 60_000, maxValueBytes: 4 * 1024 * 1024, maxTraceBytes: 32 * 1024 * 1024, callTimeoutMs: 10_000,
});

/** Settings a URL parameter may always set. */
export const URL_SAFE = Object.freeze(["echoLevel", "record", "recordDescription"]);

/** Every setting (and `urlOverrides`, which only CTIFLOW_CONFIG can hold). */
export const SETTINGS = Object.freeze([
  "ccpUrl", "instanceUrl", "region", "loginUrl", "loginPopup", "medialess", "ccpLoadTimeout",
  "flowSet", "flowSetInline", "openCtiUrl", "presenceRules", "presenceConfig", "httpAllowlist",
  "maxSteps", "runWindowMs", "maxValueBytes", "maxTraceBytes", "callTimeoutMs", "echoLevel", "record", "recordDescription",
  "ctiActions",
]);

/** Settings only CTIFLOW_CONFIG can hold, even with urlOverrides (they are structured, and say what runs). */
export const CONFIG_ONLY = Object.freeze(["ctiActions"]);

const CTI_ACTION_KEYS = ["label", "flow", "payload", "fields"];
const CTI_FIELD_KEYS = ["key", "label", "value"];

/**
 * Checks `ctiActions`: a list of `{label, flow, payload?, fields?: [{key,
 * label?, value?}]}`. Returns the good entries, normalised (`payload` an
 * object, each field with its `label` and `value`), and pushes one problem
 * per bad entry, naming its index and what is wrong: that entry is skipped.
 */
export function checkCtiActions(raw, problems) {
  if (!Array.isArray(raw)) {
    problems.push(`ctiActions: ${show(raw)} is not a list of CTI Actions ({label, flow, payload?, fields?}): no CTI Action buttons`);
    return [];
  }
  const text = (v) => typeof v === "string" && v.trim() !== "";
  const actions = [];
  raw.forEach((a, i) => {
    const name = isPlainObject(a) && text(a.label) ? `ctiActions[${i}] (${show(a.label)})` : `ctiActions[${i}]`;
    const bad = (why) => problems.push(`${name}: ${why}: skipped`);
    if (!isPlainObject(a)) return bad(`${show(a)} is not an object {label, flow, payload?, fields?}`);
    const unknown = Object.keys(a).filter((k) => !CTI_ACTION_KEYS.includes(k));
    if (unknown.length) return bad(`${unknown.map(show).join(", ")} ${unknown.length > 1 ? "are not keys" : "is not a key"} of a CTI Action (${CTI_ACTION_KEYS.join(", ")})`);
    if (!text(a.label)) return bad(`"label" must be a non-empty string, got ${show(a.label)}`);
    if (!text(a.flow)) return bad(`"flow" must be the name of a flow bound to CTI Action/onAction, got ${show(a.flow)}`);
    if (a.payload !== undefined && !isPlainObject(a.payload)) return bad(`"payload" must be an object, got ${show(a.payload)}`);
    if (a.fields !== undefined && !Array.isArray(a.fields)) return bad(`"fields" must be a list of {key, label?, value?}, got ${show(a.fields)}`);
    const fields = [];
    for (const [j, f] of (a.fields || []).entries()) {
      const at = `fields[${j}]`;
      if (!isPlainObject(f)) return bad(`${at} ${show(f)} is not an object {key, label?, value?}`);
      const extra = Object.keys(f).filter((k) => !CTI_FIELD_KEYS.includes(k));
      if (extra.length) return bad(`${at}: ${extra.map(show).join(", ")} ${extra.length > 1 ? "are not keys" : "is not a key"} of a field (${CTI_FIELD_KEYS.join(", ")})`);
      if (!text(f.key)) return bad(`${at}: "key" must be a non-empty string, got ${show(f.key)}`);
      if (fields.some((g) => g.key === f.key)) return bad(`${at}: key ${show(f.key)} appears twice`);
      if (f.label !== undefined && typeof f.label !== "string") return bad(`${at}: "label" must be a string, got ${show(f.label)}`);
      if (f.value !== undefined && typeof f.value !== "string") return bad(`${at}: "value" must be a string, got ${show(f.value)}`);
      fields.push({ key: f.key, label: f.label ?? f.key, value: f.value ?? "" });
    }
    actions.push({ label: a.label, flow: a.flow, payload: a.payload ? { ...a.payload } : {}, fields });
  });
  return actions;
}

const ECHO_LEVELS = ["TRACE", "DEBUG", "INFO", "LOG", "WARN", "ERROR", "CRITICAL"];
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** An error's text: its message, else the value as text. */
export function message(e) {
  return e && e.message ? e.message : String(e);
}

/** A value for a message: quoted, cut short. */
export function show(v) {
  let t;
  try { t = JSON.stringify(v) ?? String(v); } catch { t = String(v); }
  return t.length > 80 ? `${t.slice(0, 77)}…` : t;
}

/** https, or plain http on the page's own origin (local testing); never data:, blob:, javascript:. */
const webOrigin = (u, page) => u.protocol === "https:" || (u.protocol === page.protocol && u.origin === page.origin);

const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The engine's origin rule (crates/engine `origin_of`, `allowlist_origin`):
 * `scheme://host[:port]` with an optional trailing `/`, the scheme and host
 * in lower case, the port left out when it is the scheme's default. The
 * host is plain ASCII (letters, digits, `-`, `.`, `_`, or a bracketed IPv6
 * address): an international name must be written in punycode. Returns the
 * normalised origin, or null when the engine would not take `text` as an
 * allowlist entry.
 */
export function engineOrigin(text) {
  const m = /^(https?):\/\/(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d*))?\/?$/i.exec(String(text));
  if (!m) return null;
  const scheme = m[1].toLowerCase();
  const port = m[3] ? Number(m[3]) : null;
  if (port !== null && port > 65535) return null;
  const dflt = scheme === "https" ? 443 : 80;
  return `${scheme}://${m[2].toLowerCase()}${port === null || port === dflt ? "" : `:${port}`}`;
}

/**
 * Reads the settings. `config` is CTIFLOW_CONFIG, `search` the page's
 * `location.search`, `pageUrl` its `location.href`. Returns `{cfg, problems}`:
 * `cfg` holds checked values only (a bad one is left out, so its default
 * applies), `problems` one text per problem, each naming the setting.
 */
export function readSettings(config, search = "", pageUrl = "https://adapter.invalid/") {
  const problems = [];
  const page = new URL(pageUrl);
  let base = config;
  if (base === undefined || base === null) base = {};
  if (!isPlainObject(base)) {
    problems.push(`CTIFLOW_CONFIG is not an object (${show(base)}): ignored`);
    base = {};
  }
  const cfg = {};
  for (const [k, v] of Object.entries(base)) {
    if (k === "urlOverrides") continue;
    if (SETTINGS.includes(k)) cfg[k] = v;
    else problems.push(`CTIFLOW_CONFIG.${k} is not a setting: ignored (settings: ${SETTINGS.join(", ")})`);
  }

  // URL parameters, per the trust rule.
  let allowed = new Set(URL_SAFE);
  const opt = base.urlOverrides;
  if (opt === true) allowed = new Set(SETTINGS.filter((k) => !CONFIG_ONLY.includes(k)));
  else if (Array.isArray(opt)) {
    for (const k of opt) {
      if (CONFIG_ONLY.includes(k)) problems.push(`CTIFLOW_CONFIG.urlOverrides: ${show(k)} comes only from CTIFLOW_CONFIG, never from the URL`);
      else if (SETTINGS.includes(k)) allowed.add(k);
      else problems.push(`CTIFLOW_CONFIG.urlOverrides: ${show(k)} is not a setting`);
    }
  } else if (opt !== undefined && opt !== false) {
    problems.push(`CTIFLOW_CONFIG.urlOverrides must be a list of setting names or true, got ${show(opt)}: ignored`);
  }
  const ignored = [];
  for (const [k, v] of new URLSearchParams(search)) {
    if (!SETTINGS.includes(k)) continue;
    if (allowed.has(k)) cfg[k] = v;
    else if (!ignored.includes(k)) ignored.push(k);
  }
  const never = ignored.filter((k) => CONFIG_ONLY.includes(k));
  const unlisted = ignored.filter((k) => !CONFIG_ONLY.includes(k));
  if (unlisted.length) {
    problems.push(`URL parameters ignored: ${unlisted.join(", ")}. These settings come only from CTIFLOW_CONFIG ` +
      `(config.js); to let the URL set them, list them in CTIFLOW_CONFIG.urlOverrides`);
  }
  if (never.length) problems.push(`URL parameters ignored: ${never.join(", ")}. Only CTIFLOW_CONFIG (config.js) sets them`);

  const drop = (k, why) => {
    problems.push(`${k}: ${show(cfg[k])} ${why}`);
    delete cfg[k];
  };
  const given = (k) => cfg[k] !== undefined && cfg[k] !== null && cfg[k] !== "";
  for (const k of Object.keys(cfg)) if (!given(k)) delete cfg[k];

  // An absolute https URL (or, for testing, one on the page's own origin).
  const webUrl = (k) => {
    if (!given(k)) return;
    let u;
    try { u = new URL(String(cfg[k])); } catch {
      const hint = /^[\w-]+(\.[\w-]+)+(\/.*)?$/.test(String(cfg[k])) ? ` (did you mean "https://${cfg[k]}"?)` : "";
      return drop(k, `is not an absolute URL${hint}: ignored`);
    }
    if (!webOrigin(u, page)) return drop(k, "is not an https URL: ignored");
    cfg[k] = u.href;
  };
  webUrl("instanceUrl");
  webUrl("ccpUrl");
  webUrl("loginUrl");
  if (!cfg.ccpUrl && cfg.instanceUrl) cfg.ccpUrl = `${cfg.instanceUrl.replace(/\/+$/, "")}/ccp-v2/`;
  if (given("region") && !REGION.test(String(cfg.region))) drop("region", "is not an AWS region name (such as us-east-1): ignored");

  // Open CTI is loaded as a script: https, or the page's own origin; never
  // data:, blob:, javascript:.
  if (given("openCtiUrl")) {
    let u = null;
    try { u = new URL(String(cfg.openCtiUrl), page); } catch { /* below */ }
    if (!u || !webOrigin(u, page)) {
      drop("openCtiUrl", "refused: Open CTI is loaded as a script, so it must be an https URL or on this page's origin");
    } else cfg.openCtiUrl = u.href;
  }
  // Fetched as data: http(s) (relative to the page).
  for (const k of ["flowSet", "presenceRules"]) {
    if (!given(k)) continue;
    let u = null;
    try { u = new URL(String(cfg[k]), page); } catch { /* below */ }
    if (!u || (u.protocol !== "https:" && u.protocol !== "http:")) drop(k, "is not an http(s) URL: ignored");
    else cfg[k] = u.href;
  }
  if (given("flowSetInline") && typeof cfg.flowSetInline !== "string" && !isPlainObject(cfg.flowSetInline)) {
    drop("flowSetInline", "is neither JSON text nor an object: ignored");
  }
  if (given("presenceConfig") && !isPlainObject(cfg.presenceConfig)) {
    try {
      const parsed = JSON.parse(String(cfg.presenceConfig));
      if (!isPlainObject(parsed)) throw new Error("not an object");
      cfg.presenceConfig = parsed;
    } catch (e) {
      drop("presenceConfig", `is not a JSON object (${e.message}): presence rules are not loaded`);
      delete cfg.presenceRules;
    }
  }

  // HTTP Request may reach these origins only.
  if (given("httpAllowlist")) {
    const raw = cfg.httpAllowlist;
    const list = typeof raw === "string" ? raw.split(/[\s,]+/).filter(Boolean) : raw;
    if (!Array.isArray(list)) drop("httpAllowlist", "is not a list of origins: HTTP Request reaches nothing");
    else {
      cfg.httpAllowlist = [];
      // Kept as the engine compares them (engineOrigin); an entry the
      // browser would read as another origin than the engine does is left
      // out, with the spelling that works.
      for (const o of list) {
        const mine = typeof o === "string" ? engineOrigin(o.trim()) : null;
        let u = null;
        try { u = new URL(String(o)); } catch { /* below */ }
        const browser = u && ["https:", "http:"].includes(u.protocol) && u.pathname === "/" &&
          !u.search && !u.hash && !u.username && !u.password ? u.origin : null;
        if (mine !== null && mine === browser) cfg.httpAllowlist.push(mine);
        else if (typeof o === "string" && browser !== null) {
          const why = /[^\x00-\x7f]/.test(o) ? "has a non-ASCII host" : "is not spelled as the engine compares origins";
          problems.push(`httpAllowlist: ${show(o)} ${why}: write it as ${show(browser)} ` +
            "(and the flows' URLs in that form too): left out");
        } else {
          problems.push(`httpAllowlist: ${show(o)} is not an origin such as "https://api.example.com": left out`);
        }
      }
    }
  }

  // Numbers: a bad one would switch a limit off (NaN → JSON null →
  // unlimited) or stop the engine from starting.
  const number = (k, { integer = false, fallback }) => {
    if (!given(k)) return;
    const v = cfg[k];
    const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
      drop(k, `is not a positive ${integer ? "integer" : "number"}: using ${fallback}`);
    } else if (integer && n > Number.MAX_SAFE_INTEGER) {
      // The engine refuses it too (crates/wasm check_limits): past 2^53 - 1
      // a JS number is no longer an exact integer.
      drop(k, `is over ${Number.MAX_SAFE_INTEGER} (Number.MAX_SAFE_INTEGER): using ${fallback}`);
    } else cfg[k] = n;
  };
  number("maxSteps", { integer: true, fallback: `the default (${DEFAULTS.maxSteps})` });
  number("runWindowMs", { fallback: `the default (${DEFAULTS.runWindowMs} ms)` });
  number("maxValueBytes", { integer: true, fallback: `the default (${DEFAULTS.maxValueBytes} bytes)` });
  number("maxTraceBytes", { integer: true, fallback: `the default (${DEFAULTS.maxTraceBytes} bytes)` });
  number("callTimeoutMs", { fallback: `the default (${DEFAULTS.callTimeoutMs} ms)` });
  number("ccpLoadTimeout", { fallback: "Streams' default" });

  const bool = (k, d) => {
    const v = cfg[k];
    if (v === undefined) cfg[k] = d;
    else if (v === true || v === "true" || v === "1" || v === 1) cfg[k] = true;
    else if (v === false || v === "false" || v === "0" || v === 0) cfg[k] = false;
    else { drop(k, `is not true or false: using ${d}`); cfg[k] = d; }
  };
  bool("loginPopup", true);
  bool("medialess", false);
  bool("record", false);

  if (given("echoLevel")) {
    const lv = String(cfg.echoLevel).toUpperCase();
    if (ECHO_LEVELS.includes(lv)) cfg.echoLevel = lv;
    else drop("echoLevel", `is not one of ${ECHO_LEVELS.join(", ")}: using WARN`);
  }
  if (given("recordDescription")) cfg.recordDescription = String(cfg.recordDescription).slice(0, 500);
  if (given("ctiActions")) cfg.ctiActions = checkCtiActions(cfg.ctiActions, problems);
  return { cfg, problems };
}

/**
 * The engine's options from checked settings (`readSettings(...).cfg`).
 * Only checked values reach here: a bad limit was left out, so the engine's
 * default applies; never NaN (JSON null: no limit).
 */
export function engineOptions(cfg) {
  const limits = {};
  for (const k of ["maxSteps", "runWindowMs", "maxValueBytes", "maxTraceBytes"]) {
    if (cfg[k] !== undefined) limits[k] = cfg[k];
  }
  const options = { limits, httpAllowlist: cfg.httpAllowlist || [] };
  if (cfg.callTimeoutMs !== undefined) options.callTimeoutMs = cfg.callTimeoutMs;
  return options;
}

/**
 * `new Engine(engineOptions(cfg))`. When the engine refuses the options, it
 * is made again without the limits (their defaults apply) and with every
 * other option kept (httpAllowlist, callTimeoutMs); only when that is
 * refused too does it start with all its defaults. Returns `{engine,
 * problems}`, one text per fallback taken. `Engine` is the wasm class
 * (a parameter, so that this stays testable without the page).
 */
export function makeEngine(Engine, cfg) {
  const problems = [];
  const options = engineOptions(cfg);
  try {
    return { engine: new Engine(options), problems };
  } catch (e) {
    const kept = Object.keys(options).filter((k) => k !== "limits");
    if (Object.keys(options.limits).length) {
      try {
        const engine = new Engine({ ...options, limits: {} });
        problems.push(`engine options refused (${message(e)}): the engine starts with its default limits ` +
          `(${Object.keys(options.limits).join(", ")} ignored; ${kept.join(", ")} kept)`);
        return { engine, problems };
      } catch { /* below: the limits were not (all) the reason */ }
    }
    problems.push(`engine options refused (${message(e)}): the engine starts with its defaults ` +
      `(limits, ${kept.join(", ")} ignored)`);
    return { engine: new Engine({}), problems };
  }
}
