// Unit tests (plain node, no browser) of the adapter page's settings
// (www/adapter/settings.js) and of what it checks the flows against
// (www/adapter/coverage.js). Run: node --test tests/e2e/
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { DEFAULTS, engineOptions, engineOrigin, makeEngine, readSettings, SETTINGS, URL_SAFE } from "../../www/adapter/settings.js";
import { bridgeGap, eventGap, flowNeeds } from "../../www/adapter/coverage.js";

const PAGE = "https://adapter.example.com/www/adapter/index.html";
const read = (config, search = "") => readSettings(config, search, PAGE);

test("URL parameters cannot set trusted settings without the opt-in: one message names them", () => {
  const evil = "?openCtiUrl=data:text/javascript,alert(1)&flowSet=https://evil.example/set.json" +
    "&ccpUrl=https://evil.example/ccp&instanceUrl=https://evil.example&loginUrl=https://evil.example/login" +
    "&presenceRules=https://evil.example/r.json&httpAllowlist=https://evil.example&flowSetInline={}" +
    "&maxSteps=99999999&runWindowMs=99999999&medialess=true&loginPopup=false" +
    "&echoLevel=error&record=1&recordDescription=mine&sfdcIframeOrigin=https://x.lightning.force.com&mode=Lightning";
  const { cfg, problems } = read({ flowSet: "/flows/flow-set.json", ccpUrl: "https://inst.my.connect.aws/ccp-v2/" }, evil);
  assert.equal(cfg.flowSet, "https://adapter.example.com/flows/flow-set.json");
  assert.equal(cfg.ccpUrl, "https://inst.my.connect.aws/ccp-v2/");
  for (const k of ["openCtiUrl", "instanceUrl", "loginUrl", "presenceRules", "httpAllowlist", "flowSetInline", "maxSteps", "runWindowMs"]) {
    assert.equal(cfg[k], undefined, k);
  }
  assert.equal(cfg.medialess, false);
  assert.equal(cfg.loginPopup, true);
  // The harmless ones apply.
  assert.equal(cfg.echoLevel, "ERROR");
  assert.equal(cfg.record, true);
  assert.equal(cfg.recordDescription, "mine");
  // One message; Salesforce's own parameters are not settings and not reported.
  assert.equal(problems.length, 1, problems.join("\n"));
  assert.match(problems[0], /^URL parameters ignored: openCtiUrl, flowSet, ccpUrl, instanceUrl, loginUrl, presenceRules, httpAllowlist, flowSetInline, maxSteps, runWindowMs, medialess, loginPopup\. .*urlOverrides/);
  assert.doesNotMatch(problems[0], /sfdcIframeOrigin|mode|echoLevel|record/);
});

test("urlOverrides opts in: a list names settings, true allows all; never urlOverrides itself", () => {
  let r = read({ urlOverrides: ["flowSet", "maxSteps"] }, "?flowSet=/x.json&maxSteps=50&ccpUrl=https://evil.example/ccp&urlOverrides=true");
  assert.equal(r.cfg.flowSet, "https://adapter.example.com/x.json");
  assert.equal(r.cfg.maxSteps, 50);
  assert.equal(r.cfg.ccpUrl, undefined);
  assert.deepEqual(r.problems, [r.problems[0]]);
  assert.match(r.problems[0], /ignored: ccpUrl\./);
  r = read({ urlOverrides: true }, "?flowSet=/x.json&ccpUrl=https://inst.my.connect.aws/ccp-v2/&httpAllowlist=https://a.example,https://b.example:8443");
  assert.deepEqual(r.problems, []);
  assert.equal(r.cfg.ccpUrl, "https://inst.my.connect.aws/ccp-v2/");
  assert.deepEqual(r.cfg.httpAllowlist, ["https://a.example", "https://b.example:8443"]);
  r = read({ urlOverrides: ["flowSett"] });
  assert.match(r.problems[0], /urlOverrides: "flowSett" is not a setting/);
  r = read({ urlOverrides: "yes" }, "?flowSet=/x.json");
  assert.equal(r.cfg.flowSet, undefined);
  assert.equal(r.problems.length, 2);
  assert.ok(URL_SAFE.every((k) => SETTINGS.includes(k)));
});

