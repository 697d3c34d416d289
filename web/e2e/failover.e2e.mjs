// End to end, issue 13's failure test: `kill -9` an API process while a
// browser follows a guide through it. Two `stepcast serve --no-workers`
// processes (A and B) and one `stepcast worker` share a Redis store and an
// image directory; the photos come from `stepcast fake-gemini`, slowly
// enough (about 1.5 s each, one at a time) that the guide takes seconds.
// The browser reaches the APIs through a tiny load balancer written here,
// which forwards to A until A is killed, then to B. The page's EventSource
// must reconnect through it with `Last-Event-ID`, so that it misses no event
// and sees none twice, and the page must end with every step's photo.
// Run by `npm run e2e`; the screenshot lands in web/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchBrowser, shots, startFake, startServe, startWorker, stopProcess, waitForLine } from './support.mjs';

/** The event kinds the server sends (crates/server/src/api/events.rs), and unnamed messages. */
const EVENT_KINDS = ['created', 'step', 'guide', 'plan', 'partial', 'message'];
const STEPS = [
  'Cut the panels: Cut the front, back, sides, floor and roof panels from the pine board.',
  'Drill the entrance: Drill a 32 mm entrance hole in the front panel.',
  'Join the sides: Glue and nail the side panels to the floor panel.',
  'Fit the front: Nail the front panel to the sides and floor.',
  'Fit the back: Nail the back panel to the sides and floor.',
  'Attach the roof: Nail the two roof panels on top, overlapping at the ridge.',
  'Sand the edges: Sand every edge smooth with sandpaper.',
  'Hang it: Screw the birdhouse to a post two metres above the ground.',
];

/** What this run started, so that `after` can stop it whatever failed. */
const run = {
  prefix: `e2e-failover-${randomBytes(6).toString('hex')}:`,
  dirs: [],
  logs: {},
};

/** Resolves with `check()`'s first truthy value, polling; fails with `what` (a string or a function giving one). */
async function until(what, check, { timeout = 20_000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) {
      const said = typeof what === 'function' ? await what() : what;
      throw new Error(`timed out after ${timeout} ms waiting for ${said}`);
    }
    await sleep(interval);
  }
}

/** A port free now on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** The test Redis of `scripts/test` when there is one, else a throwaway one of our own. */
async function startRedis() {
  if (process.env.STEPCAST_TEST_REDIS_URL) return { url: process.env.STEPCAST_TEST_REDIS_URL };
  const dir = mkdtempSync(join(tmpdir(), 'stepcast-e2e-redis-'));
  run.dirs.push(dir);
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  await waitForLine(child, child.stdout, /(Ready to accept connections)/, 'redis-server');
  return { url: `redis://127.0.0.1:${port}`, child };
}

/** Deletes every Redis key under `prefix`; returns how many there were. */
function deleteKeys(url, prefix) {
  const keys = execFileSync('redis-cli', ['-u', url, '--scan', '--pattern', `${prefix}*`], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  for (let i = 0; i < keys.length; i += 200) execFileSync('redis-cli', ['-u', url, 'DEL', ...keys.slice(i, i + 200)], { stdio: 'ignore' });
  return keys.length;
}

/** Keeps the last few kilobytes a process prints, to show when something fails. */
function keepLog(name, stream) {
  run.logs[name] = '';
  stream.on('data', (chunk) => {
    run.logs[name] = (run.logs[name] + chunk).slice(-6000);
  });
}

/**
 * A load balancer in front of the API processes: every request goes to the
 * backend that is current when it arrives, streamed both ways (Server-Sent
 * Events included), request headers kept. A response cut off by its backend
 * is cut off for the browser too. A GET whose backend fails before answering
 * is tried once more on the backend current then (as a real balancer does).
 * Every try is logged with the headers that matter here.
 */
function startBalancer() {
  const balancer = { target: null, name: null, log: [] };
  const hopByHop = ['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade'];

  function forward(req, res, retried) {
    const { target, name } = balancer;
    const entry = {
      backend: name,
      method: req.method,
      path: req.url,
      lastEventId: req.headers['last-event-id'] ?? null,
      retried,
      status: null,
      at: Date.now(),
    };
    balancer.log.push(entry);
    const headers = { ...req.headers };
    for (const header of hopByHop) delete headers[header];
    headers.connection = 'close';
    const upstream = http.request(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false },
      (answer) => {
        entry.status = answer.statusCode;
        const answerHeaders = { ...answer.headers };
        for (const header of hopByHop) delete answerHeaders[header];
        res.writeHead(answer.statusCode, answerHeaders);
        answer.pipe(res);
        answer.on('error', () => {});
        answer.on('close', () => {
          if (!answer.complete) {
            entry.cut = true;
            res.destroy();
          }
        });
      },
    );
    upstream.on('error', (error) => {
      entry.error = error.code ?? error.message;
      if (res.headersSent) {
        res.destroy();
      } else if (!retried && (req.method === 'GET' || req.method === 'HEAD') && balancer.name !== name) {
        forward(req, res, true);
      } else {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`backend ${name}: ${entry.error}`);
      }
    });
    res.on('close', () => upstream.destroy());
    if (req.method === 'GET' || req.method === 'HEAD' || retried) upstream.end();
    else req.pipe(upstream);
  }

  const server = http.createServer((req, res) => forward(req, res, false));
  balancer.server = server;
  balancer.use = (name, base) => {
    balancer.name = name;
    balancer.target = new URL(base);
  };
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      balancer.base = `http://127.0.0.1:${server.address().port}`;
      resolve(balancer);
    });
  });
}

