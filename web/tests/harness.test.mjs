// The checks themselves can fail: a page with known WCAG violations is refused.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { assertAccessible, launchBrowser, newPage } from './harness.mjs';

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