test("openCtiUrl is https or this page's origin, never data:, blob:, javascript: (even from CTIFLOW_CONFIG)", () => {
  for (const bad of ["data:text/javascript,alert(1)", "javascript:alert(1)", "blob:https://adapter.example.com/x",
    "http://evil.example/opencti.js", "//evil.example:80/x.js".replace("//", "http://")]) {
    const { cfg, problems } = read({ openCtiUrl: bad, urlOverrides: true });
    assert.equal(cfg.openCtiUrl, undefined, bad);
    assert.equal(problems.length, 1, bad);
    assert.match(problems[0], /^openCtiUrl: .* refused: Open CTI is loaded as a script/);
  }
  assert.equal(read({ openCtiUrl: "https://org.my.salesforce.com/support/api/62.0/lightning/opencti_min.js" }).cfg.openCtiUrl,
    "https://org.my.salesforce.com/support/api/62.0/lightning/opencti_min.js");
  assert.equal(readSettings({ openCtiUrl: "/vendor/opencti.js" }, "", "http://127.0.0.1:8080/www/adapter/").cfg.openCtiUrl,
    "http://127.0.0.1:8080/vendor/opencti.js");
});

test("bad limits are reported naming the setting and fall back to the default, never to no limit", () => {
  const { cfg, problems } = read({ maxSteps: "ten", runWindowMs: "abc", callTimeoutMs: -1, ccpLoadTimeout: "soon" });
  assert.equal(cfg.maxSteps, undefined);
  assert.equal(cfg.runWindowMs, undefined);
  assert.equal(cfg.callTimeoutMs, undefined);
  assert.equal(cfg.ccpLoadTimeout, undefined);
  assert.deepEqual(problems, [
    `maxSteps: "ten" is not a positive integer: using the default (${DEFAULTS.maxSteps})`,
    `runWindowMs: "abc" is not a positive number: using the default (${DEFAULTS.runWindowMs} ms)`,
    `callTimeoutMs: -1 is not a positive number: using the default (${DEFAULTS.callTimeoutMs} ms)`,
    `ccpLoadTimeout: "soon" is not a positive number: using Streams' default`,
  ]);
  for (const [k, v] of [["maxSteps", 0], ["maxSteps", 2.5], ["maxSteps", "Infinity"], ["maxSteps", NaN], ["maxSteps", null],
    ["runWindowMs", 0], ["runWindowMs", "1e999"], ["callTimeoutMs", "0"], ["maxSteps", true], ["maxSteps", [5]]]) {
    const r = read({ [k]: v });
    assert.equal(r.cfg[k], undefined, `${k}=${v}`);
    if (v !== null) assert.match(r.problems[0] || "", new RegExp(`^${k}: `), `${k}=${v}`);
  }
  assert.deepEqual(read({ maxSteps: "200", runWindowMs: 1500.5, callTimeoutMs: "2000" }).cfg.maxSteps, 200);
  assert.equal(read({ runWindowMs: 1500.5 }).cfg.runWindowMs, 1500.5);
  assert.equal(read({ maxSteps: "" }).problems.length, 0);
});

test("integer limits over Number.MAX_SAFE_INTEGER are reported naming the setting, as the engine refuses them", () => {
  for (const k of ["maxSteps", "maxValueBytes", "maxTraceBytes"]) {
    for (const v of [2 ** 53, 1.8e19, "1e20", 1.7e308]) {
      const r = read({ [k]: v });
      assert.equal(r.cfg[k], undefined, `${k}=${v}`);
      assert.equal(r.problems.length, 1, `${k}=${v}`);
      assert.match(r.problems[0], new RegExp(`^${k}: .* is over 9007199254740991 \\(Number.MAX_SAFE_INTEGER\\): using the default`));
    }
    assert.deepEqual(read({ [k]: Number.MAX_SAFE_INTEGER }), { cfg: { [k]: Number.MAX_SAFE_INTEGER, loginPopup: true, medialess: false, record: false }, problems: [] });
  }
  // Not an integer limit: any positive finite number.
  assert.equal(read({ runWindowMs: 1e20 }).cfg.runWindowMs, 1e20);
});

