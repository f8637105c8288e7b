// The checks themselves can fail: a page with known WCAG violations is refused.
// And the server the tests run stops as an orchestrator stops it: SIGTERM, exit 0.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { assertAccessible, launchBrowser, newPage, startServer } from './harness.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('the accessibility check refuses a page with an unlabelled field and an image without text', async () => {
  const page = await newPage(browser);
  await page.setContent('<!doctype html><html lang="en"><title>Broken</title><main><img src="data:,"><input></main></html>');
  await assert.rejects(assertAccessible(page), /image-alt[\s\S]*label/);
});

test('casebook serve stops on SIGTERM, ready until then, and exits 0', async () => {
  const server = await startServer();
  // Ready once its index has the demo (a few hundred milliseconds after it answers /health).
  let ready;
  for (let attempt = 0; attempt < 50; attempt++) {
    ready = await fetch(`${server.url}/ready`);
    if (ready.status === 200) break;
    await new Promise((wait) => setTimeout(wait, 200));
  }
  assert.equal(ready.status, 200);
  const body = await ready.json();
  assert.equal(body.status, 'ready');
  assert.equal(body.outbox.dead, 0, 'the mail outbox is on /ready too');
  const started = Date.now();
  assert.equal(await server.stop(), 0, 'a graceful shutdown exits 0');
  assert.ok(Date.now() - started < 12_000, 'within the grace period');
});
