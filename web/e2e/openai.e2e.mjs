// End to end with OpenAI's engine: `stepcast fake-openai` (answering after
// about 1 s, then streaming two partial images 600 ms apart) behind the
// real `stepcast serve` with OPENAI_API_KEY set, driven by Debian's
// chromium. While a step is drawn the page must show its picture forming
// (a partial image, marked as one), then the photo. Run by
// `npm run e2e:openai` (and by `npm run e2e`); screenshots land in
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
  fake = spawn(binary, ['fake-openai', '--port', '0', '--latency-ms', '1000', '--stream-interval-ms', '600'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  fakeBase = await waitForLine(fake, fake.stdout, /listening on (http:\/\/[\d.:]+)\s/, 'stepcast fake-openai');
  dataDir = mkdtempSync(join(tmpdir(), 'stepcast-e2e-openai-'));
  server = spawn(
    binary,
    ['serve', '--bind', '127.0.0.1:0', '--data-dir', dataDir, '--web-dir', join(here, '..', 'dist'), '--openai-base-url', fakeBase, '--planner', 'offline'],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, OPENAI_API_KEY: 'sk-test', GEMINI_API_KEY: '' } },
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

test('with OpenAI, each step shows its picture forming from partial images, then the photo', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  const body = {
    title: 'Jar herb garden',
    materials: ['glass jar', 'potting soil', 'basil plant'],
    steps: [
      { title: 'Clean the jar', description: 'Wash the glass jar.' },
      { title: 'Add soil', description: 'Fill the jar halfway with potting soil.' },
      { title: 'Plant', description: 'Plant the basil plant in the soil.' },
    ],
    engine: 'openai',
    strategy: 'independent',
    width: 768,
    height: 512,
  };
  const response = await page.request.post(`${base}/step-images`, { data: body });
  assert.equal(response.status(), 202, await response.text());
  const id = (await response.json()).id;
  await page.goto(`${base}/guides/${id}`);

  const panel = page.getByRole('tabpanel');
  await panel.getByText(/Picture forming — partial image \d/).waitFor({ timeout: 15_000 });
  const forming = panel.getByRole('img', { name: /\(picture forming\)/ });
  await page.waitForFunction(() => {
    const img = [...document.querySelectorAll('[role="tabpanel"] img')].find((i) => (i.alt || '').includes('(picture forming)'));
    return img && img.complete && img.naturalWidth > 0;
  }, null, { timeout: 10_000 });
  assert.ok((await forming.count()) >= 1, 'the partial image is in the panel, named as one');
  await page.screenshot({ path: join(shots, 'openai-forming-1440.png'), fullPage: true });
  assert.deepEqual(await seriousViolations(page), [], 'the page with a picture forming has no serious accessibility problems');

  await page.getByText(/All 3 images are ready/).waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => !document.body.innerText.includes('Picture forming'), null, { timeout: 10_000 });
  const progress = await (await page.request.get(`${base}/step-images/${id}`)).json();
  const photo = panel.getByRole('img', { name: 'Step 1: Clean the jar' });
  assert.ok((await photo.getAttribute('src')).endsWith(`/images/${progress.step_images[0].image_id}`), 'the photo replaced the partial');
  assert.equal(progress.step_images[0].usage.model, 'gpt-image-1.5');
  const events = await page.evaluate(async (url) => {
    const text = await (await fetch(url)).text();
    return text.split('\n').filter((line) => line.startsWith('event: partial')).length;
  }, `${base}/step-images/${id}/events`);
  assert.equal(events, 6, 'two partial images per step were published');
  await page.screenshot({ path: join(shots, 'openai-done-1440.png'), fullPage: true });
  await context.close();
});