/** A stand-in for the wasm Engine that refuses `refuse(options)`, recording what it was given. */
function fakeEngine(refuse) {
  const made = [];
  class Engine {
    constructor(options) {
      made.push(options);
      const why = refuse(options);
      if (why) throw new Error(why);
      this.options = options;
    }
  }
  return { Engine, made };
}

test("engine options the engine refuses: it starts without the limits, keeping httpAllowlist and callTimeoutMs", () => {
  const cfg = { maxSteps: 50, runWindowMs: 1000, httpAllowlist: ["https://api.example.com"], callTimeoutMs: 2000 };
  assert.deepEqual(engineOptions(cfg), {
    limits: { maxSteps: 50, runWindowMs: 1000 }, httpAllowlist: ["https://api.example.com"], callTimeoutMs: 2000,
  });
  // Accepted: made once, no problem.
  let f = fakeEngine(() => null);
  let r = makeEngine(f.Engine, cfg);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.engine.options, engineOptions(cfg));
  // A limit refused: made again with the default limits, the rest kept, and said so.
  f = fakeEngine((o) => o.limits.maxSteps && "Engine options.limits: maxSteps must be at most 9007199254740991");
  r = makeEngine(f.Engine, cfg);
  assert.equal(f.made.length, 2);
  assert.deepEqual(r.engine.options, { limits: {}, httpAllowlist: ["https://api.example.com"], callTimeoutMs: 2000 });
  assert.deepEqual(r.problems, ["engine options refused (Engine options.limits: maxSteps must be at most 9007199254740991): " +
    "the engine starts with its default limits (maxSteps, runWindowMs ignored; httpAllowlist, callTimeoutMs kept)"]);
  // Refused without the limits too: all defaults, and said so.
  f = fakeEngine((o) => o.callTimeoutMs && "Engine options: callTimeoutMs must be a positive number");
  r = makeEngine(f.Engine, cfg);
  assert.equal(f.made.length, 3);
  assert.deepEqual(r.engine.options, {});
  assert.match(r.problems[0], /^engine options refused \(Engine options: callTimeoutMs .*\): the engine starts with its defaults \(limits, httpAllowlist, callTimeoutMs ignored\)$/);
  // No limits given: no retry without them.
  f = fakeEngine((o) => o.httpAllowlist?.length && "Engine options: httpAllowlist entry");
  r = makeEngine(f.Engine, { httpAllowlist: ["x"] });
  assert.equal(f.made.length, 2);
  assert.equal(r.problems.length, 1);
});

// The real engine (www/pkg, built by scripts/build-wasm.sh), in node.
const PKG = new URL("../../www/pkg/", import.meta.url);
const built = existsSync(new URL("ctiflow_wasm_bg.wasm", PKG));
test("the real engine: a limit it refuses leaves the HTTP allowlist in force", { skip: !built && "www/pkg missing: run scripts/build-wasm.sh" }, async () => {
  const { default: init, Engine } = await import(new URL("ctiflow_wasm.js", PKG));
  await init({ module_or_path: readFileSync(new URL("ctiflow_wasm_bg.wasm", PKG)) });
  const { engine, problems } = makeEngine(Engine, { maxSteps: 2 ** 53, httpAllowlist: ["https://api.example.com"] });
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^engine options refused \(Engine options\.limits: maxSteps must be at most 9007199254740991 \(Number\.MAX_SAFE_INTEGER\), got 9007199254740992\): the engine starts with its default limits/);
  const flow = (url) => ({ name: "Http", actions: [
    { id: "s", type: "SE_Start", ports: { done: "h" } },
    { id: "h", type: "SE_CoreHttpRequest", controls: { url }, ports: { success: "e", failure: "e" } },
    { id: "e", type: "SE_End" }] });
  const outcome = async (url) => (await engine.runFlow(flow(url), { source: "Voice Contact", event: "onConnecting" }))
    .trace.find((t) => t.kind === "step" && t.action === "h").outcome;
  assert.equal(await outcome("https://api.example.com/v1"), "success");
  assert.equal(await outcome("https://other.example.com/v1"), "failure");
});

