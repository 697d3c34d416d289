// End to end with a cloud engine: `stepcast fake-gemini` (a local fake of
// Gemini's API, answering in about 1.5 s) behind the real `stepcast serve`,
// driven by Debian's chromium through playwright-core. Each step's
// schematic preview must show at once, marked as one, and the photo must
// replace it; the provenance ("How this picture was made") must be there
// and accessible. Run by `npm run e2e:previews` (and by `npm run e2e`);
// screenshots land in web/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchBrowser, seriousViolations, shots, startFake, startServe, stopAll } from './support.mjs';

/** How soon after submitting the previews must show (they are published within ~100 ms). */
const PREVIEW_DEADLINE_MS = Number(process.env.PREVIEW_DEADLINE_MS ?? 1000);
const BADGE = 'Schematic preview — photo on its way';

let fake;
let fakeBase;
let server;
let base;
let browser;

before(async () => {
  fake = await startFake('fake-gemini', ['--latency-ms', '1500', '--jitter-ms', '300']);
  fakeBase = fake.base;
  // Plans by the offline extractor: a model plan first would hold the
  // previews back by the fake's answer time (planning has its own test).
  server = await startServe(['--gemini-base-url', fakeBase, '--planner', 'offline'], { GEMINI_API_KEY: 'test-key' });
  base = server.base;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  stopAll(server, fake);
});

/** The guide's progress JSON, as the server has it now. */
async function progressOf(page, guideId) {
  const response = await page.request.get(`${base}/step-images/${guideId}`);
  assert.equal(response.status(), 200);
  return response.json();
}

/** Whether every image in `locator` has loaded (drawable, not broken). */
async function allLoaded(locator) {
  return locator.evaluateAll((images) => images.length > 0 && images.every((img) => img.complete && img.naturalWidth > 0));
}

