// End to end: the real `stepcast serve` (API, job runner, built UI) driven
// by Debian's chromium through playwright-core. Run by `npm run e2e` (which
// `scripts/test` calls); screenshots land in web/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, seriousViolations, shots, startServe, stopAll } from './support.mjs';

let server;
let base;
let browser;

before(async () => {
  // A rate limit makes the steps arrive one by one, slowly enough to watch.
  server = await startServe(['--rate-per-minute', '150']);
  base = server.base;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  stopAll(server);
});

/** How many step tabs say they are ready. */
async function readyTabs(page) {
  return page.locator('[role="tab"]').evaluateAll((tabs) => tabs.filter((t) => /ready/i.test(t.textContent ?? '')).length);
}

/** The names of the files in a ZIP, from its central directory. */
function zipNames(bytes) {
  const buf = Buffer.from(bytes);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end -= 1;
  assert.ok(end >= 0, 'a ZIP end record');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i += 1) {
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names.sort();
}

test('a maker creates a guide from the form and watches it arrive', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(base + '/');
  assert.deepEqual(await seriousViolations(page), [], 'the form has no serious accessibility problems');
  await page.screenshot({ path: join(shots, 'new-guide-1440.png'), fullPage: true });

  await page.getByLabel('Project title').fill('Jar herb garden');
  await page.getByLabel('Materials').fill('glass jar\npotting soil\nbasil plant');
  await page
    .getByLabel(/^Steps/)
    .fill('Clean the jar: Wash the glass jar.\nAdd soil: Fill the jar halfway with potting soil.\nPlant: Plant the basil plant in the soil.\nWater: Water the basil.');
  await page.getByRole('button', { name: 'Create step images' }).click();
  await page.waitForURL(/\/guides\//);
  const guideUrl = page.url();

  // Steps turn ready one by one, never going back.
  const counts = [];
  let shot = false;
  for (let i = 0; i < 400; i += 1) {
    const ready = await readyTabs(page);
    if (counts[counts.length - 1] !== ready) counts.push(ready);
    if (ready >= 1 && ready < 4 && !shot) {
      await page.screenshot({ path: join(shots, 'generating-1440.png'), fullPage: true });
      shot = true;
    }
    if (ready === 4) break;
    await page.waitForTimeout(50);
  }
  assert.equal(counts[counts.length - 1], 4, `all four ready: ${counts}`);
  assert.ok(counts.length >= 3, `ready one by one, not all at once: ${counts}`);
  assert.ok(counts.every((c, i) => i === 0 || c > counts[i - 1]), `never going back: ${counts}`);
  await page.getByText(/All 4 images are ready/).waitFor();
  // A finished guide offers its printable page and its time-lapse.
  await page.getByRole('link', { name: 'Printable guide' }).waitFor();
  await page.getByRole('img', { name: /Time-lapse/ }).waitFor();
  await page.screenshot({ path: join(shots, 'ready-1440.png'), fullPage: true });
  assert.equal(await page.getByRole('img', { name: /Step 1/ }).first().isVisible(), true);

  // The keyboard moves through the steps (APG tabs).
  const tabs = page.getByRole('tab');
  await tabs.first().focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await tabs.nth(1).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('End');
  assert.equal(await tabs.nth(3).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Home');
  assert.equal(await tabs.nth(0).getAttribute('aria-selected'), 'true');

  // The schematic engine draws the same plan the same way: a ready step
  // offers "Fix this step" (the plan editor at that step), not Regenerate.
  await tabs.nth(1).click();
  const panel = page.getByRole('tabpanel');
  assert.equal(await panel.getByRole('button', { name: 'Regenerate' }).count(), 0);
  const fix = panel.getByRole('link', { name: 'Fix this step' });
  assert.match((await fix.getAttribute('href')) ?? '', /\/guides\/[^/]+\/plan\?step=2$/);

  // A step regenerated (through the API: the page offers it for failed
  // steps and cloud engines) comes back ready on the page.
  const guideId = guideUrl.split('/guides/')[1];
  const regenerated = await fetch(`${base}/step-images/${guideId}/step/2/regenerate`, { method: 'POST' });
  assert.equal(regenerated.status, 202);
  await page.reload();
  await page.waitForFunction(() => /ready/i.test(document.querySelectorAll('[role="tab"]')[1]?.textContent ?? ''), null, { timeout: 20000 });
  await page.getByText(/All 4 images are ready/).waitFor({ timeout: 20000 });

  // The ZIP holds every image, the guide page and the plan.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download ZIP' }).click()]);
  const names = zipNames(readFileSync(await download.path()));
  assert.deepEqual(names, ['guide.html', 'plan.json', 'step-01.webp', 'step-02.webp', 'step-03.webp', 'step-04.webp']);

  assert.deepEqual(await seriousViolations(page), [], 'the storyboard has no serious accessibility problems');

  // The same guide on a phone.
  const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true });
  const small = await phone.newPage();
  await small.goto(guideUrl);
  await small.getByText(/All 4 images are ready/).waitFor();
  // Another browser gets the guide's texts from the server.
  await small.getByRole('heading', { name: /Clean the jar/ }).waitFor();
  await small.screenshot({ path: join(shots, 'ready-375.png'), fullPage: true });
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scrolling at 375 px (${overflow} px too wide)`);
  await small.goto(base + '/');
  await small.screenshot({ path: join(shots, 'new-guide-375.png'), fullPage: true });
  await phone.close();
  await context.close();
});

test('pending, generating and failed steps look like what they are', async () => {
  // The failed state needs an engine failure, which the schematic engine
  // does not make: this test answers the progress request itself (and
  // refuses the event stream, so the page polls) to show each state.
  const progress = {
    id: 'demo', status: 'generating', total_steps: 4, completed_steps: 1, failed_steps: 1, progress: 0.5,
    started_at: 1, completed_at: null, error: null,
    step_images: [
      { step_number: 1, image_id: null, image_url: null, status: 'completed', generated_at: 2, attempts: 1 },
      { step_number: 2, image_id: null, image_url: null, status: 'failed', generated_at: null, attempts: 5, error: 'the engine took longer than 120 s (gave up after 5 tries)' },
      { step_number: 3, image_id: null, image_url: null, status: 'generating', generated_at: null, attempts: 1 },
      { step_number: 4, image_id: null, image_url: null, status: 'pending', generated_at: null, attempts: 0 },
    ],
  };
  for (const width of [1440, 375]) {
    const context = await browser.newContext({ viewport: { width, height: 1000 } });
    const page = await context.newPage();
    await page.route('**/step-images/demo/events', (route) => route.abort());
    await page.route('**/step-images/demo', (route) => route.fulfill({ json: progress }));
    await page.goto(base + '/guides/demo');
    await page.getByText(/Generating images: 2\/4/).waitFor();
    for (const [index, name] of [[1, 'failed'], [2, 'generating'], [3, 'waiting']]) {
      await page.getByRole('tab').nth(index).click();
      const panel = page.getByRole('tabpanel');
      if (name === 'failed') await panel.getByText(/gave up after 5 tries/).waitFor();
      await page.screenshot({ path: join(shots, `state-${name}-${width}.png`), fullPage: true });
    }
    assert.deepEqual(await seriousViolations(page), [], `states at ${width} px`);
    await context.close();
  }
});

test('the guide page shows what stepcast understood of text as people write it', async () => {
  // Real writing: no titles that say what to do, an unknown verb, a
  // narrative "I used", a statement that asks for nothing.
  const request = {
    title: 'Cardboard roll vase',
    materials: ['glue', 'tissue paper', 'cardboard roll', 'unused cd'],
    steps: [
      { title: 'Materials', description: 'Glue, tissue paper, cardboard roll, unused CD, razor.' },
      { title: 'Tissue', description: 'Crumple the tissue before sticking it to the roll. This gives the texture.' },
      { title: 'Base', description: 'Now with the help of glue, stick the roll on to the CD.' },
    ],
  };
  const res = await fetch(base + '/step-images', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  assert.equal(res.status, 202);
  const { id } = await res.json();

  for (const width of [1440, 375]) {
    const context = await browser.newContext({ viewport: { width, height: 1000 }, isMobile: width < 500 });
    const page = await context.newPage();
    await page.goto(`${base}/guides/${id}`);
    await page.getByText(/All 3 images are ready/).waitFor();
    await page.getByText(/Plan confidence \d+%/).waitFor();

    // The materials step says nothing is drawn for it.
    await page.getByRole('tab').nth(0).click();
    await page.getByText(/Materials list — nothing is drawn for this step/).waitFor();

    // The tissue step marks the verb it does not know; focus shows why.
    await page.getByRole('tab').nth(1).click();
    const panel = page.getByRole('tabpanel');
    await panel.getByText(/Understood \d+%/).waitFor();
    const mark = panel.locator('mark', { hasText: /crumple/i }).first();
    await mark.focus();
    const described = await mark.evaluate((el) => {
      const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      return ids.map((i) => document.getElementById(i)?.textContent ?? '').join(' ');
    });
    assert.match(described, /unknown verb/, 'the reason is the word’s accessible description');
    await page.screenshot({ path: join(shots, `understanding-${width}.png`), fullPage: true });

    // The step that was read in full says so.
    await page.getByRole('tab').nth(2).click();
    await panel.getByText(/Understood 100%/).waitFor();

    if (width < 500) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `no sideways scrolling at 375 px (${overflow} px too wide)`);
    }
    assert.deepEqual(await seriousViolations(page), [], `understanding at ${width} px`);
    await context.close();
  }
});