// A run busy for 8 ms yields on a MessageChannel; in node an idle port with
// a listener kept the process alive for good (a CLI or test that never
// ended). Run in a child process, so a hang fails this test, not the suite.
test("the real engine in node: a run that yields lets the process end", { skip: !built && "www/pkg missing: run scripts/build-wasm.sh" }, () => {
  const code = `
    import { readFileSync } from "node:fs";
    const pkg = ${JSON.stringify(PKG.href)};
    const { default: init, Engine } = await import(pkg + "ctiflow_wasm.js");
    await init({ module_or_path: readFileSync(new URL("ctiflow_wasm_bg.wasm", pkg)) });
    const engine = new Engine({ limits: { maxSteps: 300000 } });
    const loop = { name: "Loop", actions: [{ id: "0", type: "SE_Start", ports: { done: "0" } }] };
    const t0 = performance.now();
    const r = await engine.runFlow(loop, { source: "Voice Contact", event: "onConnecting" });
    console.log(r.end.reason, r.steps, Math.round(performance.now() - t0));`;
  const p = spawnSync(process.execPath, ["--input-type=module", "-e", code], { timeout: 20_000, encoding: "utf8" });
  assert.equal(p.signal, null, `the process did not end (${p.signal}): ${p.stdout} ${p.stderr}`);
  assert.equal(p.status, 0, p.stderr);
  const [reason, , ms] = p.stdout.trim().split(" ");
  assert.ok(["stepBudget", "traceSize"].includes(reason), p.stdout); // whichever limit comes first
  assert.ok(Number(ms) > 8, `the run took ${ms} ms, too short to yield: make it longer`);
});

test("instance, CCP and login URLs must be absolute https URLs; region must look like one", () => {
  let r = read({ instanceUrl: "myinst.my.connect.aws" });
  assert.equal(r.cfg.ccpUrl, undefined);
  assert.deepEqual(r.problems, ['instanceUrl: "myinst.my.connect.aws" is not an absolute URL (did you mean "https://myinst.my.connect.aws"?): ignored']);
  r = read({ ccpUrl: "not a url" });
  assert.equal(r.cfg.ccpUrl, undefined);
  assert.match(r.problems[0], /^ccpUrl: "not a url" is not an absolute URL: ignored$/);
  r = read({ ccpUrl: "http://inst.my.connect.aws/ccp-v2/", loginUrl: "ftp://idp.example/sso", region: "US East" });
  assert.equal(r.cfg.ccpUrl, undefined);
  assert.equal(r.cfg.loginUrl, undefined);
  assert.equal(r.cfg.region, undefined);
  assert.equal(r.problems.length, 3);
  assert.match(r.problems.join("\n"), /ccpUrl: .* is not an https URL[\s\S]*loginUrl: .* is not an https URL[\s\S]*region: "US East" is not an AWS region/);
  r = read({ instanceUrl: "https://myinst.my.connect.aws/", region: "us-gov-west-1", loginUrl: "https://idp.example/sso?app=1" });
  assert.deepEqual(r.problems, []);
  assert.equal(r.cfg.ccpUrl, "https://myinst.my.connect.aws/ccp-v2/");
  assert.equal(r.cfg.region, "us-gov-west-1");
  // The page's own origin is allowed (the e2e tests' fake CCP).
  assert.equal(readSettings({ ccpUrl: "http://127.0.0.1:9/fake-ccp.html" }, "", "http://127.0.0.1:9/www/adapter/").cfg.ccpUrl,
    "http://127.0.0.1:9/fake-ccp.html");
});