/** Opens the form and waits for its engine choice (shown once the server's capabilities are read). */
async function openForm(page) {
  const pending = new Set();
  const events = [];
  page.on('request', (request) => pending.add(request.url()));
  page.on('requestfinished', (request) => pending.delete(request.url()));
  page.on('requestfailed', (request) => {
    pending.delete(request.url());
    events.push(`failed ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('console', (message) => events.push(`console ${message.type()} ${message.text()}`));
  page.on('pageerror', (error) => events.push(`pageerror ${error.message}`));
  const capabilities = page.waitForResponse((response) => new URL(response.url()).pathname === '/capabilities', { timeout: 15_000 });
  await page.goto(base + '/');
  const answer = await capabilities.catch((error) => error);
  await page
    .getByRole('group', { name: 'Image engine' })
    .waitFor({ timeout: 15_000 })
    .catch(async (error) => {
      const said = answer instanceof Error ? answer.message : `${answer.status()} ${await answer.text()}`;
      throw new Error(
        `${error.message}\n/capabilities: ${said}\nstill loading: ${[...pending].join(', ')}\n${events.join('\n')}\n` +
          `page: ${(await page.content()).slice(0, 600)}`,
      );
    });
}

/** Fills the form with a four-step guide, Gemini chosen. */
async function fillGeminiGuide(page) {
  await page.getByRole('radio', { name: /Gemini/ }).check();
  await page.getByLabel('Project title').fill('Jar herb garden');
  await page.getByLabel('Materials').fill('glass jar\npotting soil\nbasil plant');
  await page
    .getByLabel(/^Steps/)
    .fill('Clean the jar: Wash the glass jar.\nAdd soil: Fill the jar halfway with potting soil.\nPlant: Plant the basil plant in the soil.\nWater: Water the basil.');
}

test('with Gemini, each step shows its schematic preview at once, then its photo', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await openForm(page);
  await fillGeminiGuide(page);
  assert.equal(await page.getByRole('radio', { name: /Guided/ }).isChecked(), true, 'guided is the default strategy');
  assert.deepEqual(await seriousViolations(page), [], 'the form with Gemini chosen has no serious accessibility problems');
  await page.screenshot({ path: join(shots, 'new-guide-gemini-1440.png'), fullPage: true });

  const submitted = Date.now();
  await page.getByRole('button', { name: 'Create step images' }).click();
  const panel = page.getByRole('tabpanel');
  await panel.getByText(BADGE).waitFor({ timeout: 10_000 });
  const previewAfter = Date.now() - submitted;
  assert.ok(previewAfter <= PREVIEW_DEADLINE_MS, `the preview badge showed ${previewAfter} ms after submitting (at most ${PREVIEW_DEADLINE_MS})`);
  const guideId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());

  // The preview is a real picture, named as a preview, from the step's preview id.
  const preview = panel.getByRole('img', { name: 'Step 1: Clean the jar (schematic preview)' });
  await page.waitForFunction(() => {
    const img = document.querySelector('[role="tabpanel"] img.picture-stack__preview');
    return img && img.complete && img.naturalWidth > 0;
  });
  // The previews are rendered in step order, moments apart; the thumbnails show each, tagged.
  const thumbnails = page.getByRole('region', { name: 'All steps' });
  await page.waitForFunction(() => document.querySelectorAll('.thumbnails img.picture-stack__preview').length === 4, null, { timeout: 5000 });
  const allPreviewsAfter = Date.now() - submitted;
  assert.equal(await thumbnails.getByText('Preview', { exact: true }).count(), 4, 'every thumbnail is tagged as a preview');
  const early = await progressOf(page, guideId);
  const previewIds = early.step_images.map((s) => s.preview_id);
  assert.ok(previewIds.every(Boolean), `every step has a preview: ${JSON.stringify(previewIds)}`);
  assert.ok((await preview.getAttribute('src')).endsWith(`/images/${previewIds[0]}`), 'the panel shows step 1’s preview');
  await page.waitForFunction(() => [...document.querySelectorAll('.thumbnails img')].every((img) => img.complete && img.naturalWidth > 0));
  console.log(`first preview badge after ${previewAfter} ms, all four previews after ${allPreviewsAfter} ms`);
  await page.screenshot({ path: join(shots, 'previews-1440.png'), fullPage: true });
  assert.deepEqual(await seriousViolations(page), [], 'the storyboard showing previews has no serious accessibility problems');

  // The photos arrive (about 1.5 s each, the anchor first) and replace the
  // previews, with a drawn picture in the panel in every frame meanwhile.
  // Photos load slowly here (as over a real network), so a panel that
  // dropped the preview before its photo had loaded would be seen empty.
  await page.route('**/images/*', async (route) => {
    const id = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop());
    if (!previewIds.includes(id)) await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  await page.evaluate(() => {
    window.framesWatched = 0;
    window.framesEmpty = 0;
    const watch = () => {
      const shown = [...document.querySelectorAll('[role="tabpanel"] .step-picture img')].some(
        (img) => img.complete && img.naturalWidth > 0 && getComputedStyle(img).opacity !== '0',
      );
      window.framesWatched += 1;
      if (!shown) window.framesEmpty += 1;
      if (!window.stopWatching) requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  });
  await page.getByText(/All 4 images are ready/).waitFor({ timeout: 60_000 });
  await page.waitForFunction((badge) => !document.body.innerText.includes(badge), BADGE, { timeout: 10_000 });
  const frames = await page.evaluate(() => {
    window.stopWatching = true;
    return { watched: window.framesWatched, empty: window.framesEmpty };
  });
  assert.ok(frames.watched > 10, `frames were watched: ${frames.watched}`);
  assert.equal(frames.empty, 0, `the panel was empty in ${frames.empty} of ${frames.watched} frames while the photo replaced the preview`);
  const done = await progressOf(page, guideId);
  const photo = panel.getByRole('img', { name: 'Step 1: Clean the jar' });
  const photoSource = await photo.getAttribute('src');
  assert.ok(photoSource.endsWith(`/images/${done.step_images[0].image_id}`), `the panel shows step 1’s photo: ${photoSource}`);
  assert.notEqual(done.step_images[0].image_id, done.step_images[0].preview_id);
  assert.equal(await panel.locator('img.picture-stack__preview').count(), 0, 'no preview left in the panel');
  // The thumbnails swap theirs as their own (slowed) photos load.
  await page.waitForFunction(() => document.querySelectorAll('.thumbnails img.picture-stack__preview').length === 0, null, { timeout: 10_000 });
  const thumbnailSources = await thumbnails.locator('img').evaluateAll((images) => images.map((img) => img.getAttribute('src')));
  assert.deepEqual(
    thumbnailSources,
    done.step_images.map((s) => `/images/${s.image_id}`),
    'every thumbnail shows its photo',
  );
  assert.equal(await allLoaded(thumbnails.locator('img')), true, 'the thumbnails’ photos loaded');
  // The guide's usage, from the fake's token counts and the model table's price
  // (1024×768 is drawn at 1K: $0.067 an image).
  await page.getByText(/^4 photos · [\d.]+ s provider time · est\. \$0\.27$/).waitFor();
  await page.screenshot({ path: join(shots, 'photos-1440.png'), fullPage: true });

  // How the picture was made: the prompt, the references and the usage.
  await panel.getByText('How this picture was made').click();
  await panel.getByText('Prompt', { exact: true }).waitFor();
  assert.ok(done.step_images[0].prompt_used, 'the step has a prompt');
  await panel.getByText(done.step_images[0].prompt_used.split('\n')[0]).waitFor();
  const schematicLink = panel.getByRole('link', { name: 'Schematic of this step' });
  assert.ok((await schematicLink.getAttribute('href')).endsWith(`/images/${done.step_images[0].preview_id}`));
  await panel.getByRole('link', { name: 'Finished-build anchor' }).waitFor();
  await panel.getByText('gemini-3.1-flash-image').waitFor();
  await panel.getByText('$0.067').waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('.provenance img')].every((img) => img.complete && img.naturalWidth > 0));
  await page.screenshot({ path: join(shots, 'provenance-1440.png'), fullPage: true });
  await panel.screenshot({ path: join(shots, 'provenance-panel-1440.png') });
  assert.deepEqual(await seriousViolations(page), [], 'the storyboard with the provenance open has no serious accessibility problems');

  // The same on a phone: no sideways scrolling with the provenance open.
  const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true });
  const small = await phone.newPage();
  await small.goto(`${base}/guides/${guideId}`);
  await small.getByText(/All 4 images are ready/).waitFor();
  await small.getByRole('tabpanel').getByText('How this picture was made').click();
  await small.getByText('gemini-3.1-flash-image').waitFor();
  await small.waitForFunction(() => [...document.querySelectorAll('.provenance img')].every((img) => img.complete && img.naturalWidth > 0));
  await small.screenshot({ path: join(shots, 'provenance-375.png'), fullPage: true });
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scrolling at 375 px (${overflow} px too wide)`);
  await phone.close();
  await context.close();
});

test('a step whose photo failed keeps its preview, marked as failed, with the reason', async () => {
  // The fake refuses step 2's photo once, as Gemini does for a safety block
  // (permanent: not retried); the rest of the guide is drawn.
  const rule = await fetch(`${fakeBase}/_fake/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fault: 'image_safety', times: 1, when_prompt_contains: 'step 2 of 4' }),
  });
  assert.equal(rule.status, 201);
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await openForm(page);
  await fillGeminiGuide(page);
  await page.getByRole('button', { name: 'Create step images' }).click();
  await page.waitForURL(/\/guides\//);
  await page.getByText(/3 of 4 images are ready; 1 failed/).waitFor({ timeout: 60_000 });
  const guideUrl = page.url();
  const guideId = decodeURIComponent(new URL(guideUrl).pathname.split('/').pop());
  const failed = (await progressOf(page, guideId)).step_images[1];
  assert.equal(failed.status, 'failed');
  assert.ok(failed.preview_id, 'the failed step keeps its preview');
  await context.close();

  for (const width of [1440, 375]) {
    const context = await browser.newContext({ viewport: { width, height: 1000 } });
    const page = await context.newPage();
    await page.goto(guideUrl);
    await page.getByRole('tab', { name: 'Step 2, failed' }).click();
    const panel = page.getByRole('tabpanel');
    await panel.getByText('Schematic preview — photo failed').waitFor();
    await panel.getByText('Reason: Gemini made no image: finish reason IMAGE_SAFETY').waitFor();
    await panel.getByText('Regenerate to try again.').waitFor();
    const preview = panel.getByRole('img', { name: /^Step 2: .*\(schematic preview\)$/ });
    assert.ok((await preview.getAttribute('src')).endsWith(`/images/${failed.preview_id}`));
    // (The time-lapse and the closed provenance load lazily: only the pictures are waited for.)
    await page.waitForFunction(
      () => [...document.querySelectorAll('.step-picture img, .thumbnails img')].every((img) => img.complete && img.naturalWidth > 0),
      null,
      { timeout: 5000 },
    );
    await page.screenshot({ path: join(shots, `failed-with-preview-${width}.png`), fullPage: true });
    assert.deepEqual(await seriousViolations(page), [], `a failed step with its preview at ${width} px`);
    await context.close();
  }
});

test('a concept image is sent with the guide and shown as the style anchor', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await openForm(page);
  await fillGeminiGuide(page);
  // Any real PNG will do as the maker's picture: a screenshot of the form.
  const picture = await page.screenshot({ clip: { x: 0, y: 0, width: 400, height: 300 } });
  await page.getByLabel(/Concept image/).setInputFiles({ name: 'finished-jar.png', mimeType: 'image/png', buffer: picture });
  await page.getByRole('img', { name: 'Your concept image' }).waitFor();
  await page.screenshot({ path: join(shots, 'new-guide-concept-1440.png'), fullPage: true });
  await page.getByRole('button', { name: 'Create step images' }).click();
  await page.waitForURL(/\/guides\//);
  await page.getByText(/All 4 images are ready/).waitFor({ timeout: 60_000 });

  const panel = page.getByRole('tabpanel');
  await panel.getByText('How this picture was made').click();
  // The concept image is the anchor: no finished build is made first.
  await panel.getByText('Your concept image').waitFor();
  assert.equal(await panel.getByRole('link', { name: 'Finished-build anchor' }).count(), 0);
  const shown = await panel.locator('.provenance img').evaluateAll((images) => images.map((img) => img.getAttribute('src')));
  assert.ok(shown.some((src) => src.startsWith('data:image/png;base64,')), 'the concept image this browser sent is shown');
  await page.getByText(/^4 photos · /).waitFor();
  await context.close();
});
