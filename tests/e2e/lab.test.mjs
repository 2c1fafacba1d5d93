// End-to-end test of the flow lab (www/lab): headless Chromium over a tiny
// static server of www/, driving the real wasm engine (www/pkg, built by
// scripts/build-wasm.sh).
//
//   node --test tests/e2e/lab.test.mjs
//
// Every sample flow of ../shared/sample-flows (CTIFLOW_SHARED overrides the
// shared dir) is imported through the file input, must validate with no
// errors, run with the lab's defaults and reach SE_End. A screenshot of the
// lab after running 08-create-task goes to tests/e2e/out/ (gitignored).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WWW = path.join(ROOT, 'www');
const SHARED = process.env.CTIFLOW_SHARED || path.join(ROOT, '..', 'shared');
const SAMPLES = path.join(SHARED, 'sample-flows');
const OUT = path.join(ROOT, 'tests/e2e/out');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

/// Serves www/ on 127.0.0.1 (a free port), never outside it.
function serve() {
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = path.join(WWW, path.normalize(rel));
    if (!file.startsWith(WWW + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/// The sample flows, `dir/file.json`, sorted.
function sampleFiles() {
  if (!fs.existsSync(SAMPLES)) return null;
  const out = [];
  for (const dir of fs.readdirSync(SAMPLES).sort()) {
    const d = path.join(SAMPLES, dir);
    if (!fs.statSync(d).isDirectory()) continue;
    for (const f of fs.readdirSync(d).sort()) if (f.endsWith('.json')) out.push(path.join(d, f));
  }
  return out;
}

/// The (source, event, payload) a sample is bound to in the adapter guide
/// (sample-flows/README.md).
function eventOf(file) {
  const f = path.basename(file).toLowerCase();
  if (f.includes('clicktodial') || f.includes('click-to-dial')) {
    return { source: 'Salesforce UI', event: 'onClickToDial', payload: { number: '555-555-0123' } };
  }
  if (f.includes('chat') || f.includes('09-screenpop-cust-email')) return { source: 'Chat Contact', event: 'onConnecting' };
  if (f.includes('queuecallback')) return { source: 'Queue Callback Contact', event: 'onIncoming' };
  return { source: 'Voice Contact', event: 'onConnecting' };
}

let server;
let browser;
let page;
let base;
const pageErrors = [];

before(async () => {
  server = await serve();
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('dialog', (d) => { pageErrors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(`${base}/lab/index.html`);
  await page.waitForFunction(() => document.body.dataset.engine, null, { timeout: 30000 });
  const engine = await page.evaluate(() => document.body.dataset.engine);
  assert.equal(engine, 'ready', 'the wasm engine did not load: build it with scripts/build-wasm.sh');
});

after(async () => {
  if (browser) await browser.close();
  if (server) await new Promise((r) => server.close(r));
});

const counter = (key) => page.evaluate((k) => Number(document.body.dataset[k] || 0), key);

/// Imports files through the file input and waits for the flow to load.
async function importFiles(files) {
  const n = await counter('loads');
  await page.setInputFiles('#file-input', files);
  await page.waitForFunction((k) => Number(document.body.dataset.loads || 0) > k, n);
}

async function importText(name, text) {
  const n = await counter('loads');
  await page.setInputFiles('#file-input', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.waitForFunction((k) => Number(document.body.dataset.loads || 0) > k, n);
}

async function run({ source, event, payload }) {
  await page.selectOption('#source', source);
  await page.selectOption('#event', event);
  if (payload) await page.fill('#payload', JSON.stringify(payload));
  else await page.click('#reset-inputs');
  const n = await counter('runs');
  await page.click('#run');
  await page.waitForFunction((k) => Number(document.body.dataset.runs || 0) > k, n);
}

test('every sample flow validates, runs with the defaults and reaches SE_End', async (t) => {
  const files = sampleFiles();
  if (!files) {
    t.skip(`no sample flows at ${SAMPLES}`);
    console.log(`# skipped: no sample flows at ${SAMPLES}`);
    return;
  }
  assert.equal(files.length, 14, `expected the 14 sample flows in ${SAMPLES}`);
  for (const file of files) {
    const name = path.relative(SAMPLES, file);
    await t.test(name, async () => {
      const flow = JSON.parse(fs.readFileSync(file, 'utf8'));
      await importFiles(file);
      const errors = await page.$$eval('#diagnostics .diag.err', (els) => els.map((e) => e.textContent));
      assert.deepEqual(errors, [], `${name}: validation errors shown`);
      assert.equal(await page.evaluate(() => document.body.dataset.flow), 'valid');
      // Every action is drawn, with its type.
      const drawn = await page.$$eval('#viewport .node', (els) => els.map((e) => e.dataset.action));
      assert.deepEqual(drawn.sort(), flow.actions.map((a) => String(a.id)).sort(), `${name}: blocks drawn`);

      await run(eventOf(file));
      const reason = await page.$eval('#run-summary', (e) => e.dataset.reason);
      const steps = await page.$$eval('#trace .step', (els) => els.map((e) => ({ type: e.dataset.type, action: e.dataset.action })));
      assert.equal(reason, 'end', `${name}: run ended with ${reason}; steps ${JSON.stringify(steps)}`);
      assert.equal(steps[0].type, 'SE_Start', `${name}: path starts at SE_Start`);
      assert.equal(steps.at(-1).type, 'SE_End', `${name}: path ends at SE_End`);
      // The path is drawn: every step's block visited, steps-1 edges taken.
      const visited = await page.$$eval('#viewport .node.visited', (els) => els.map((e) => e.dataset.action));
      assert.deepEqual([...new Set(steps.map((s) => s.action))].sort(), visited.sort());
      const taken = await page.$$eval('#viewport .edge.taken', (els) => els.length);
      assert.equal(taken, new Set(steps.slice(0, -1).map((s, i) => `${s.action}>${steps[i + 1].action}`)).size);

      if (name.endsWith('08-create-task.json')) {
        // Select the step that made a bridge call, so the screenshot shows
        // its inputs, call, answer and results.
        const withCall = await page.$$('#trace .step:has(.calls)');
        assert.ok(withCall.length > 0, '08-create-task makes bridge calls');
        await withCall[withCall.length - 1].click();
        assert.ok(await page.$eval('#detail', (e) => e.textContent.includes('arguments')));
        await page.click('#zoom-fit');
        fs.mkdirSync(OUT, { recursive: true });
        await page.screenshot({ path: path.join(OUT, 'lab-08-create-task.png') });
      }
    });
  }
  assert.deepEqual(pageErrors, []);
});

test('a scripted failure answer changes the path and shows in the step details', async (t) => {
  const file = path.join(SAMPLES, 'aws-examples/03-click-to-dial.json');
  if (!fs.existsSync(file)) {
    t.skip(`no sample flows at ${SAMPLES}`);
    return;
  }
  await importFiles(file);
  // The add-answer form offers the calls of the flow's blocks.
  const keys = await page.$$eval('#answer-key option', (els) => els.map((e) => e.value));
  assert.ok(keys.includes('agent.connect'), `answer keys: ${keys}`);
  await page.fill('#answers', '{}');
  await page.selectOption('#answer-key', 'agent.connect');
  await page.check('input[name="answer-kind"][value="error"]');
  await page.fill('#answer-code', 'BUSY');
  await page.fill('#answer-message', 'line busy');
  await page.click('#add-answer');
  const answers = JSON.parse(await page.inputValue('#answers'));
  assert.deepEqual(answers, { 'agent.connect': { error: { code: 'BUSY', message: 'line busy' } } });

  await run({ source: 'Salesforce UI', event: 'onClickToDial', payload: { number: '555-555-0123' } });
  const dial = await page.$('#trace .step[data-type="SE_AgentDialNumber"]');
  assert.ok(dial, 'the dial step is in the trace');
  assert.equal(await dial.$eval('.outcome', (e) => e.textContent), 'failure');
  await dial.click();
  const detail = await page.$eval('#detail', (e) => e.textContent);
  assert.ok(detail.includes('agent.connect'), detail);
  assert.ok(detail.includes('BUSY') && detail.includes('line busy'), detail);
  assert.ok(detail.includes('+15555550123') || detail.includes('555-555-0123'), `arguments shown: ${detail}`);
  assert.equal(await page.$eval('#viewport .node.selected', (e) => e.dataset.type), 'SE_AgentDialNumber');
});

test('diagnostics are shown on the blocks and focus them when clicked', async () => {
  const flow = {
    name: 'Broken',
    actions: [
      { id: 'a', type: 'SE_Start', ports: { done: 'b' }, position: [0, 0] },
      { id: 'b', type: 'SE_NoSuchBlock', ports: { done: 'c' }, position: [300, 0] },
      { id: 'c', type: 'SE_End', ports: {}, position: [600, 0] },
      { id: 'd', type: 'SE_End', ports: {}, position: [600, 200] },
    ],
  };
  await importText('broken.json', JSON.stringify(flow));
  assert.equal(await page.evaluate(() => document.body.dataset.flow), 'invalid');
  assert.ok(await page.$eval('#run', (b) => b.disabled), 'Run is disabled on an invalid flow');
  const errs = await page.$$eval('#diagnostics .diag.err', (els) => els.map((e) => e.dataset.action));
  assert.ok(errs.includes('b'), `an error names the unknown block: ${errs}`);
  assert.ok(await page.$('#viewport .node[data-action="b"] .diag-badge.err'), 'error badge on the block');
  assert.ok(await page.$('#viewport .node[data-action="b"].unknown'));
  await page.click('#diagnostics .diag.err[data-action="b"]');
  assert.equal(await page.$eval('#viewport .node.selected', (e) => e.dataset.action), 'b');
  assert.ok((await page.textContent('#detail')).includes('SE_NoSuchBlock'));
});

test('flow data is shown as text, never parsed as HTML', async () => {
  const evil = '<img src=x onerror="window.__pwned=1">';
  const flow = {
    name: `<b>${evil}</b>`,
    actions: [
      { id: 's', type: 'SE_Start', meta: { title: evil }, ports: { done: evil }, position: [0, 0] },
      { id: evil, type: 'SE_End', meta: { title: `<script>window.__pwned=2</script>` }, position: [320, 0] },
    ],
  };
  await importText('evil.json', JSON.stringify(flow));
  await page.click(`#viewport .node[data-action="s"]`);
  const { imgs, scripts, pwned, title } = await page.evaluate(() => ({
    imgs: document.querySelectorAll('body img, #viewport img').length,
    scripts: document.querySelectorAll('body script').length,
    pwned: window.__pwned,
    title: document.querySelector('#flow-name .flow-title').textContent,
  }));
  assert.equal(imgs, 0);
  assert.equal(scripts, 0);
  assert.equal(pwned, undefined);
  assert.equal(title, flow.name);
  assert.equal(await page.textContent('#detail-title'), evil);
});

test('a flow set is imported with its flow files; picking a flow sets its event', async () => {
  const dir = path.join(ROOT, 'flows');
  const set = JSON.parse(fs.readFileSync(path.join(dir, 'flow-set.json'), 'utf8'));
  const files = ['flow-set.json', ...set.flows.map((f) => f.file)].map((f) => path.join(dir, f));
  await importFiles(files);
  const options = await page.$$eval('#flow-picker option', (els) => els.map((e) => e.textContent));
  assert.equal(options.length, set.flows.length);
  assert.ok(await page.isVisible('#flow-picker'));
  const i = set.flows.findIndex((f) => f.event === 'onClickToDial');
  const n = await counter('loads');
  await page.selectOption('#flow-picker', String(i));
  await page.waitForFunction((k) => Number(document.body.dataset.loads || 0) > k, n);
  assert.equal(await page.inputValue('#source'), 'Salesforce UI');
  assert.equal(await page.inputValue('#event'), 'onClickToDial');
  assert.ok(JSON.parse(await page.inputValue('#payload')).number, 'click-to-dial payload default has a number');
});

test('pan and zoom move the view', async () => {
  const z0 = Number(await page.$eval('#graph', (e) => e.dataset.zoom));
  await page.click('#zoom-in');
  const z1 = Number(await page.$eval('#graph', (e) => e.dataset.zoom));
  assert.ok(z1 > z0, `zoom in: ${z0} → ${z1}`);
  const box = await page.$eval('#graph', (e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
  await page.mouse.move(box.x + box.w / 2, box.y + box.h / 2);
  await page.mouse.wheel(0, 400);
  const z2 = Number(await page.$eval('#graph', (e) => e.dataset.zoom));
  assert.ok(z2 < z1, `wheel out: ${z1} → ${z2}`);
  const t0 = await page.$eval('#viewport', (e) => e.getAttribute('transform'));
  await page.mouse.move(box.x + 20, box.y + box.h - 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + box.h - 60, { steps: 5 });
  await page.mouse.up();
  const t1 = await page.$eval('#viewport', (e) => e.getAttribute('transform'));
  assert.notEqual(t0, t1);
});