test("httpAllowlist: a list or text of origins; others are reported and left out", () => {
  let r = read({ httpAllowlist: "https://a.example https://b.example/" });
  assert.deepEqual(r.cfg.httpAllowlist, ["https://a.example", "https://b.example"]);
  r = read({ httpAllowlist: ["https://a.example", "https://a.example/path", "ftp://c.example", 7] });
  assert.deepEqual(r.cfg.httpAllowlist, ["https://a.example"]);
  assert.equal(r.problems.length, 3);
  r = read({ httpAllowlist: { a: 1 } });
  assert.equal(r.cfg.httpAllowlist, undefined);
  assert.match(r.problems[0], /^httpAllowlist: .* is not a list of origins/);
});

// The same table as crates/engine engine.rs
// `origins_are_normalised_as_the_adapter_settings_normalise_them`.
test("httpAllowlist entries are normalised as the engine compares origins", () => {
  for (const [entry, origin] of [
    ["https://API.Example.COM", "https://api.example.com"],
    ["HTTPS://api.example.com/", "https://api.example.com"],
    ["https://api.example.com:443/", "https://api.example.com"],
    ["https://api.example.com:0443", "https://api.example.com"],
    ["https://api.example.com:", "https://api.example.com"],
    ["http://api.example.com:80", "http://api.example.com"],
    ["http://api.example.com:443", "http://api.example.com:443"],
    ["https://api.example.com:80", "https://api.example.com:80"],
    ["https://api.example.com:08443", "https://api.example.com:8443"],
    ["https://xn--bcher-kva.example", "https://xn--bcher-kva.example"],
    ["https://[::1]:8443", "https://[::1]:8443"],
    ["https://[FE80::1]:443", "https://[fe80::1]"],
    ["https://my_host.example", "https://my_host.example"],
  ]) {
    assert.equal(engineOrigin(entry), origin, entry);
    const r = read({ httpAllowlist: [entry] });
    assert.deepEqual(r.problems, [], entry);
    assert.deepEqual(r.cfg.httpAllowlist, [origin], entry);
    // What the browser makes of it is the same origin.
    assert.equal(new URL(entry).origin, origin, entry);
  }
  for (const entry of ["https://bücher.example", "https://user:pw@api.example.com", "https://api.example.com:65536",
    "https://api.example.com:12a", "https://", "https://api example.com", "https://%61pi.example.com", "https://[::1",
    "mailto:a@b", "https://a.example/v1", "https://a.example?x", "https://a.example#x"]) {
    assert.equal(engineOrigin(entry), null, entry);
  }
  // Spellings the browser reads as another origin than the engine does:
  // left out, naming the spelling that works.
  for (const [entry, write, why] of [
    ["https://bücher.example", "https://xn--bcher-kva.example", "has a non-ASCII host"],
    ["https://BÜCHER.example:443/", "https://xn--bcher-kva.example", "has a non-ASCII host"],
    ["https://0x7f.1", "https://127.0.0.1", "is not spelled as the engine compares origins"],
    ["https://[0:0::1]", "https://[::1]", "is not spelled as the engine compares origins"],
    ["https://%61pi.example.com", "https://api.example.com", "is not spelled as the engine compares origins"],
    ["https:api.example.com", "https://api.example.com", "is not spelled as the engine compares origins"],
  ]) {
    const r = read({ httpAllowlist: [entry, "https://ok.example"] });
    assert.deepEqual(r.cfg.httpAllowlist, ["https://ok.example"], entry);
    assert.deepEqual(r.problems, [`httpAllowlist: ${JSON.stringify(entry)} ${why}: write it as "${write}" ` +
      "(and the flows' URLs in that form too): left out"], entry);
  }
});

test("CTIFLOW_CONFIG typos and bad shapes are reported", () => {
  let r = read({ httpAllowList: [], flowset: "/x.json" });
  assert.equal(r.problems.length, 2);
  assert.match(r.problems[0], /CTIFLOW_CONFIG.httpAllowList is not a setting/);
  r = read("flowSet=/x.json");
  assert.match(r.problems[0], /CTIFLOW_CONFIG is not an object/);
  r = read({ presenceRules: "/rules.json", presenceConfig: "{nope" });
  assert.equal(r.cfg.presenceRules, undefined);
  assert.match(r.problems[0], /^presenceConfig: .* presence rules are not loaded$/);
  assert.deepEqual(read({ presenceConfig: '{"settleMs": 5}' }).cfg.presenceConfig, { settleMs: 5 });
  assert.match(read({ medialess: "yes" }).problems[0], /^medialess: "yes" is not true or false: using false$/);
  assert.match(read({}, "?echoLevel=LOUD").problems[0], /^echoLevel: "LOUD" is not one of/);
});

