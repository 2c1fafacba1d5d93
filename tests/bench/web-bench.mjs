// Web bench (scripts/bench-web.sh): prints the wasm size (gzip), the time
// from navigation to an engine ready with 20 flows loaded, and the dispatch
// latency of the screen-pop flow against instant bridges. Numbers only, no
// assertions. Needs scripts/build-wasm.sh first.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, ROOT, serve } from "../e2e/server.mjs";

const N = Number(process.env.BENCH_EVENTS || 10_000);
const wasm = readFileSync(join(ROOT, "www/pkg/ctiflow_wasm_bg.wasm"));
const js = readFileSync(join(ROOT, "www/pkg/ctiflow_wasm.js"));
console.log(`wasm: ${wasm.length} bytes, ${gzipSync(wasm, { level: 9 }).length} bytes gzip (glue js ${gzipSync(js, { level: 9 }).length} bytes gzip)`);

const server = await serve(ROOT, { isolated: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  // The floor: the same navigation to an empty module script (browser and
  // page start-up, which no change to the engine can remove).
  const floor = [];
  for (let i = 0; i < 5; i++) {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/tests/bench/blank.html`);
    floor.push((await (await page.waitForFunction(() => window.bench)).jsonValue()).readyMs);
    await page.close();
  }
  floor.sort((a, b) => a - b);
  console.log(`navigation → empty module script (floor): median ${floor[2].toFixed(1)} ms`);
  const ready = [];
  for (let i = 0; i < 5; i++) {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/tests/bench/bench.html`);
    const b = await (await page.waitForFunction(() => window.bench, null, { timeout: 30_000 })).jsonValue();
    ready.push(b.readyMs);
    const m = b.marks;
    console.log(`  run ${i + 1}: module script ${m.moduleLoaded.toFixed(1)} ms, wasm init (in parallel with the flow fetches) +${(m.wasmReady - m.moduleLoaded).toFixed(1)}, fetches done +${(m.fetched - m.moduleLoaded).toFixed(1)}, new Engine +${(m.engineNew - m.fetched).toFixed(1)}, loadFlowSet(20) +${(b.readyMs - m.engineNew).toFixed(1)} → ready ${b.readyMs.toFixed(1)} ms`);
    if (i === 0) console.log(`flows loaded: ${b.loaded} (errors: ${b.errors})`);
    if (i < 4) await page.close();
    else {
      ready.sort((a, b2) => a - b2);
      console.log(`navigation → engine ready with 20 flows: median ${ready[2].toFixed(1)} ms (runs: ${ready.map((x) => x.toFixed(1)).join(", ")})`);
      for (const [which, label] of [["screenpop", "screenpop flow"], ["trivial", "Start→End flow (facade overhead)"]]) {
        const r = await page.evaluate(([n, w]) => window.runBench(n, w), [N, which]);
        console.log(`dispatch (${label}, instant bridges) over ${r.n} events: p50 ${r.p50us.toFixed(1)} µs, p99 ${r.p99us.toFixed(1)} µs, max ${r.maxUs.toFixed(1)} µs; bad runs ${r.bad}; crossOriginIsolated ${r.resolutionIsolated}`);
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
