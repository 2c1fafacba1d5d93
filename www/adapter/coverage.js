// What this page can fire and serve, against what the loaded flows need.
// The engine accepts flows bound to every event of every source and every
// block of its catalog; the page fires only the events it has wired and
// serves only some bridges. Without this check such a flow shows as active
// and never runs, or fails with UNSUPPORTED only when it runs.
//
// The page records what it wired (`wired`, "source/event" keys) as it starts;
// `eventGap` says why an event it did not wire never fires; `bridgeGap` says
// why a bridge call (`bridge.method`, as Engine.catalog() lists a block's
// `calls`) cannot be served; `flowNeeds` lists, per missing bridge, the
// loaded flows that need it.

import { CONSOLE, openCtiMethod, servedMethods } from "../shared/bridges.js";

const STREAMS_SOURCES = ["Initialization", "Amazon Connect Agent", "Voice Contact", "Queue Callback Contact",
  "Chat Contact", "Task Contact"];
const TASK_SESSION = ["onTransferInitiated", "onTransferSucceeded", "onTransferFailed", "onTaskExpiring", "onTaskExpired"];
const OPEN_CTI_LISTENERS = { onClickToDial: "onClickToDial", onNavigationChange: "onNavigationChange", onHvsWorkStart: "hvs.onWorkStart" };

/**
 * Why `source / event` never fires on this page (a text starting "needs …",
 * or for a CTI Action flow no button names, "no CTI Action names this
 * flow"), or null when it fires (or may: Salesforce Agent events come from
 * the host page, which relays them with ctiflowAdapter.fire). `ctiFlows`:
 * the flow names the configured CTI Actions run; `name`: the flow's name
 * (a CTI Action runs the one flow it names).
 */
export function eventGap(source, event, { wired, streams, ctiFlows = new Set() }, name = null) {
  if (source === "CTI Action" && wired.has(`${source}/${event}`) && name !== null && !ctiFlows.has(name)) {
    return "no CTI Action names this flow";
  }
  if (wired.has(`${source}/${event}`)) return null;
  if (source === "Salesforce Agent") return null;
  if (source === "Chat Contact" && (event === "onMessageReceived" || event === "onMessageSent")) {
    return "needs amazon-connect-chatjs (connect.ChatSession) on this page";
  }
  if (source === "Task Contact" && TASK_SESSION.includes(event)) {
    return "needs TaskJS (amazon-connect-taskjs, connect.TaskSession) on this page";
  }
  if (source === "CTI Action") return "needs a CTI Action naming it, and none is configured (the ctiActions setting)";
  if (STREAMS_SOURCES.includes(source)) {
    return streams ? `needs a Streams subscription this page lacks (${event})` : "needs the CCP, which did not start (see Problems)";
  }
  if (source === "Salesforce UI") return `needs Salesforce Open CTI ${OPEN_CTI_LISTENERS[event] || event}, which is not on this page`;
  return null;
}

const SERVER_SIDE = ["contact.updateAttributes", "contact.startRecording", "contact.stopRecording"];
/** Calls the engine serves itself (crates/wasm-dispatch js_host). */
const ENGINE_SIDE = ["platform.sleep", "platform.now"];

/**
 * Why this page cannot serve `call` ("bridge.method"), or null. `env`:
 * `{sforce, connect, presence, data, httpAllowlist}` as the page has them.
 */
export function bridgeGap(call, { sforce = null, connect = null, presence = null, data = null, httpAllowlist = [] } = {}) {
  const dot = call.indexOf(".");
  const bridge = call.slice(0, dot);
  const method = call.slice(dot + 1);
  if (SERVER_SIDE.includes(call)) {
    return "an Amazon Connect server-side API (bridges.md §5.5), which this page does not call";
  }
  if (ENGINE_SIDE.includes(call)) return null;
  const served = servedMethods();
  switch (bridge) {
    case "platform":
      if (method === "http" && !(httpAllowlist && httpAllowlist.length)) {
        return "httpAllowlist is empty, so every HTTP Request takes its failure port";
      }
      return served.platform.includes(method) ? null : "not served by this page";
    case "agent":
      if (method === "createTask" && !(connect && connect.Agent && typeof connect.Agent.prototype.createTask === "function")) {
        return "needs agent.createTask (a Streams build with tasks)";
      }
      return served.agent.includes(method) ? null : "not served by this page";
    case "contact":
    case "adapterUi":
      return served[bridge].includes(method) ? null : "not served by this page";
    case "omni":
      return presence && typeof presence[method] === "function" ? null
        : `needs the host page's Omni-Channel API (window.ctiflowPresence.${method})`;
    case "salesforceData":
      if (method === "saveLog" || method === "runApex") {
        return openCtiMethod(sforce, method) ? null : `needs Salesforce Open CTI (sforce.opencti.${method})`;
      }
      return data && typeof data[method] === "function" ? null
        : `needs the host page's Salesforce data API (window.ctiflowData.${method})`;
    case "salesforceUi":
      if (method in CONSOLE) {
        return sforce && sforce.console && typeof sforce.console[method] === "function" ? null
          : `needs the Salesforce console toolkit (sforce.console.${method})`;
      }
      return openCtiMethod(sforce, method) ? null : `needs Salesforce Open CTI (sforce.opencti.${method})`;
    default:
      return "not served by this page";
  }
}

/**
 * The bridges the active flows of a flow set need and this page lacks:
 * `[{call, reason, flows: ["name (source / event)"]}]`. `set` is the parsed
 * flow set, `files` its file texts, `validate(flow)` the engine's
 * (`{ok, graph: {name, actions: [{type, blockName}]}}`), `catalog` the
 * engine's block specs.
 */
export function flowNeeds(set, files, { validate, catalog, env }) {
  const calls = new Map();
  for (const spec of catalog) {
    for (const t of [spec.type, ...(spec.aliases || [])]) calls.set(t, spec.calls || []);
    calls.set(`name:${spec.name}`, spec.calls || []);
  }
  const needs = new Map();
  for (const entry of (set && Array.isArray(set.flows) ? set.flows : [])) {
    if (!entry || entry.active === false) continue;
    const flow = entry.flow !== undefined ? entry.flow : files[entry.file];
    if (flow === undefined) continue;
    let v;
    try { v = validate(flow); } catch { continue; }
    if (!v || !v.ok) continue;
    const label = `${v.graph.name} (${entry.source} / ${entry.event})`;
    for (const a of v.graph.actions) {
      for (const call of calls.get(a.type) || calls.get(`name:${a.blockName}`) || []) {
        const reason = bridgeGap(call, env);
        if (!reason) continue;
        if (!needs.has(call)) needs.set(call, { call, reason, flows: [] });
        const n = needs.get(call);
        if (!n.flows.includes(label)) n.flows.push(label);
      }
    }
  }
  return [...needs.values()];
}
