// What the end-to-end runs share: where the binary and the screenshots are,
// starting `stepcast` processes (the server, the fakes) and waiting for the
// line that says they listen, launching Debian's chromium, and asking
// axe-core for serious accessibility problems.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Where screenshots are written (created on first use). */
export const shots = join(here, 'screenshots');
/** The built web UI the server serves. */
export const webDist = join(here, '..', 'dist');
/** The `stepcast` binary under test. */
export const binary = process.env.STEPCAST_BIN ?? join(repo, 'target', 'debug', 'stepcast');

/**
 * Resolves with the first match of `pattern` in what `stream` prints; rejects
 * if `child` exits first. Patterns end in \s so that a URL split across two
 * chunks is not taken with half its port.
 */
export function waitForLine(child, stream, pattern, what) {
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

/** Starts `stepcast fake-gemini` or `stepcast fake-openai` with `args`; resolves with `{child, base}`. */
export async function startFake(kind, args) {
  const child = spawn(binary, [kind, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  const base = await waitForLine(child, child.stdout, /listening on (http:\/\/[\d.:]+)\s/, `stepcast ${kind}`);
  return { child, base };
}

/**
 * Starts `stepcast serve` on a free port over a fresh data directory with
 * `args` and `env` added; resolves with `{child, base, dataDir}`.
 */
export async function startServe(args, env = {}) {
  mkdirSync(shots, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'stepcast-e2e-'));
  const child = spawn(binary, ['serve', '--bind', '127.0.0.1:0', '--data-dir', dataDir, '--web-dir', webDist, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  const base = await waitForLine(child, child.stderr, /stepcast serving on (http:\/\/[\d.:]+)\s/, 'stepcast serve');
  return { child, base, dataDir };
}

/**
 * Starts `stepcast worker` over a fresh data directory with `args` and `env`
 * added; resolves with `{child, dataDir}` once its workers run.
 */
export async function startWorker(args, env = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'stepcast-e2e-worker-'));
  const child = spawn(binary, ['worker', '--data-dir', dataDir, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  await waitForLine(child, child.stderr, /(stepcast workers running)\s/, 'stepcast worker');
  return { child, dataDir };
}

/** Sends `child` SIGTERM and resolves once it has exited (SIGKILL after `graceMs`). */
export async function stopProcess(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Stops what `startServe` and `startFake` started and removes the data directory. */
export function stopAll(server, ...fakes) {
  server?.child?.kill('SIGTERM');
  for (const fake of fakes) fake?.child?.kill('SIGTERM');
  if (server?.dataDir) rmSync(server.dataDir, { recursive: true, force: true });
}

/** Debian's chromium, through playwright-core (browser downloads are not possible here). */
export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
}

/** axe-core's serious and critical violations on the page. */
export async function seriousViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run());
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}
