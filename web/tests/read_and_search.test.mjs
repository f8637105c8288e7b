// A visitor searches with facets and paging, reads a case study, and every
// page passes axe at WCAG 2.2 AA, weighs under 150 KB with its CSS and JS,
// and is photographed at 1280 and 375 pixels wide.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertAccessible, demoServerAndBrowser, newPage, pageWeight, screenshot } from './harness.mjs';

const PAGE_WEIGHT_LIMIT = 150 * 1024;

const demo = demoServerAndBrowser();

test('search with words, a facet and paging', async () => {
  const page = await newPage(demo.browser);
  await page.goto(demo.server.url);
  await assertAccessible(page);
  await page.getByRole('searchbox').first().fill('chatbot');
  await page.getByRole('button', { name: 'Search' }).first().click();
  await page.waitForURL(/\/search\?/);
  const results = page.locator('article.result');
  assert.ok((await results.count()) >= 1, 'the chatbot case studies are found');
  assert.match(await results.first().innerHTML(), /<mark>/i, 'matched words are highlighted');
  await assertAccessible(page);

  // No words, every published case study: more than one page of them.
  await page.goto(`${demo.server.url}/search`);
  const total = Number(await page.locator('[role=status] strong').innerText());
  assert.ok(total > 20, `the demo has more than one page of public case studies (${total})`);
  await page.getByRole('link', { name: 'Next page' }).click();
  await page.waitForURL(/page=2/);
  assert.equal(await page.locator('article.result').count(), total - 20);
  await assertAccessible(page);

  // A facet: ticking it applies it (the script submits the form), and it can be removed.
  await page.goto(`${demo.server.url}/search`);
  const failure = page.getByRole('checkbox', { name: /^Failure \(\d+\)$/ });
  const expected = Number((await failure.locator('xpath=..').innerText()).match(/\((\d+)\)/)[1]);
  await failure.check();
  await page.waitForURL(/outcome=FAILURE/);
  assert.equal(Number(await page.locator('[role=status] strong').innerText()), expected, 'the count the facet showed');
  const outcomes = await page.locator('article.result .tag').allInnerTexts();
  assert.ok(outcomes.every((outcome) => outcome === 'Failure'), outcomes.join(', '));
  await assertAccessible(page);
  await page.getByRole('link', { name: 'Remove filter: Outcome: Failure' }).click();
  await page.waitForURL((url) => !url.search.includes('outcome='));
  assert.equal(Number(await page.locator('[role=status] strong').innerText()), total);
});

test('read a case study from the search results', async () => {
  const page = await newPage(demo.browser);
  await page.goto(`${demo.server.url}/search?q=sensors+litter+bins`);
  const first = page.locator('article.result h2 a').first();
  const title = await first.innerText();
  await first.click();
  await page.waitForURL(/\/case-studies\//);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), title);
  assert.ok(await page.getByRole('heading', { name: 'Facts' }).isVisible());
  assert.ok(await page.getByRole('heading', { name: 'Lessons' }).isVisible());
  const canonical = await page.locator('link[rel=canonical]').getAttribute('href');
  assert.equal(canonical, page.url(), 'a public case study has its canonical URL');
  await assertAccessible(page);
});

test('each page weighs under 150 KB with its CSS and JS', async (t) => {
  const page = await newPage(demo.browser);
  const caseStudy = await firstCaseStudyUrl(page);
  for (const path of ['/', '/search', '/search?q=chatbot', caseStudy]) {
    const { bytes, counted } = await pageWeight(page, `${demo.server.url}${path}`);
    assert.ok(bytes < PAGE_WEIGHT_LIMIT, `${path} weighs ${bytes} bytes:\n${counted.join('\n')}`);
    t.diagnostic(`${path}: ${(bytes / 1024).toFixed(1)} KB with its CSS and JS`);
    assert.ok(counted.some((line) => line.includes('.css')) && counted.some((line) => line.includes('.js')));
  }
});

test('screenshots of the home, search and case study pages at 1280 and 375 pixels', async () => {
  for (const width of [1280, 375]) {
    const page = await newPage(demo.browser, width);
    const caseStudy = await firstCaseStudyUrl(page);
    for (const [name, path] of [
      ['home', '/'],
      ['search', '/search?q=chatbot'],
      ['case-study', caseStudy],
    ]) {
      await page.goto(`${demo.server.url}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at ${width}px`);
      await assertAccessible(page);
      await screenshot(page, `${name}-${width}`);
    }
  }
});

async function firstCaseStudyUrl(page) {
  await page.goto(`${demo.server.url}/search?q=chatbot`);
  const href = await page.locator('article.result h2 a').first().getAttribute('href');
  assert.ok(href?.startsWith('/case-studies/'), href);
  return href;
}
