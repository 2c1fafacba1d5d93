// Record mode, round trip: the adapter page (real amazon-connect-streams
// behind a fake CCP iframe, simulated Open CTI, the wasm engine) records a
// session in the browser; the downloaded recording is replayed headless by
// the built `ctiflow replay`, and the replayed trace must equal the page's
// live trace, and its bridge calls must be the ones the simulated Open CTI
// and the CCP upstream received. Run: node --test tests/e2e/ (after
// scripts/build-wasm.sh); builds ctiflow-cli with cargo if needed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, ROOT, serve, until } from "./server.mjs";
import { agentData, QUEUE, voiceContact } from "./agent-data.mjs";

let server;
let browser;
let tmp;
const built = existsSync(join(ROOT, "www/pkg/ctiflow_wasm_bg.wasm")) && existsSync(join(ROOT, "www/vendor/connect-streams-min.js"));

before(async () => {
  if (!built) return;
  server = await serve();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  tmp = mkdtempSync(join(tmpdir(), "ctiflow-record-"));
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The ctiflow binary, built (incrementally) by cargo. */
function ctiflowBin() {
  const b = spawnSync("cargo", ["build", "-q", "-p", "ctiflow-cli"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "inherit", "inherit"] });
  assert.equal(b.status, 0, "cargo build -p ctiflow-cli failed");
  const dir = process.env.CARGO_TARGET_DIR || join(ROOT, "target");
  return join(dir, "debug", process.platform === "win32" ? "ctiflow.exe" : "ctiflow");
}

function replay(bin, args) {
  const r = spawnSync(bin, ["replay", ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const jsonl = (text) => text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
/** Trace lines without wall-clock fields (live: real time; replay: the recorded answer times). */
const timeless = (lines) => lines.map((l) => {
  const { atMs, elapsedMs, ...rest } = l;
  return rest;
});
const calls = (lines) => lines.filter((l) => l.kind === "call").map((l) => ({ event: l.eventIndex, call: `${l.bridge}.${l.method}`, args: l.args }));

test("record in the browser, replay headless: same trace, same bridge calls", { skip: !built && "www/pkg or www/vendor missing: run scripts/build-wasm.sh" }, async () => {
  const bin = ctiflowBin();
  const page = await browser.newPage({ acceptDownloads: true });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.addInitScript({ path: join(ROOT, "tests/e2e/fixtures/opencti-sim.js") });
  // The trusted settings from CTIFLOW_CONFIG (as config.js sets it); record
  // mode is one a URL parameter may turn on.
  await page.addInitScript((c) => { window.CTIFLOW_CONFIG = c; }, {
    ccpUrl: `${server.origin}/tests/e2e/fixtures/fake-ccp.html`, flowSet: "/tests/e2e/fixtures/flow-set.json",
    loginPopup: false, maxSteps: 200,
  });
  const q = new URLSearchParams({
    echoLevel: "ERROR", record: "1", recordDescription: "e2e: inbound call with a pop, then click-to-dial",
  });
  await page.goto(`${server.origin}/www/adapter/index.html?${q}`);
  await page.evaluate(() => window.ctiflowAdapter.ready);
  await until(page, () => !!document.querySelector("#ccp iframe")?.contentWindow?.fakeCcp, null, "the fake CCP");
  const push = (data) => page.evaluate((d) => document.querySelector("#ccp iframe").contentWindow.fakeCcp.pushAgent(d), data);
  const apiRequests = () => page.evaluate(() => document.querySelector("#ccp iframe").contentWindow.fakeCcp.apiRequests());

  // Record mode is on: the button says Record; clicking it starts recording.
  assert.equal(await page.textContent("#record-button"), "Record");
  await page.click("#record-button");
  assert.equal(await page.textContent("#record-button"), "Stop");
  assert.equal(await page.evaluate(() => window.ctiflowAdapter.engine.recording), true);

  // The agent logs in; a call rings through Streams' agent::update. The
  // contact carries a secret attribute, which must not reach the file.
  await push(agentData([]));
  await until(page, () => !!window.ctiflowAdapter.agent, null, "connect.agent");
  await page.evaluate(() => window.__openCti.answer("searchAndScreenPop", {
    success: true, returnValue: { "003xx000001": { Id: "003xx000001", Name: "Pat Doe", RecordType: "Contact" } }, errors: null,
  }));
  const contact = voiceContact("c-rec-1", "+15555550123");
  contact.attributes.apiToken = { name: "apiToken", value: "s3cr3t-attr-value" };
  await push(agentData([contact]));
  await until(page, () => window.__openCti.calls.some((c) => c.method === "searchAndScreenPop"), null, "the screen pop");
  await until(page, () => window.ctiflowAdapter.status.runs.length >= 2, null, "the runs of the call");

  // Click-to-dial from Salesforce, ending in Streams agent.connect upstream.
  await push(agentData([]));
  await page.evaluate(() => window.__openCti.fire("onClickToDial", {
    number: "(555) 555-0199", recordId: "003xx000001", recordName: "Pat Doe", objectType: "Contact",
  }));
  await until(page, () => window.ctiflowAdapter.status.runs.some((r) => r.event === "onClickToDial"), null, "the click-to-dial run");

  // Stop: the recording is offered as a download.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#record-button")]);
  assert.match(download.suggestedFilename(), /^ctiflow-recording-.*\.jsonl$/);
  const recPath = join(tmp, "session.jsonl");
  await download.saveAs(recPath);
  const text = readFileSync(recPath, "utf8");
  assert.equal(await page.textContent("#record-button"), "Record");
  assert.match(await page.textContent("#record-download"), /^Download recording \(\d+ events?\)$/);
  assert.equal(text, await page.evaluate(() => window.ctiflowAdapter.recorder.last));
  const live = jsonl(await page.evaluate(() => window.ctiflowAdapter.engine.recordingTrace()));
  const runs = await page.evaluate(() => window.ctiflowAdapter.status.runs.map((r) => `${r.source}/${r.event}: ${r.report.flow}`));
  const openCti = await page.evaluate(() => window.__openCti.calls.filter((c) => c.method === "searchAndScreenPop"));
  const dials = (await apiRequests()).filter((r) => r.method === "createOutboundContact");
  assert.deepEqual(errors, []);
  await page.close();

  // The file: a header with the flow set inline, the events, the calls; no secret.
  const rec = jsonl(text);
  const header = rec[0];
  assert.equal(header.kind, "header");
  assert.equal(header.format, "ctiflow-recording");
  assert.equal(header.description, "e2e: inbound call with a pop, then click-to-dial");
  assert.equal(header.config.limits.maxSteps, 200);
  assert.deepEqual(header.flows.flows.map((f) => f.flow && f.flow.name), ["Loops forever", "Screenpop on phone number", "Click to dial"]);
  const events = rec.filter((l) => l.kind === "event").map((l) => `${l.source}/${l.event}`);
  assert.deepEqual(events, ["Voice Contact/onConnecting", "Salesforce UI/onClickToDial"]);
  assert.ok(!text.includes("s3cr3t-attr-value"), "the secret attribute was written");
  assert.ok(text.includes("[scrubbed]"));

  // Replay headless: bless into a temp trace, then replay must match it.
  const expect = join(tmp, "replayed.trace.jsonl");
  let r = replay(bin, [recPath, "--expect", expect, "--bless"]);
  assert.equal(r.code, 0, r.out);
  r = replay(bin, [recPath, "--expect", expect]);
  assert.equal(r.code, 0, r.out);
  const replayed = jsonl(readFileSync(expect, "utf8"));

  // The replayed trace is the live trace (but for wall-clock times).
  assert.ok(live.length > 10, `live trace too short: ${live.length} lines`);
  assert.deepEqual(timeless(replayed), timeless(live));
  // Runs: one per live run, same flows in the same order.
  const replayedRuns = replayed.filter((l) => l.kind === "runStart").map((l) => `${l.source}/${l.event}: ${l.flow}`);
  assert.deepEqual(replayedRuns, runs);
  // Bridge calls: exactly what the simulated Open CTI and the CCP upstream got.
  const bridgeCalls = calls(replayed);
  const pops = bridgeCalls.filter((c) => c.call === "salesforceUi.screenPop" || c.call.endsWith("searchAndScreenPop"));
  assert.equal(pops.length, openCti.length, JSON.stringify({ bridgeCalls, openCti }));
  assert.equal(openCti.length, 1);
  assert.ok(JSON.stringify(pops[0].args).includes("(555) 555-0123") || JSON.stringify(pops[0].args).includes("5555550123"),
    JSON.stringify(pops[0].args));
  assert.equal(openCti[0].args.searchParams, "(555) 555-0123");
  const connects = bridgeCalls.filter((c) => c.call === "agent.connect");
  assert.equal(connects.length, dials.length);
  assert.equal(dials.length, 1);
  assert.equal(dials[0].params.endpoint.phoneNumber, "+15555550199");
  assert.equal(dials[0].params.queueARN, QUEUE.queueARN);
  assert.ok(JSON.stringify(connects[0].args).includes("+15555550199"), JSON.stringify(connects[0].args));

  // The comparison can fail: the same recording with the caller's number
  // changed pops another search, and the replay reports a difference.
  const tampered = text.replaceAll("+15555550123", "+15555550777");
  const tamperedPath = join(tmp, "tampered.jsonl");
  writeFileSync(tamperedPath, tampered);
  r = replay(bin, [tamperedPath, "--expect", expect]);
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /Voice Contact\/onConnecting/);
});
