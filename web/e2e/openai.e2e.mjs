// End to end with OpenAI's engine: `stepcast fake-openai` (answering after
// about 1 s, then streaming two partial images 600 ms apart) behind the
// real `stepcast serve` with OPENAI_API_KEY set, driven by Debian's
// chromium. While a step is drawn the page must show its picture forming
// (a partial image, marked as one), then the photo. Run by
// `npm run e2e:openai` (and by `npm run e2e`); screenshots land in
// web/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchBrowser, seriousViolations, shots, startFake, startServe, stopAll } from './support.mjs';

let fake;
let server;
let base;
let browser;

before(async () => {
  fake = await startFake('fake-openai', ['--latency-ms', '1000', '--stream-interval-ms', '600']);
  server = await startServe(['--openai-base-url', fake.base, '--planner', 'offline'], {
    OPENAI_API_KEY: 'sk-test',
    GEMINI_API_KEY: '',
  });
  base = server.base;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  stopAll(server, fake);
});

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