/**
 * Installed before any page script: every EventSource the page makes is
 * recorded in `window.__streams` (its URL, and how many events had been
 * received when it opened or failed), and every event it receives, of any
 * kind the server sends, in `window.__sse` as `{id, type, url, stream}`.
 */
function recordEventSources(kinds) {
  const Native = window.EventSource;
  window.__sse = [];
  window.__streams = [];
  class RecordedEventSource extends Native {
    constructor(url, init) {
      super(url, init);
      const stream = window.__streams.length;
      const record = { url: String(url), opens: [], errors: [] };
      window.__streams.push(record);
      // Added before any listener of the page's, so each event is recorded once, first.
      for (const kind of kinds) {
        this.addEventListener(kind, (event) => {
          window.__sse.push({ id: event.lastEventId, type: event.type, url: String(url), stream });
        });
      }
      this.addEventListener('open', () => record.opens.push({ seen: window.__sse.length }));
      this.addEventListener('error', () => record.errors.push({ seen: window.__sse.length, readyState: this.readyState }));
    }
  }
  window.EventSource = RecordedEventSource;
}

/** The guide's whole event record as `[{id, type}]`, replayed from the start by `base` (the stream ends after the final status). */
async function fullRecord(base, guideId) {
  const response = await fetch(`${base}/step-images/${encodeURIComponent(guideId)}/events`, {
    headers: { accept: 'text/event-stream' },
    signal: AbortSignal.timeout(10_000),
  });
  assert.equal(response.status, 200, 'the finished guide’s events replay from the start');
  const text = await response.text();
  const events = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    let id = null;
    let type = 'message';
    let data = false;
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('id:')) id = line.slice(3).trim();
      else if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('data:')) data = true;
    }
    if (data) events.push({ id: Number(id), type });
  }
  return events;
}

let redis;
let fake;
let balancer;
let apiA;
let apiB;
let worker;
let browser;