test("ctiActions: CTIFLOW_CONFIG only; a bad entry is reported naming its index and skipped, the rest used", () => {
  const good = { label: "Log call", flow: "Log call flow" };
  const withFields = { label: "Transfer", flow: "Transfer flow", payload: { to: "Billing", n: 1 },
    fields: [{ key: "reason", label: "Reason", value: "upsell" }, { key: "note" }] };
  let r = read({ ctiActions: [
    good,
    "Log call",
    { label: "", flow: "x" },
    { label: "No flow" },
    { label: "Bad payload", flow: "x", payload: [1] },
    { label: "Typo", flow: "x", feilds: [] },
    { label: "Bad fields", flow: "x", fields: { key: "a" } },
    { label: "Field without key", flow: "x", fields: [{ label: "A" }] },
    { label: "Number value", flow: "x", fields: [{ key: "a", value: 5 }] },
    { label: "Twice", flow: "x", fields: [{ key: "a" }, { key: "a" }] },
    withFields,
  ] });
  assert.deepEqual(r.cfg.ctiActions, [
    { label: "Log call", flow: "Log call flow", payload: {}, fields: [] },
    { label: "Transfer", flow: "Transfer flow", payload: { to: "Billing", n: 1 },
      fields: [{ key: "reason", label: "Reason", value: "upsell" }, { key: "note", label: "note", value: "" }] },
  ]);
  assert.deepEqual(r.problems, [
    'ctiActions[1]: "Log call" is not an object {label, flow, payload?, fields?}: skipped',
    'ctiActions[2]: "label" must be a non-empty string, got "": skipped',
    'ctiActions[3] ("No flow"): "flow" must be the name of a flow bound to CTI Action/onAction, got undefined: skipped',
    'ctiActions[4] ("Bad payload"): "payload" must be an object, got [1]: skipped',
    'ctiActions[5] ("Typo"): "feilds" is not a key of a CTI Action (label, flow, payload, fields): skipped',
    'ctiActions[6] ("Bad fields"): "fields" must be a list of {key, label?, value?}, got {"key":"a"}: skipped',
    'ctiActions[7] ("Field without key"): fields[0]: "key" must be a non-empty string, got undefined: skipped',
    'ctiActions[8] ("Number value"): fields[0]: "value" must be a string, got 5: skipped',
    'ctiActions[9] ("Twice"): fields[1]: key "a" appears twice: skipped',
  ]);
  // Not a list: no buttons. Absent: none, no problem.
  r = read({ ctiActions: { label: "x", flow: "y" } });
  assert.deepEqual(r.cfg.ctiActions, []);
  assert.match(r.problems[0], /^ctiActions: .* is not a list of CTI Actions .*: no CTI Action buttons$/);
  assert.equal(read({}).cfg.ctiActions, undefined);
  assert.deepEqual(read({}).problems, []);
  // Never from the URL, even with urlOverrides.
  const url = `?ctiActions=${encodeURIComponent(JSON.stringify([good]))}`;
  for (const urlOverrides of [undefined, true, ["ctiActions"]]) {
    r = read({ urlOverrides }, url);
    assert.equal(r.cfg.ctiActions, undefined, String(urlOverrides));
    assert.ok(r.problems.includes("URL parameters ignored: ctiActions. Only CTIFLOW_CONFIG (config.js) sets them"), r.problems.join("\n"));
  }
  assert.ok(read({ urlOverrides: ["ctiActions"] }).problems
    .includes('CTIFLOW_CONFIG.urlOverrides: "ctiActions" comes only from CTIFLOW_CONFIG, never from the URL'));
});

