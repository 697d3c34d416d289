// End to end with plans written by a language model: `stepcast serve` with
// GEMINI_API_KEY set plans every guide with the fake Gemini's text model
// (answering in about 1.5 s) before drawing it with the offline schematic
// engine. The guide page must say that a model is writing the plan, then
// who wrote it; a refusal must show the offline fallback with its reason.
// Run by `npm run e2e:planner` (and by `npm run e2e`); screenshots land in
// web/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const shots = join(here, 'screenshots');
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const binary = process.env.STEPCAST_BIN ?? join(repo, 'target', 'debug', 'stepcast');

let fake;
let fakeBase;
let server;
let base;
let browser;
let dataDir;

/** The first match of `pattern` in what `stream` prints; rejects if `child` exits first. */
function waitForLine(child, stream, pattern, what) {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (chunk) => {
      text += chunk;
      const found = text.match(pattern);
      if (found) resolve(found[1]);
    });
    child.on('exit', (code) => reject(new Error(`${what} exited with ${code}: ${text}`)));
    child.on('error', (error) => reject(new Error(`${what} could not start: ${error.message}`)));
  });
}

before(async () => {
  mkdirSync(shots, { recursive: true });
  fake = spawn(binary, ['fake-gemini', '--port', '0', '--latency-ms', '1500'], { stdio: ['ignore', 'pipe', 'ignore'] });
  fakeBase = await waitForLine(fake, fake.stdout, /listening on (http:\/\/[\d.:]+)\s/, 'stepcast fake-gemini');
  dataDir = mkdtempSync(join(tmpdir(), 'stepcast-e2e-planner-'));
  server = spawn(
    binary,
    ['serve', '--bind', '127.0.0.1:0', '--data-dir', dataDir, '--web-dir', join(here, '..', 'dist'), '--gemini-base-url', fakeBase],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, GEMINI_API_KEY: 'test-key' } },
  );
  base = await waitForLine(server, server.stderr, /stepcast serving on (http:\/\/[\d.:]+)\s/, 'stepcast serve');
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  fake?.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function seriousViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run());
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

const guide = (title) => ({
  title,
  materials: ['glass jar', 'potting soil', 'basil plant'],
  steps: [
    { title: 'Clean the jar', description: 'Wash the glass jar.' },
    { title: 'Add soil', description: 'Fill the jar halfway with potting soil.' },
    { title: 'Plant', description: 'Plant the basil plant in the soil.' },
  ],
  width: 512,
  height: 384,
});

async function submit(page, body) {
  const response = await page.request.post(`${base}/step-images`, { data: body });
  assert.equal(response.status(), 202, await response.text());
  return (await response.json()).id;
}

test('a language model writes the plan before the steps are drawn, and the page says so', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  const id = await submit(page, guide('Basil jar'));
  await page.goto(`${base}/guides/${id}`);
  const planning = page.getByText('A language model is writing the plan…');
  await planning.waitFor({ timeout: 5000 });
  const progress = await (await page.request.get(`${base}/step-images/${id}`)).json();
  assert.equal(progress.phase, 'planning', JSON.stringify(progress));
  assert.equal(progress.completed_steps, 0);
  await page.screenshot({ path: join(shots, 'planner-planning-1440.png'), fullPage: true });
  assert.deepEqual(await seriousViolations(page), [], 'the planning page has no serious accessibility problems');

  await page.getByText(/Plan by gemini-3\.8-flash \(Gemini\)/).waitFor({ timeout: 15_000 });
  await page.getByText(/All 3 images are ready/).waitFor({ timeout: 30_000 });
  assert.equal(await planning.count(), 0, 'the planning line is gone');
  const done = await (await page.request.get(`${base}/step-images/${id}`)).json();
  assert.equal(done.plan_source, 'gemini:gemini-3.8-flash');
  assert.equal(done.plan_version, 1);
  await page.screenshot({ path: join(shots, 'planner-done-1440.png'), fullPage: true });
  await context.close();
});

test('a refusal falls back to the offline reader, with the reason on the page', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  const scripted = await page.request.post(`${fakeBase}/_fake/answers`, { data: { kind: 'refusal' } });
  assert.equal(scripted.status(), 201);
  const id = await submit(page, guide('Refused jar'));
  await page.goto(`${base}/guides/${id}`);
  await page.getByText(/Plan by the offline reader — the language model failed: .*refused/).waitFor({ timeout: 15_000 });
  await page.getByText(/All 3 images are ready/).waitFor({ timeout: 30_000 });
  await page.getByText(/Plan confidence \d+%/).waitFor();
  await page.screenshot({ path: join(shots, 'planner-fallback-375.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scrolling at 375 px (${overflow} px too wide)`);
  await context.close();
});