before(async () => {
  redis = await startRedis();
  fake = await startFake('fake-gemini', ['--latency-ms', '1500', '--jitter-ms', '300']);
  balancer = await startBalancer();
  const images = mkdtempSync(join(tmpdir(), 'stepcast-e2e-images-'));
  run.dirs.push(images);
  const shared = ['--store', redis.url, '--redis-prefix', run.prefix, '--images', `dir:${images}`, '--gemini-base-url', fake.base, '--planner', 'offline'];
  const env = { GEMINI_API_KEY: 'test-key' };
  // Image URLs name the balancer, so that they keep working once A is gone.
  const api = [...shared, '--no-workers', '--public-url', balancer.base];
  apiA = await startServe(api, env);
  apiB = await startServe(api, env);
  keepLog('api A', apiA.child.stderr);
  keepLog('api B', apiB.child.stderr);
  // One photo at a time: the guide takes about 13 s, so A dies mid-guide and
  // B carries the rest live.
  worker = await startWorker([...shared, '--gemini-max-concurrent', '1', '--lease-secs', '3'], env);
  keepLog('worker', worker.child.stderr);
  balancer.use('A', apiA.base);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => {});
  balancer?.server.closeAllConnections();
  await new Promise((resolve) => (balancer ? balancer.server.close(resolve) : resolve()));
  await Promise.all([apiA, apiB, worker, fake].map((p) => stopProcess(p?.child)));
  if (redis) {
    try {
      deleteKeys(redis.url, run.prefix);
    } catch (error) {
      console.error(`could not delete the Redis keys under ${run.prefix}: ${error.message}`);
    }
    await stopProcess(redis.child);
  }
  for (const dir of [apiA?.dataDir, apiB?.dataDir, worker?.dataDir, ...run.dirs]) {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

test('an API process killed mid-guide: the page reconnects to another with Last-Event-ID, missing and repeating nothing', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  t.after(() => context.close().catch(() => {}));
  await context.addInitScript(recordEventSources, EVENT_KINDS);
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const recorded = () => page.evaluate(() => ({ sse: window.__sse, streams: window.__streams }));
  const diagnosis = async () => {
    const { sse, streams } = await recorded().catch(() => ({ sse: 'page gone', streams: 'page gone' }));
    return (
      `\npage events: ${JSON.stringify(sse)}\nstreams: ${JSON.stringify(streams)}` +
      `\nbalancer: ${JSON.stringify(balancer.log.filter((e) => !e.path.startsWith('/assets/')))}` +
      `\npage errors: ${JSON.stringify(pageErrors)}` +
      Object.entries(run.logs)
        .filter(([, log]) => log.trim() !== '')
        .map(([name, log]) => `\n--- ${name} (last lines)\n${log.split('\n').slice(-15).join('\n')}`)
        .join('')
    );
  };

  try {
    // The form, through the balancer (to A), with Gemini chosen.
    await page.goto(balancer.base + '/');
    await page.getByRole('group', { name: 'Image engine' }).waitFor({ timeout: 15_000 });
    await page.getByRole('radio', { name: /Gemini/ }).check();
    await page.getByLabel('Project title').fill('Pine birdhouse');
    await page.getByLabel('Materials').fill('pine board\nwood glue\nnails\nsandpaper\nscrews');
    await page.getByLabel(/^Steps/).fill(STEPS.join('\n'));
    await page.getByRole('button', { name: 'Create step images' }).click();
    await page.waitForURL(/\/guides\//);
    const guideId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    const eventsPath = `/step-images/${encodeURIComponent(guideId)}/events`;
    const progress = async () => {
      const response = await fetch(`${balancer.base}/step-images/${encodeURIComponent(guideId)}`, { headers: { accept: 'application/json' } });
      assert.equal(response.status, 200, `progress of ${guideId}`);
      return response.json();
    };

    // Wait until a step's photo (not its preview) has arrived in the page and loaded.
    await until(
      async () => `a step photo loaded in the page${await diagnosis()}`,
      async () => {
        const now = await progress();
        const ids = now.step_images.filter((s) => s.status === 'completed' && s.image_id && s.image_id !== s.preview_id).map((s) => s.image_id);
        if (ids.length === 0) return false;
        return page.evaluate(
          (ids) =>
            [...document.querySelectorAll('.thumbnails img')].some(
              (img) => ids.some((id) => img.getAttribute('src')?.endsWith(`/images/${id}`)) && img.complete && img.naturalWidth > 0,
            ),
          ids,
        );
      },
      { timeout: 30_000 },
    );
    const beforeKill = await progress();
    assert.ok(
      ['not_started', 'generating'].includes(beforeKill.status),
      `the guide must still be running when A is killed, but it is ${beforeKill.status}`,
    );
    const seenBeforeKill = await recorded();
    assert.equal(seenBeforeKill.streams.length, 1, `one stream before the kill: ${JSON.stringify(seenBeforeKill.streams)}`);
    assert.deepEqual(seenBeforeKill.streams[0].errors, [], 'the stream has not failed before the kill');
    assert.ok(seenBeforeKill.sse.length > 0, 'events arrived through A before the kill');
    const firstStreamRequest = balancer.log.find((e) => e.path === eventsPath);
    assert.equal(firstStreamRequest?.backend, 'A', 'the page followed the guide through A');
    assert.equal(firstStreamRequest.lastEventId, null, 'the first stream starts from the beginning');

    // kill -9 A; from now on the balancer forwards to B.
    balancer.use('B', apiB.base);
    const killed = new Promise((resolve) => apiA.child.once('exit', resolve));
    apiA.child.kill('SIGKILL');
    await killed;
    const killedAt = Date.now();

    // The page reconnects to B, and the guide finishes with every event shown.
    const resumed = await until(
      async () => `the page's events stream to reach B${await diagnosis()}`,
      () => balancer.log.find((e) => e.backend === 'B' && e.path.startsWith(eventsPath)),
      { timeout: 15_000 },
    );
    console.log(`the page reconnected to B ${resumed.at - killedAt} ms after the kill`);
    await page.getByText(/All 8 images are ready/).waitFor({ timeout: 40_000 });
    const record = await fullRecord(apiB.base, guideId);
    assert.ok(record.length > 0, 'B replays the guide’s events');
    const finalEvent = record[record.length - 1];
    assert.equal(finalEvent.type, 'guide', `the record ends with the guide's final status: ${JSON.stringify(finalEvent)}`);
    await until(
      async () => `the page to receive the final event ${finalEvent.id}${await diagnosis()}`,
      async () => (await recorded()).sse.some((e) => Number(e.id) === finalEvent.id),
      { timeout: 10_000 },
    );
    const { sse, streams } = await recorded();
    const details = await diagnosis();

    // None seen twice: ids strictly increase across the page's streams.
    const ids = sse.map((e) => Number(e.id));
    for (let i = 1; i < ids.length; i += 1) {
      assert.ok(ids[i] > ids[i - 1], `event ${ids[i]} (at ${i}) after ${ids[i - 1]}: seen twice or out of order${details}`);
    }
    // None missed: the page saw exactly the guide's record, kinds included.
    assert.deepEqual(
      sse.map((e) => ({ id: Number(e.id), type: e.type })),
      record,
      `the page's events are the guide's whole record${details}`,
    );

    // The reconnect resumed after the last event received through A.
    const firstError = streams.flatMap((s) => s.errors).sort((a, b) => a.seen - b.seen)[0];
    assert.ok(firstError, `the stream through A failed when A was killed${details}`);
    const lastThroughA = Number(sse[firstError.seen - 1].id);
    assert.ok(lastThroughA >= Number(seenBeforeKill.sse.at(-1).id), 'no event went missing from the page before the failure');
    const toB = balancer.log.filter((e) => e.backend === 'B' && e.path.startsWith(eventsPath));
    const resumeOf = (entry) => entry.lastEventId ?? new URL(entry.path, balancer.base).searchParams.get('last_event_id');
    assert.equal(
      resumeOf(toB[0]),
      String(lastThroughA),
      `the first request for the events that reached B resumes after ${lastThroughA}, the last id the page had${details}`,
    );
    for (const entry of toB) {
      assert.ok(resumeOf(entry) !== null, `every events request to B resumes, none starts over: ${JSON.stringify(entry)}`);
    }
    assert.ok(
      sse.slice(firstError.seen).length > 0,
      `events came through B after the reconnect${details}`,
    );
    console.log(
      `events: ${ids.length} (${sse.slice(0, firstError.seen).length} through A, last ${lastThroughA}; ` +
        `${sse.length - firstError.seen} through B), streams: ${streams.length}, ` +
        `how the page resumed: ${toB[0].lastEventId !== null ? 'Last-Event-ID header' : 'last_event_id query'}`,
    );

    // The page shows every step's photo, loaded.
    const done = await progress();
    assert.equal(done.status, 'completed', `the guide completed: ${JSON.stringify(done.step_images.map((s) => s.status))}`);
    await page.waitForFunction(() => document.querySelectorAll('.thumbnails img.picture-stack__preview').length === 0, null, { timeout: 10_000 });
    await page.waitForFunction(
      () => [...document.querySelectorAll('.step-picture img, .thumbnails img')].every((img) => img.complete && img.naturalWidth > 0),
      null,
      { timeout: 10_000 },
    );
    const thumbnails = await page
      .getByRole('region', { name: 'All steps' })
      .locator('img')
      .evaluateAll((images) => images.map((img) => img.getAttribute('src')));
    assert.deepEqual(
      thumbnails,
      done.step_images.map((s) => `/images/${s.image_id}`),
      'every thumbnail shows its step’s photo',
    );
    assert.equal(thumbnails.length, STEPS.length);
    assert.deepEqual(pageErrors, [], 'no script errors in the page');
    await page.screenshot({ path: join(shots, 'failover-1440.png'), fullPage: true });
  } catch (error) {
    await page.screenshot({ path: join(shots, 'failover-failed-1440.png'), fullPage: true }).catch(() => {});
    throw error;
  }
});
