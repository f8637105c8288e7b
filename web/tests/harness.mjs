// What every browser test needs: a real `casebook serve --demo` on a free
// loopback port with its own data directory, the system's Chromium driven by
// playwright-core, an axe-core check of WCAG 2.2 A and AA, and screenshots.
//
// CASEBOOK_BIN is the server binary (default: the workspace's debug build);
// CASEBOOK_TEST_CHROMIUM the browser (default /usr/bin/chromium). A browser
// or binary that is missing fails the run: it is never skipped.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { after, before } from 'node:test';

import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const binary = process.env.CASEBOOK_BIN ?? resolve(here, '../../target/debug/casebook');
const browserPath = process.env.CASEBOOK_TEST_CHROMIUM ?? '/usr/bin/chromium';
export const resultsDir = resolve(here, '../test-results');

async function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Starts `casebook serve --demo`; resolves once /health answers. */
export async function startServer() {
  assert.ok(existsSync(binary), `no casebook binary at ${binary}: build it (cargo build) or set CASEBOOK_BIN`);
  const dataDir = mkdtempSync(join(tmpdir(), 'casebook-browser-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(binary, ['--data-dir', dataDir, '--bind', `127.0.0.1:${port}`, 'serve', '--demo'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn' },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/health`)).ok) {
        return {
          url,
          /** SIGTERM, as an orchestrator stops it; resolves with the exit code once it has exited. */
          async stop() {
            const exited = new Promise((done) => child.once('exit', (code, signal) => done(code ?? signal)));
            child.kill('SIGTERM');
            const code = await exited;
            rmSync(dataDir, { recursive: true, force: true });
            return code;
          },
        };
      }
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  child.kill();
  throw new Error(`casebook serve --demo did not start:\n${output}`);
}

export async function launchBrowser() {
  assert.ok(existsSync(browserPath), `no Chromium at ${browserPath}: install Debian's chromium or set CASEBOOK_TEST_CHROMIUM`);
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });
}

/**
 * For a test file: a demo server and a browser before its tests, both gone
 * after. Read `.server` and `.browser` inside the tests.
 */
export function demoServerAndBrowser() {
  const shared = {};
  before(async () => {
    shared.server = await startServer();
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.stop();
  });
  return shared;
}

/** A fresh browser context (no cookies), desktop width unless told. */
export async function newPage(browser, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  // A step that cannot happen fails in seconds, with where it was, rather than hanging the run.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // A Content-Security-Policy refusal shows up here: it must never happen.
    // ("Failed to load resource" is a page's own 4xx status, e.g. a form with errors.)
    const text = message.text();
    if (message.type() === 'error' && !text.startsWith('Failed to load resource')) errors.push(text);
  });
  page.scriptErrors = errors;
  return page;
}

/** Zero axe-core violations at WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export async function assertAccessible(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  const found = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary}`).join('\n'),
  );
  assert.deepEqual(found, [], `accessibility violations on ${page.url()}:\n${found.join('\n')}`);
  assert.deepEqual(page.scriptErrors, [], `script or CSP errors on ${page.url()}`);
}

/** Saves a full-page screenshot to web/test-results/NAME.png for a person to look at. */
export async function screenshot(page, name) {
  mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: true });
}

/** Signs in with the development sign-in form, by mouse. */
export async function devSignIn(page, url, email, role) {
  await page.goto(`${url}/dev/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState();
  await assertSignedInAs(page, email);
}

export async function assertSignedInAs(page, email) {
  const header = await page.locator('header').innerText();
  assert.match(header, new RegExp(`Signed in as ${email.replace('.', '\\.')}`), header);
}

export async function signOut(page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForLoadState();
}

/** The bytes of everything a page load fetched: the document, its CSS and JS. */
export async function pageWeight(page, url) {
  let bytes = 0;
  const counted = [];
  const listener = async (response) => {
    try {
      const body = await response.body();
      bytes += body.length;
      counted.push(`${response.url()} ${body.length}`);
    } catch {
      // redirects have no body
    }
  };
  page.on('response', listener);
  await page.goto(url, { waitUntil: 'networkidle' });
  page.off('response', listener);
  return { bytes, counted };
}
