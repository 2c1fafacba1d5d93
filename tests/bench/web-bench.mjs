// Web bench (scripts/bench-web.sh): prints the wasm size (gzip), the time
// from navigation to an engine ready with 20 flows loaded, and the dispatch
// latency of the screen-pop flow against instant bridges (after a warm-up,
// see bench.html). Numbers only, no
// assertions. Needs scripts/build-wasm.sh first.
//
// "Ready" is printed for two cases, each beside its floor (the same
// navigation to an empty module script, which no engine change can remove):
// - fresh tab: a new tab navigates to the page, and the server forbids
//   caching (`no-store`), so the wasm is downloaded and compiled from scratch;
// - reload: the agent's page is already open and is reloaded (same tab, the
//   renderer exists), from a server that lets the browser cache the files,
//   as a deployed adapter's static files are.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, ROOT, serve } from "../e2e/server.mjs";

const N = Number(process.env.BENCH_EVENTS || 10_000);
const RUNS = 5;
const wasm = readFileSync(join(ROOT, "www/pkg/ctiflow_wasm_bg.wasm"));
const js = readFileSync(join(ROOT, "www/pkg/ctiflow_wasm.js"));
console.log(`wasm: ${wasm.length} bytes, ${gzipSync(wasm, { level: 9 }).length} bytes gzip (glue js ${gzipSync(js, { level: 9 }).length} bytes gzip)`);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (x) => x.toFixed(1);
const waitBench = async (page) => (await page.waitForFunction(() => window.bench, null, { timeout: 30_000 })).jsonValue();

function describe(i, b) {
  const m = b.marks;
  return `  run ${i + 1}: module script ${ms(m.moduleLoaded)} ms, wasm init (in parallel with the flow fetches) +${ms(m.wasmReady - m.moduleLoaded)}, ` +
    `fetches done +${ms(m.fetched - m.moduleLoaded)}, new Engine +${ms(m.engineNew - m.fetched)}, loadFlowSet(20) +${ms(b.readyMs - m.engineNew)} → ready ${ms(b.readyMs)} ms`;
}

function summary(label, ready, floor, runs) {
  const own = runs.map((b) => b.readyMs - b.marks.moduleLoaded);
  console.log(`${label}: navigation → engine ready with 20 flows: median ${ms(median(ready))} ms (runs: ${ready.map(ms).join(", ")}); ` +
    `floor (empty module script) median ${ms(median(floor))} ms; after the module script: median ${ms(median(own))} ms ` +
    `(wasm init, new Engine, loadFlowSet(20); flow fetches in parallel)`);
  const load = runs.map((b) => b.readyMs - b.marks.engineNew);
  const eng = runs.map((b) => b.marks.engineNew - b.marks.fetched);
  console.log(`  new Engine median ${ms(median(eng))} ms, loadFlowSet(20) median ${ms(median(load))} ms`);
}

const fresh = await serve(ROOT, { isolated: true });
const cached = await serve(ROOT, { isolated: true, cache: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  // 1. Fresh tab, nothing cached.
  const floor = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage();
    await page.goto(`${fresh.origin}/tests/bench/blank.html`);
    floor.push((await waitBench(page)).readyMs);
    await page.close();
  }
  console.log("fresh tab, no HTTP cache:");
  const ready = [];
  const runs = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage();
    await page.goto(`${fresh.origin}/tests/bench/bench.html`);
    const b = await waitBench(page);
    ready.push(b.readyMs);
    runs.push(b);
    console.log(describe(i, b));
    if (i === 0) console.log(`  flows loaded: ${b.loaded} (errors: ${b.errors})`);
    if (i < RUNS - 1) await page.close();
    else last = page;
  }
  summary("fresh tab", ready, floor, runs);

  // 2. Reload of an open page, files from the HTTP cache.
  console.log("reload of the open page, files from the HTTP cache:");
  const page2 = await browser.newPage();
  await page2.goto(`${cached.origin}/tests/bench/blank.html`);
  await waitBench(page2);
  const floor2 = [];
  for (let i = 0; i < RUNS; i++) {
    await page2.reload();
    floor2.push((await waitBench(page2)).readyMs);
  }
  await page2.goto(`${cached.origin}/tests/bench/bench.html`);
  await waitBench(page2);
  const ready2 = [];
  const runs2 = [];
  for (let i = 0; i < RUNS; i++) {
    await page2.reload();
    const b = await waitBench(page2);
    ready2.push(b.readyMs);
    runs2.push(b);
    console.log(describe(i, b));
  }
  summary("reload", ready2, floor2, runs2);
  await page2.close();

  // 3. Dispatch latency, on the last fresh-tab page.
  for (const [which, label] of [
    ["screenpop", "screenpop flow, the same snapshots every event"],
    ["screenpop-changing", "screenpop flow, the contact snapshot changes every event"],
    ["trivial", "Start→End flow (facade overhead), the same snapshots"],
  ]) {
    const r = await last.evaluate(([n, w]) => window.runBench(n, w), [N, which]);
    console.log(`dispatch (${label}, instant bridges) over ${r.n} events: p50 ${r.p50us.toFixed(1)} µs, p99 ${r.p99us.toFixed(1)} µs, max ${r.maxUs.toFixed(1)} µs; bad runs ${r.bad}; crossOriginIsolated ${r.resolutionIsolated}`);
  }
} finally {
  await browser.close();
  await fresh.close();
  await cached.close();
}
