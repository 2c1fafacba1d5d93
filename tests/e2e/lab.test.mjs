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

const counter = (key, p = page) => p.evaluate((k) => Number(document.body.dataset[k] || 0), key);

/// Imports files through the file input and waits for the flow to load.
async function importFiles(files, p = page) {
  const n = await counter('loads', p);
  await p.setInputFiles('#file-input', files);
  await p.waitForFunction((k) => Number(document.body.dataset.loads || 0) > k, n);
}

async function importText(name, text, p = page) {
  const n = await counter('loads', p);
  await p.setInputFiles('#file-input', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await p.waitForFunction((k) => Number(document.body.dataset.loads || 0) > k, n);
}

async function run({ source, event, payload }, p = page) {
  await p.selectOption('#source', source);
  await p.selectOption('#event', event);
  if (payload) await p.fill('#payload', JSON.stringify(payload));
  else await p.click('#reset-inputs');
  await clickRun(p);
}

async function clickRun(p = page) {
  const n = await counter('runs', p);
  await p.click('#run');
  await p.waitForFunction((k) => Number(document.body.dataset.runs || 0) > k, n);
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

// ------------------------------------------------------------ review fixes

/// A flow from a list of [id, type, position, ports, title?].
function flowOf(name, rows) {
  return {
    name,
    actions: rows.map(([id, type, position, ports, title]) => ({
      id, type, position, ports: ports || {}, ...(title ? { meta: { title } } : {}),
      ...(type === 'SE_Log' ? { controls: { message: 'x' } } : {}),
    })),
  };
}

/// The drawn blocks as {ref, index, x, y, w, h} in layout units.
const boxesOf = (p = page) => p.$$eval('#viewport .node', (els) => els.map((g) => {
  const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(g.getAttribute('transform'));
  const r = g.querySelector('.box');
  return { ref: g.dataset.action, index: Number(g.dataset.index), x: Number(m[1]), y: Number(m[2]), w: Number(r.getAttribute('width')), h: Number(r.getAttribute('height')) };
}));

/// Points along an edge path (layout units), ends trimmed by `trim`.
const edgePoints = (selector, trim = 12) => page.$eval(selector, (path, t) => {
  const len = path.getTotalLength();
  const out = [];
  for (let d = t; d <= len - t; d += 4) { const q = path.getPointAtLength(d); out.push([q.x, q.y]); }
  return out;
}, trim);

const inside = ([x, y], b, m = 0) => x > b.x - m && x < b.x + b.w + m && y > b.y - m && y < b.y + b.h + m;

test('at 1366×768 a wide flow opens readable, with Start in view', async (t) => {
  const file = path.join(SAMPLES, 'aws-examples/08-create-task.json');
  if (!fs.existsSync(file)) { t.skip(`no sample flows at ${SAMPLES}`); return; }
  const small = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  try {
    small.on('pageerror', (e) => pageErrors.push(String(e)));
    await small.goto(`${base}/lab/index.html`);
    await small.waitForFunction(() => document.body.dataset.engine === 'ready', null, { timeout: 30000 });
    await importFiles(file, small);
    const r = await small.evaluate(() => {
      const svg = document.getElementById('graph').getBoundingClientRect();
      const titles = [...document.querySelectorAll('#viewport .node .title')].map((e) => {
        const k = Number(document.getElementById('graph').dataset.zoom);
        return { px: parseFloat(getComputedStyle(e).fontSize) * k, h: e.getBoundingClientRect().height };
      });
      const st = document.querySelector('#viewport .node[data-type="SE_Start"] .box').getBoundingClientRect();
      return { titles, svg: { l: svg.left, t: svg.top, r: svg.right, b: svg.bottom }, start: { l: st.left, t: st.top, r: st.right, b: st.bottom } };
    });
    assert.equal(r.titles.length, 10);
    for (const ti of r.titles) {
      assert.ok(ti.px >= 11, `title drawn at ${ti.px.toFixed(1)} px`);
      assert.ok(ti.h >= 11, `title box ${ti.h.toFixed(1)} px high on screen`);
    }
    const { svg, start } = r;
    assert.ok(start.l >= svg.l && start.r <= svg.r && start.t >= svg.t && start.b <= svg.b, `Start ${JSON.stringify(start)} in the canvas ${JSON.stringify(svg)}`);
    fs.mkdirSync(OUT, { recursive: true });
    await small.screenshot({ path: path.join(OUT, 'lab-1366-08-create-task.png') });
    // The side panels fold away to give the graph the room.
    const w0 = await small.$eval('#graph', (e) => e.clientWidth);
    await small.click('#toggle-inputs');
    await small.click('#toggle-results');
    const w1 = await small.$eval('#graph', (e) => e.clientWidth);
    assert.ok(w1 > w0 + 400, `graph width ${w0} → ${w1}`);
    await small.click('#toggle-inputs');
    assert.ok(await small.isVisible('#run'));
  } finally {
    await small.close();
  }
});

test('a back edge is drawn around its blocks; a forward edge does not cross another block', async () => {
  const flow = flowOf('Loop', [
    ['s', 'SE_Start', [0, 0], { done: 'a' }],
    ['a', 'SE_Log', [250, 0], { done: 'b' }, 'again'],
    ['b', 'SE_Log', [500, 0], { done: 'a' }],
    ['e', 'SE_End', [750, 0]],
  ]);
  await importText('loop.json', JSON.stringify(flow));
  const boxes = await boxesOf();
  const a = boxes.find((b) => b.ref === 'a');
  const b = boxes.find((x) => x.ref === 'b');
  const pts = await edgePoints('#viewport .edge[data-from="b"][data-to="a"]');
  assert.ok(pts.length > 10);
  assert.ok(pts.some((q) => !inside(q, a) && !inside(q, b)), 'the back edge has points outside both boxes');
  const hidden = pts.filter((q) => inside(q, a, -2) || inside(q, b, -2));
  assert.deepEqual(hidden, [], 'no part of the back edge runs under a box');

  // s → e passes the row of a and b.
  const skip = flowOf('Skip', [
    ['s', 'SE_Start', [0, 0], { done: 'e' }],
    ['m', 'SE_Log', [300, 0], { done: 'e' }],
    ['e', 'SE_End', [600, 0]],
  ]);
  await importText('skip.json', JSON.stringify(skip));
  const m = (await boxesOf()).find((x) => x.ref === 'm');
  const fwd = await edgePoints('#viewport .edge[data-from="s"][data-to="e"]');
  assert.deepEqual(fwd.filter((q) => inside(q, m)), [], 'the edge s → e does not run behind m');
});

test('a dangling port label is readable on top of the next block', async () => {
  const flow = flowOf('Dangling', [
    ['s', 'SE_Start', [0, 0], { done: 'x1' }],
    ['x1', 'SE_Log', [200, 0], { done: 'nowhere-at-all-long-id-123' }],
    ['n', 'SE_Log', [380, 0], { done: 'e' }],
    ['e', 'SE_End', [600, 0]],
  ]);
  await importText('dangling.json', JSON.stringify(flow));
  const r = await page.$eval('#viewport .dangling-label', (t) => {
    const b = t.getBoundingClientRect();
    const hit = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
    return { text: t.textContent, onTop: !!hit && !!hit.closest('.dangling') };
  });
  assert.ok(r.text.startsWith('→ nowhere'), r.text);
  assert.ok(r.onTop, 'the label is the topmost element where it is drawn');
});

test('every action is drawn, even with duplicate or missing ids; diagnostics point at what is drawn', async () => {
  const dup = flowOf('Dup', [
    ['s', 'SE_Start', [0, 0], { done: 'a' }],
    ['a', 'SE_Log', [250, 0], { done: 'e' }, 'first a'],
    ['a', 'SE_Log', [250, 200], { done: 'e' }, 'second a'],
    ['e', 'SE_End', [550, 0]],
  ]);
  await importText('dupids.json', JSON.stringify(dup));
  const titles = await page.$$eval('#viewport .node .title', (els) => els.map((e) => e.firstChild.textContent));
  assert.deepEqual(titles.filter((x) => x.endsWith(' a')).sort(), ['first a', 'second a']);
  assert.equal(await page.$$eval('#viewport .node[data-action="a"] .diag-badge.err', (els) => els.length), 2);

  const noid = { name: 'no ids', actions: [
    { type: 'SE_Start', ports: { done: 'e' }, position: [0, 0] },
    { type: 'SE_Log', controls: { message: 'x' }, position: [250, 0] },
    { id: 'e', type: 'SE_End', position: [550, 0] },
  ] };
  await importText('noid.json', JSON.stringify(noid));
  const refs = await page.$$eval('#viewport .node', (els) => els.map((e) => e.dataset.action));
  assert.deepEqual(refs, ['#1', '#2', 'e']);
  const diagRefs = await page.$$eval('#diagnostics .diag[data-action]', (els) => els.map((e) => e.dataset.action));
  assert.ok(diagRefs.includes('#1') && diagRefs.includes('#2'), `diagnostics name ${diagRefs}`);
  await page.click('#diagnostics .diag[data-action="#2"]');
  assert.equal(await page.$eval('#viewport .node.selected', (e) => e.dataset.type), 'SE_Log');
  assert.ok(await page.$('#viewport .node[data-action="#2"] .diag-badge.err'));
});

test('scripted answers: unused keys are named after a run; a code-only error keeps its code; a bad answer is refused', async (t) => {
  const file = path.join(SAMPLES, 'aws-examples/08-create-task.json');
  if (!fs.existsSync(file)) { t.skip(`no sample flows at ${SAMPLES}`); return; }
  await importFiles(file);
  await page.selectOption('#source', 'Voice Contact');
  await page.selectOption('#event', 'onConnecting');
  await page.click('#reset-inputs');
  await page.fill('#answers', JSON.stringify({
    'salesforceData.getContactId': { ok: '003X' },
    'salesforceData.Search': { error: { code: 'X', message: 'y' } },
    'salesforceData.search': { ok: [{ Id: '003X' }] },
    'salesforceData.retrieve': { ok: { Id: '003X', AccountId: '001X' } },
  }));
  await clickRun();
  const warn = await page.$$eval('#answer-warnings li', (els) => els.map((e) => [e.dataset.key, e.textContent]));
  assert.deepEqual(warn.map((w) => w[0]).sort(), ['salesforceData.Search', 'salesforceData.getContactId']);
  for (const [, text] of warn) assert.ok(text.includes('was not used: calls made were') && text.includes('salesforceData.search'), text);
  assert.ok(warn.find((w) => w[0] === 'salesforceData.Search')[1].includes('did you mean salesforceData.search?'));

  await page.fill('#answers', JSON.stringify({ 'salesforceData.search': { error: { code: 'NOT_FOUND' } } }));
  await clickRun();
  assert.ok(await page.$eval('#answer-warnings', (e) => e.hidden));
  await page.click('#trace .step[data-type="SE_SFGetContactId"]');
  const detail = await page.textContent('#detail');
  assert.ok(detail.includes('"code": "NOT_FOUND"'), detail);
  assert.ok(!detail.includes('"code": "ERROR"'), detail);

  for (const [answers, want] of [
    [{ 'salesforceData.search': { ok: '003X', note: 'hi' } }, 'has the keys ok, note'],
    [[], 'must be a JSON object keyed bridge.method'],
  ]) {
    await page.fill('#answers', JSON.stringify(answers));
    await page.click('#run');
    await page.waitForSelector('#run-error:not([hidden])');
    const msg = await page.textContent('#run-error');
    assert.ok(msg.includes(want), msg);
    assert.ok(!/invalid type|runFlow/.test(msg), msg);
  }
  // A new import clears the run error.
  await importFiles(file);
  assert.ok(await page.$eval('#run-error', (e) => e.hidden));
  await page.click('#answers-sample');
});

// A CPU-heavy flow yields to the page as it runs (the page stays usable),
// and a flow loaded meanwhile is not overwritten by the old run's result.
test('a busy run leaves the page usable, and its result does not land on a flow loaded meanwhile', async () => {
  const replace = (id, next) => ({ id, type: 'SE_CoreReplaceString', ports: { done: next },
    controls: { input: '$.payload.text', searchValue: '/(?:a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|u|v|w|x|y)*[0-9]{3}z/g', replaceValue: '#' } });
  const heavy = { name: 'Heavy', actions: [{ id: 's', type: 'SE_Start', ports: { done: 'a' } }, replace('a', 'b'), replace('b', 'a')] };
  await importText('heavy.json', JSON.stringify(heavy));
  await page.selectOption('#source', 'Voice Contact');
  await page.selectOption('#event', 'onConnecting');
  await page.fill('#payload', JSON.stringify({ text: ('abcdefghijklmnopqrstuvwxy'.repeat(40) + '12z').repeat(5) }));
  const stale = await counter('staleRuns');
  await page.click('#run');
  // A timer set now fires while the run is still going.
  const during = await page.evaluate(() => new Promise((r) => setTimeout(() => r(document.body.dataset.run), 0)));
  assert.equal(during, 'running');
  await importFiles(path.join(ROOT, 'flows', 'click-to-dial.json'));
  await run({ source: 'Salesforce UI', event: 'onClickToDial' });
  const trace = await page.textContent('#trace');
  await page.waitForFunction((k) => Number(document.body.dataset.staleRuns || 0) > k, stale, { timeout: 60000 });
  assert.equal(await page.textContent('#trace'), trace);
  assert.ok(!trace.includes('SE_CoreReplaceString'), trace);
  assert.equal(await page.evaluate(() => document.body.dataset.run), 'done');
});

test('the HTTP allowlist field decides whether HTTP Request may use its scripted answer', async () => {
  const flow = { name: 'Http', actions: [
    { id: 's', type: 'SE_Start', ports: { done: 'h' } },
    { id: 'h', type: 'SE_CoreHttpRequest', controls: { url: 'https://api.example.com/v1/customers' }, ports: { success: 'e', failure: 'e' } },
    { id: 'e', type: 'SE_End' }] };
  await importText('http.json', JSON.stringify(flow));
  await page.fill('#answers', JSON.stringify({ 'platform.http': { ok: { status: 200, headers: {}, body: '{"id":7}' } } }));
  const outcome = () => page.textContent('#trace .step[data-type="SE_CoreHttpRequest"] .outcome');
  await page.fill('#allowlist', '');
  await run({ source: 'Voice Contact', event: 'onConnecting' });
  assert.equal(await outcome(), 'failure');
  await page.fill('#allowlist', 'https://other.example.com, https://API.example.com:443');
  await clickRun();
  assert.equal(await outcome(), 'success');
  // Not an origin: the run does not start, and the message names the entry.
  await page.fill('#allowlist', 'https://api.example.com/v1');
  await page.click('#run');
  await page.waitForSelector('#run-error:not([hidden])');
  assert.match(await page.textContent('#run-error'), /^HTTP allowlist: .*"https:\/\/api\.example\.com\/v1" is not an origin/);
  await page.fill('#allowlist', '');
  await page.click('#answers-sample');
});

test('a flow set imported alone clears the previous flow and says which files to import', async () => {
  const dir = path.join(ROOT, 'flows');
  await importFiles(path.join(dir, 'click-to-dial.json'));
  assert.ok(await page.$$eval('#viewport .node', (els) => els.length) > 0);
  await importFiles(path.join(dir, 'flow-set.json'));
  assert.equal(await page.$$eval('#viewport .node', (els) => els.length), 0, 'no graph of the previous flow');
  assert.ok(await page.$eval('#run', (b) => b.disabled), 'Run disabled');
  const msgs = await page.$$eval('#diagnostics .diag .msg', (els) => els.map((e) => e.textContent));
  assert.ok(msgs.length > 0);
  for (const m of msgs) {
    assert.ok(!m.includes('loadFlowSet'), m);
  }
  assert.ok(msgs.some((m) => /file \S+ is named by the set but was not imported; import it with the set/.test(m)), msgs.join('\n'));
});

test('several flow files without a set are all offered', async (t) => {
  const dir = path.join(SAMPLES, 'aws-examples');
  if (!fs.existsSync(dir)) { t.skip(`no sample flows at ${SAMPLES}`); return; }
  const files = ['01-legacy.json', '06-screenpop-on-customer.json', '07-screenpop-case.json'].map((f) => path.join(dir, f));
  await importFiles(files);
  assert.ok(await page.isVisible('#flow-picker'));
  const options = await page.$$eval('#flow-picker option', (els) => els.map((e) => e.textContent));
  assert.equal(options.length, 3);
  assert.ok(options[2].startsWith('07-screenpop-case.json'), options[2]);
  const n = await counter('loads');
  await page.selectOption('#flow-picker', '2');
  await page.waitForFunction((k) => Number(document.body.dataset.loads || 0) > k, n);
  assert.ok((await page.textContent('#flow-name')).includes('07-screenpop-case.json'));
  assert.equal(await page.$$eval('#viewport .node', (els) => els.length), 7);
});

test('keyboard: the import button and the graph keys', async () => {
  await page.focus('#import');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'import');
  // Enter on the button opens the file input (its click is caught here, so no
  // native chooser is left open: under load Chromium did not always report one).
  await page.evaluate(() => {
    window.__opened = null;
    document.getElementById('file-input').addEventListener('click', (e) => {
      e.preventDefault();
      window.__opened = { multiple: e.target.multiple, trusted: e.isTrusted };
    }, { once: true });
  });
  await page.keyboard.press('Enter');
  const opened = await (await page.waitForFunction(() => window.__opened, null, { timeout: 10_000 })).jsonValue();
  assert.equal(opened.multiple, true);
  const flow = flowOf('Keys', [['s', 'SE_Start', [0, 0], { done: 'e' }], ['e', 'SE_End', [300, 0]]]);
  await importText('keys.json', JSON.stringify(flow));
  const view = () => page.$eval('#viewport', (e) => e.getAttribute('transform'));
  const zoom = async () => Number(await page.$eval('#graph', (e) => e.dataset.zoom));
  await page.focus('#graph');
  const z0 = await zoom();
  await page.keyboard.press('+');
  assert.ok(await zoom() > z0, 'zoom in with +');
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  assert.ok(await zoom() < z0, 'zoom out with -');
  await page.keyboard.press('0');
  assert.equal(await zoom(), z0, '0 fits again');
  const v0 = await view();
  await page.keyboard.press('ArrowLeft');
  const v1 = await view();
  assert.notEqual(v0, v1, 'arrow pans');
  await page.keyboard.press('ArrowRight');
  assert.equal(await view(), v0);
});

test('block titles are cut to the box width, the full title in a tooltip', async () => {
  const long = 'SEARCH AND SCREENPOP CUSTOMER WWWWWWWWWW';
  const jp = '日本語のタイトルはとても長いです本当に長い';
  const flow = flowOf('Titles', [
    ['s', 'SE_Start', [0, 0], { done: 'a' }, 'START OF INBOUND FLOW'],
    ['a', 'SE_Log', [300, 0], { done: 'b' }, long],
    ['b', 'SE_Log', [600, 0], { done: 'e' }, jp],
    ['e', 'SE_End', [800, 0], {}, 'WWWWWWWWWWWWWW'],
  ]);
  await importText('titles.json', JSON.stringify(flow));
  const r = await page.$$eval('#viewport .node', (els) => els.map((g) => {
    const t = g.querySelector('.title');
    return { w: Number(g.querySelector('.box').getAttribute('width')), tw: t.getComputedTextLength(), text: t.firstChild.textContent, tip: t.querySelector('title').textContent };
  }));
  for (const x of r) assert.ok(x.tw <= x.w - 16, `${x.text}: ${x.tw.toFixed(0)} px in a ${x.w} px box`);
  assert.equal(r[1].tip, long);
  assert.ok(r[1].text.endsWith('…'));
  assert.equal(r[2].tip, jp);
});

test('a new import tells whether the event was inferred; bad files read plainly and draw what they can', async () => {
  await importText('named.json', JSON.stringify(flowOf('Salesforce UI onClickToDial', [['s', 'SE_Start', [0, 0], { done: 'e' }], ['e', 'SE_End', [300, 0]]])));
  assert.equal(await page.inputValue('#event'), 'onClickToDial');
  assert.ok((await page.textContent('#event-note')).includes('from the flow'));
  await importText('unnamed.json', JSON.stringify({ actions: flowOf('', [['s', 'SE_Start', [0, 0], { done: 'e' }], ['e', 'SE_End', [300, 0]]]).actions }));
  assert.equal(await page.textContent('#event-note'), 'event not named in the file: pick one');

  await importText('nullact.json', JSON.stringify({ actions: [null, { id: 's', type: 'SE_Start', ports: { done: 'e' } }, { id: 'e', type: 'SE_End' }] }));
  let msgs = await page.$$eval('#diagnostics .diag .msg', (els) => els.map((e) => e.textContent));
  assert.ok(msgs.some((m) => m.includes('action #1 must be an object, found null')), msgs.join('\n'));
  assert.ok(!msgs.some((m) => m.includes('RawAction')), msgs.join('\n'));
  assert.equal(await page.$$eval('#viewport .node', (els) => els.length), 2, 'the readable actions are drawn');

  await importText('numname.json', JSON.stringify({ name: 42, actions: [{ id: 's', type: 'SE_Start', ports: { done: 'e' } }, { id: 'e', type: 'SE_End' }] }));
  assert.equal(await page.$$eval('#viewport .node', (els) => els.length), 2);
  assert.ok(await page.$$eval('#viewport .edge', (els) => els.length) === 1);

  await importText('empty.json', '');
  msgs = await page.$$eval('#diagnostics .diag .msg', (els) => els.map((e) => e.textContent));
  assert.ok(msgs.some((m) => m.startsWith('the file is empty')), msgs.join('\n'));
  assert.ok(!msgs.some((m) => m.includes('EOF')), msgs.join('\n'));
  assert.deepEqual(pageErrors, []);
});
