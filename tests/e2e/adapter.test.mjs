// The adapter page end to end, in headless Chromium:
// the real amazon-connect-streams behind the real initCCP with a fake CCP
// iframe (streams-harness.md shape A), a simulated Lightning Open CTI, the
// wasm engine and the project's flows. Events enter through Streams' own
// machinery (agent::update) and Open CTI listeners, never by calling the
// engine. Run: node --test tests/e2e/ (after scripts/build-wasm.sh).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, ROOT, serve } from "./server.mjs";
import { agentData, QUEUE, voiceContact } from "./agent-data.mjs";

let server;
let browser;
const built = existsSync(join(ROOT, "www/pkg/ctiflow_wasm_bg.wasm")) && existsSync(join(ROOT, "www/vendor/connect-streams-min.js"));

before(async () => {
  if (!built) return;
  server = await serve();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Polls `fn` in the page until it returns a truthy value. */
async function until(page, fn, arg, what, timeout = 10_000) {
  const h = await page.waitForFunction(fn, arg, { timeout, polling: 20 }).catch((e) => {
    throw new Error(`timed out waiting for ${what}: ${e.message}`);
  });
  return h.jsonValue();
}

async function openAdapter(flowSet = "/tests/e2e/fixtures/flow-set.json") {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.addInitScript({ path: join(ROOT, "tests/e2e/fixtures/opencti-sim.js") });
  const ccpUrl = `${server.origin}/tests/e2e/fixtures/fake-ccp.html`;
  const q = new URLSearchParams({ ccpUrl, flowSet, loginPopup: "false", maxSteps: "200", echoLevel: "ERROR" });
  await page.goto(`${server.origin}/www/adapter/index.html?${q}`);
  await page.evaluate(() => window.ctiflowAdapter.ready);
  const ccp = await until(page, () => !!document.querySelector("#ccp iframe")?.contentWindow?.fakeCcp, null, "the fake CCP");
  assert.ok(ccp);
  const push = (data) => page.evaluate((d) => document.querySelector("#ccp iframe").contentWindow.fakeCcp.pushAgent(d), data);
  const apiRequests = () => page.evaluate(() => document.querySelector("#ccp iframe").contentWindow.fakeCcp.apiRequests());
  return { page, errors, push, apiRequests };
}

test("screen pop on an inbound call, click-to-dial, and a looping flow that stops nothing", { skip: !built && "www/pkg or www/vendor missing: run scripts/build-wasm.sh" }, async () => {
  const { page, errors, push, apiRequests } = await openAdapter();

  // The flow set loaded: the loop, the project's screenpop and click-to-dial flows.
  const flows = await page.evaluate(() => window.ctiflowAdapter.engine.flows());
  assert.deepEqual(flows.map((f) => `${f.source}/${f.event}: ${f.name}`), [
    "Voice Contact/onConnecting: Loops forever",
    "Voice Contact/onConnecting: Screenpop on phone number",
    "Salesforce UI/onClickToDial: Click to dial",
  ]);
  assert.deepEqual(await page.evaluate(() => window.ctiflowAdapter.status.errors), []);
  // The adapter enabled click-to-dial on Open CTI.
  assert.ok((await page.evaluate(() => window.__openCti.calls.map((c) => c.method))).includes("enableClickToDial"));

  // The agent logs in, then a call rings: through Streams' agent::update.
  await push(agentData([]));
  await until(page, () => !!window.ctiflowAdapter.agent, null, "connect.agent");
  // The first screen pop throws synchronously inside Open CTI.
  await page.evaluate(() => window.__openCti.answer("searchAndScreenPop", "throw"));
  await push(agentData([voiceContact("c-voice-1", "+15555550100")]));
  let runs = await until(page, () => window.ctiflowAdapter.status.runs.length >= 2 && window.ctiflowAdapter.status.runs, null, "the runs of contact 1");
  assert.equal(runs[0].report.flow, "Loops forever");
  assert.equal(runs[0].report.end.reason, "stepBudget");
  assert.equal(runs[1].report.flow, "Screenpop on phone number");
  const pop1 = runs[1].report.trace.find((e) => e.kind === "call" && e.method === "searchAndScreenPop");
  assert.ok(pop1.answer.error, "the thrown Open CTI call is a failure answer");
  assert.ok(runs[1].report.end.reason === "end" || runs[1].report.end.reason === "noPort");

  // The next call: Open CTI answers, and the pop carries the formatted number.
  await page.evaluate(() => window.__openCti.answer("searchAndScreenPop", {
    success: true, returnValue: { "003xx000001": { Id: "003xx000001", Name: "Pat Doe", RecordType: "Contact" } }, errors: null,
  }));
  await push(agentData([]));
  await push(agentData([voiceContact("c-voice-2", "+15555550123")]));
  const pops = await until(page, () => {
    const c = window.__openCti.calls.filter((x) => x.method === "searchAndScreenPop");
    return c.length >= 2 && c;
  }, null, "searchAndScreenPop for contact 2");
  assert.equal(pops[0].args.searchParams, "(555) 555-0100");
  assert.equal(pops[1].args.searchParams, "(555) 555-0123");
  assert.equal(pops[1].args.callType, "inbound");
  runs = await until(page, () => window.ctiflowAdapter.status.runs.length >= 4 && window.ctiflowAdapter.status.runs, null, "the runs of contact 2");
  assert.equal(runs[2].report.end.reason, "stepBudget");
  assert.equal(runs[3].report.flow, "Screenpop on phone number");
  assert.equal(runs[3].report.end.reason, "end");
  // $.contact came from Streams' live contact.
  const start = runs[3].report.trace.find((e) => e.kind === "step" && e.blockType === "SE_ContactCustomerPhoneNumber");
  assert.equal(start.results.phone, "5555550123");

  // Click-to-dial from Salesforce ends in Streams agent.connect upstream.
  await push(agentData([]));
  await page.evaluate(() => window.__openCti.fire("onClickToDial", {
    number: "(555) 555-0199", recordId: "003xx000001", recordName: "Pat Doe", objectType: "Contact",
  }));
  const dial = await (async () => {
    for (let i = 0; i < 200; i++) {
      const d = (await apiRequests()).find((r) => r.method === "createOutboundContact");
      if (d) return d;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error("no createOutboundContact api_request reached the CCP");
  })();
  assert.equal(dial.params.endpoint.type, "phone_number");
  assert.equal(dial.params.endpoint.phoneNumber, "+15555550199");
  assert.equal(dial.params.queueARN, QUEUE.queueARN);
  runs = await until(page, () => {
    const r = window.ctiflowAdapter.status.runs.find((x) => x.event === "onClickToDial");
    return r && r.report;
  }, null, "the click-to-dial run");
  assert.equal(runs.end.reason, "end");
  assert.ok(runs.trace.some((e) => e.kind === "call" && e.bridge === "agent" && e.method === "connect" && "ok" in e.answer));

  // Status panel shows the runs as text.
  const panel = await page.evaluate(() => document.getElementById("runs").textContent);
  assert.match(panel, /Screenpop on phone number: end/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("adapter UI draws flow text as text, never HTML", { skip: !built && "not built" }, async () => {
  const { page } = await openAdapter();
  const html = await page.evaluate(async () => {
    const { makeBridges } = await import("/www/shared/bridges.js");
    const b = makeBridges({ uiRoot: document.getElementById("ui") });
    await b.call("adapterUi", "showModal", { title: "<b>t</b>", message: "<img src=x onerror=alert(1)>" });
    return { html: document.getElementById("ui").innerHTML, imgs: document.querySelectorAll("#ui img").length };
  });
  assert.equal(html.imgs, 0);
  assert.match(html.html, /&lt;img src=x/);
  await page.close();
});
