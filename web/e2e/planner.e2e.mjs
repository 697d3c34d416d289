// End to end with plans written by a language model: `stepcast serve` with
// GEMINI_API_KEY set plans every guide with the fake Gemini's text model
// (answering in about 1.5 s) before drawing it with the offline schematic
// engine. The guide page must say that a model is writing the plan, then
// who wrote it; a refusal must show the offline fallback with its reason.
// Run by `npm run e2e:planner` (and by `npm run e2e`); screenshots land in
// web/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchBrowser, seriousViolations, shots, startFake, startServe, stopAll } from './support.mjs';

let fake;
let server;
let base;
let fakeBase;
let browser;

before(async () => {
  fake = await startFake('fake-gemini', ['--latency-ms', '1500']);
  fakeBase = fake.base;
  server = await startServe(['--gemini-base-url', fakeBase], { GEMINI_API_KEY: 'test-key' });
  base = server.base;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  stopAll(server, fake);
});

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
