import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, ROOT, serve } from "/work/wt/webperf/tests/e2e/server.mjs";
const server = await serve(ROOT, { isolated: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(`${server.origin}/tests/bench/bench.html`);
await page.waitForFunction(() => window.bench);
console.log(await page.evaluate(async () => {
  const c = await (await fetch("/www/sim/inbound-voice.contact.json")).json();
  const a = await (await fetch("/www/sim/agent.json")).json();
  const med = (f) => { const t = []; for (let i = 0; i < 3000; i++) { const t0 = performance.now(); f(); t.push(performance.now() - t0); } t.sort((x, y) => x - y); return (t[1500] * 1000).toFixed(1); };
  const r = await window.runBench(200, "screenpop"); const e=window.__e; 
  const { Engine } = await import("/www/pkg/ctiflow_wasm.js");
  const flow = await (await fetch("/flows/screenpop-phone.json")).json();
  const en = new Engine({}); en.loadFlowSet({ flows: [{ flow, source: "Voice Contact", event: "onConnecting" }] });
  en.setBridges({ call: () => ({}), now: () => 0 });
  const rep = await en.dispatch("Voice Contact", "onConnecting", { payload: {}, contact: c, agent: a });
  const txt = JSON.stringify(rep);
  const avg = async (f, n = 2000) => { for (let i = 0; i < 200; i++) await f(); const t0 = performance.now(); for (let i = 0; i < n; i++) await f(); return ((performance.now() - t0) / n * 1000).toFixed(1); };
  const tr = new Engine({}); tr.loadFlowSet({ flows: [{ source: "Voice Contact", event: "onConnecting", flow: { name: "t", actions: [{ id: "0", type: "SE_Start", ports: { done: "1" } }, { id: "1", type: "SE_End" }] } }] });
  tr.setBridges({ call: () => ({}), now: () => 0 });
  const inp = { payload: {}, contact: c, agent: a };
  const out = { trivialAvg: await avg(() => tr.dispatch("Voice Contact", "onConnecting", inp)),
    trivialNoSnap: await avg(() => tr.dispatch("Voice Contact", "onConnecting", {})),
    screenpopAvg: await avg(() => en.dispatch("Voice Contact", "onConnecting", inp)),
    noFlowKey: await avg(() => tr.dispatch("Chat Contact", "onConnecting", inp)),
    awaitOnly: await avg(() => Promise.resolve()), flowsSync: await avg(() => tr.flows()) };
  return out;
  return { reportBytes: txt.length, traceLen: rep[0].trace.length, parseReport: med(() => JSON.parse(txt)), stringifyContact: med(() => JSON.stringify(c)), stringifyAgent: med(() => JSON.stringify(a)), r };
}));
const e = await page.evaluate(async () => { return 0; });
await browser.close(); await server.close();