test("events the page never fires and bridges it cannot serve are named", () => {
  const wired = new Set(["Voice Contact/onConnecting", "Chat Contact/onViewContact"]);
  const env = { wired, streams: true };
  assert.equal(eventGap("Voice Contact", "onConnecting", env), null);
  assert.equal(eventGap("Chat Contact", "onViewContact", env), null);
  assert.match(eventGap("Chat Contact", "onMessageReceived", env), /^needs amazon-connect-chatjs/);
  assert.match(eventGap("Task Contact", "onTaskExpiring", env), /^needs TaskJS/);
  assert.match(eventGap("CTI Action", "onAction", env, "Log call"), /^needs a CTI Action naming it, and none is configured/);
  // With CTI Actions configured: a flow fires when an action names it.
  const cti = { wired: new Set(["CTI Action/onAction"]), streams: true, ctiFlows: new Set(["Log call"]) };
  assert.equal(eventGap("CTI Action", "onAction", cti, "Log call"), null);
  assert.equal(eventGap("CTI Action", "onAction", cti, "Transfer"), "no CTI Action names this flow");
  assert.match(eventGap("Salesforce UI", "onHvsWorkStart", env), /hvs\.onWorkStart/);
  assert.match(eventGap("Voice Contact", "onConnected", { wired, streams: false }), /needs the CCP/);
  assert.equal(eventGap("Salesforce Agent", "onStateChange", env), null); // relayed by the host page
  assert.match(bridgeGap("contact.updateAttributes"), /server-side/);
  assert.match(bridgeGap("contact.startRecording"), /server-side/);
  assert.equal(bridgeGap("contact.clear"), null);
  assert.equal(bridgeGap("adapterUi.showModal"), null);
  assert.equal(bridgeGap("platform.sleep"), null);
  assert.equal(bridgeGap("platform.getProperty"), null);
  assert.match(bridgeGap("platform.http"), /httpAllowlist is empty/);
  assert.equal(bridgeGap("platform.http", { httpAllowlist: ["https://a.example"] }), null);
  assert.match(bridgeGap("salesforceData.query"), /window\.ctiflowData\.query/);
  assert.equal(bridgeGap("salesforceData.query", { data: { query() {} } }), null);
  assert.match(bridgeGap("salesforceUi.openPrimaryTab", { sforce: { opencti: {} } }), /console toolkit/);
  assert.equal(bridgeGap("salesforceUi.openPrimaryTab", { sforce: { console: { openPrimaryTab() {} } } }), null);
  assert.match(bridgeGap("salesforceUi.screenPop"), /Open CTI/);
  assert.equal(bridgeGap("salesforceUi.hvs.completeWork", { sforce: { opencti: { hvs: { completeWork() {} } } } }), null);
  assert.match(bridgeGap("omni.login"), /ctiflowPresence\.login/);
  assert.match(bridgeGap("adapterUi.jquery"), /not served/);

  const catalog = [
    { type: "SE_Start", aliases: [], name: "Start", calls: [] },
    { type: "SE_ContactUpdateAttributes", aliases: [], name: "Update Contact Attributes", calls: ["contact.updateAttributes"] },
  ];
  const flow = { name: "F", actions: [{ type: "SE_Start" }, { type: "SE_ContactUpdateAttributes" }] };
  const validate = (f) => ({ ok: true, graph: { name: f.name, actions: f.actions } });
  const needs = flowNeeds({ flows: [
    { flow, source: "Voice Contact", event: "onConnected" },
    { file: "g.json", source: "Voice Contact", event: "onEnded" },
    { flow: { ...flow, name: "Off" }, source: "Voice Contact", event: "onEnded", active: false },
  ] }, { "g.json": { ...flow, name: "G" } }, { validate, catalog, env: {} });
  assert.deepEqual(needs, [{ call: "contact.updateAttributes", reason: bridgeGap("contact.updateAttributes"),
    flows: ["F (Voice Contact / onConnected)", "G (Voice Contact / onEnded)"] }]);
});
