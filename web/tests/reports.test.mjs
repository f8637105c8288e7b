// Reports and the audit log in a real browser: a member of another council
// reports a published case study from its page; a moderator finds the report
// in the queue and upholds it; the owning council reads the reason and can
// edit and resubmit; the reporter reads the outcome; an admin finds the
// takedown in the audit log. Every page on the way passes axe at WCAG 2.2 AA.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertAccessible, demoServerAndBrowser, devSignIn, newPage, signOut } from './harness.mjs';

const TITLE = 'Virtual parking permits: ending paper permits and scratch cards';
const READER = 'reader@leeds.gov.uk';
const MODERATOR = 'moderator@bristol.gov.uk';
const OFFICER = 'officer@camden.gov.uk';
const ADMIN = 'admin@manchester.gov.uk';
const REASON = 'The second paragraph names a resident.';

const demo = demoServerAndBrowser();

test('report, uphold, read the reason, read the outcome, find it in the audit log', async () => {
  const page = await newPage(demo.browser);
  await devSignIn(page, demo.server.url, READER, 'MEMBER');
  await page.goto(`${demo.server.url}/search?q=${encodeURIComponent('virtual parking permits')}`);
  await page.getByRole('link', { name: TITLE }).first().click();
  const caseStudyUrl = page.url();
  await page.getByText('Report this case study').click();
  await assertAccessible(page);
  await page.getByRole('radio', { name: 'Personal data' }).check();
  await page.getByLabel('Details for the moderators').fill('A resident is named.');
  await page.getByRole('button', { name: 'Send the report' }).click();
  await page.waitForURL(/reported=1/);
  assert.match(await page.locator('main').innerText(), /moderators will look at your report/);
  await assertAccessible(page);
  await signOut(page);

  await devSignIn(page, demo.server.url, MODERATOR, 'MODERATOR');
  await page.getByRole('link', { name: 'Moderation' }).click();
  await assertAccessible(page);
  await page.locator('table', { hasText: 'reported' }).getByRole('link', { name: TITLE }).click();
  assert.match(await page.locator('main').innerText(), /A resident is named\./);
  await assertAccessible(page);
  await page.getByRole('radio', { name: 'Uphold: take it down' }).check();
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.locator('.error-summary').waitFor();
  await assertAccessible(page);
  await page.getByLabel('Note').fill(REASON);
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.waitForURL(/decided=REPORT_UPHOLD/);
  await assertAccessible(page);
  await signOut(page);

  const gone = await page.goto(caseStudyUrl);
  assert.equal(gone.status(), 404, 'taken down: gone for visitors');

  await devSignIn(page, demo.server.url, OFFICER, 'MEMBER');
  await page.goto(caseStudyUrl);
  const notice = await page.locator('main').innerText();
  assert.match(notice, /A moderator took this case study down/);
  assert.ok(notice.includes(REASON), notice);
  assert.ok(!notice.includes(READER) && !notice.includes('Leeds'), 'never who reported it');
  await assertAccessible(page);
  await page.getByRole('button', { name: 'Submit for review' }).waitFor();
  await signOut(page);

  await devSignIn(page, demo.server.url, READER, 'MEMBER');
  await page.getByRole('link', { name: 'Your reports' }).click();
  assert.match(await page.locator('main').innerText(), /Upheld/);
  await assertAccessible(page);
  await signOut(page);

  await devSignIn(page, demo.server.url, ADMIN, 'ADMIN');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Action').selectOption('case_study.unpublish');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/action=case_study.unpublish/);
  const log = await page.locator('main').innerText();
  assert.match(log, /1 entry/);
  assert.ok(log.includes(REASON), log);
  await assertAccessible(page);
});
