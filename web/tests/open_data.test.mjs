// Open data and learning between councils in a real browser: the data page
// explains the licence and passes axe; a member of another council asks the
// authors a question from a case study's page, which shows its evidence, and
// the page (with its forms) passes axe.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertAccessible, demoServerAndBrowser, devSignIn, newPage, screenshot } from './harness.mjs';

const demo = demoServerAndBrowser();

const ASKER = 'asker@leeds.gov.uk';

test('the open data page names the licence, links the files and passes axe', async () => {
  const page = await newPage(demo.browser);
  await page.goto(`${demo.server.url}/data`);
  await page.getByRole('link', { name: 'Open Government Licence v3.0' }).first().waitFor();
  assert.equal(await page.locator('a[href="/data/case-studies.csv"]').count(), 1);
  assert.equal(await page.locator('a[href="/data/case-studies.json"]').count(), 1);
  const jsonLd = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
  assert.equal(jsonLd['@type'], 'Dataset');
  await assertAccessible(page);
  await screenshot(page, 'open-data-1280');
});

test('a member of another council asks a question from the page, which shows the evidence', async () => {
  const page = await newPage(demo.browser);
  await devSignIn(page, demo.server.url, ASKER, 'MEMBER');
  await page.goto(`${demo.server.url}/search?q=chatbot`);
  await page.locator('article.result h2 a').first().click();
  await page.waitForLoadState();
  const facts = await page.locator('aside').innerText();
  assert.match(facts, /Anecdotal/, facts);
  assert.match(facts, /over budget/, facts);
  await page.getByRole('heading', { name: 'What we would do differently' }).waitFor();
  await assertAccessible(page);
  await page.getByLabel('Your question').fill('Which channels did residents use instead?');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await page.waitForLoadState();
  const questions = await page.locator('#questions').innerText();
  assert.match(questions, /Which channels did residents use instead\?/, questions);
  assert.match(questions, /An officer at Leeds City Council asked/, questions);
  await assertAccessible(page);
  await screenshot(page, 'case-study-question-1280');
});
