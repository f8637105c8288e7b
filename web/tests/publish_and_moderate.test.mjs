// The publishing loop in a real browser: an officer signs in, writes a case
// study with errors and fixes them, submits it; a moderator requests changes;
// the officer fixes and resubmits; the moderator approves; a visitor finds it
// in search. Every page on the way passes axe at WCAG 2.2 AA.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  assertAccessible,
  assertSignedInAs,
  demoServerAndBrowser,
  devSignIn,
  newPage,
  signOut,
} from './harness.mjs';

const OFFICER = 'officer@camden.gov.uk';
const MODERATOR = 'moderator@bristol.gov.uk';
const TITLE = 'Pothole reporting by photo in Camden';

const demo = demoServerAndBrowser();

test('write, fix, submit, moderate, fix, approve, find', async () => {
  const page = await newPage(demo.browser);
  await devSignIn(page, demo.server.url, OFFICER, 'MEMBER');
  await assertAccessible(page);

  await page.getByRole('link', { name: 'Our case studies' }).click();
  await assertAccessible(page);
  await page.getByRole('link', { name: 'Write a case study' }).click();
  await assertAccessible(page);

  // First attempt: a title too short and nothing else.
  await page.getByLabel('Title', { exact: true }).fill('Pot');
  await page.getByRole('button', { name: 'Save' }).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /There is a problem/);
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'error-summary', 'focus moves to the errors');
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Pot', 'what was typed is kept');
  await assertAccessible(page);
  // Each error links to its field.
  await summary.getByRole('link', { name: /Summary:/ }).click();
  assert.match(page.url(), /#summary$/);

  await page.getByLabel('Title', { exact: true }).fill(TITLE);
  await page.getByLabel('Summary', { exact: true }).fill('Residents reported potholes by sending a photo; repairs were booked from the photos.');
  await page.getByRole('radio', { name: 'Partial success' }).check();
  await page.getByLabel('What happened').fill('## What we did\n\nWe let residents send a photo of a pothole.');
  await page.getByLabel('Lessons').fill('Ask for the location, not just the photo');
  await page.getByRole('checkbox', { name: 'Highways and transport' }).check();
  await page.getByRole('checkbox', { name: 'Mobile apps' }).check();
  await page.getByLabel('Start date').fill('2022-05-01');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/case-studies\/pothole-reporting/);
  const caseStudyUrl = page.url();
  assert.match(await page.locator('main').innerText(), /DRAFT/);
  await assertAccessible(page);
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page.waitForLoadState();
  assert.match(await page.locator('main').innerText(), /SUBMITTED/);
  await assertAccessible(page);
  await signOut(page);
  await assertAccessible(page);

  // The moderator asks for a change.
  await devSignIn(page, demo.server.url, MODERATOR, 'MODERATOR');
  await page.getByRole('link', { name: 'Moderation' }).click();
  await assertAccessible(page);
  await page.getByRole('link', { name: TITLE }).click();
  await assertAccessible(page);
  await page.getByRole('radio', { name: 'Request changes' }).check();
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.locator('.error-summary').waitFor();
  await assertAccessible(page);
  await page.getByRole('radio', { name: 'Request changes' }).check();
  await page.getByLabel('Message to the council').fill('Please say what it cost.');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.waitForURL(/decided=REQUEST_CHANGES/);
  assert.match(await page.locator('main').innerText(), /Changes requested/);
  await signOut(page);

  // The officer reads the message, fixes and resubmits.
  await devSignIn(page, demo.server.url, OFFICER, 'MEMBER');
  await page.goto(caseStudyUrl);
  const main = await page.locator('main').innerText();
  assert.match(main, /CHANGES_REQUESTED/);
  assert.match(main, /Please say what it cost\./);
  await page.getByRole('link', { name: 'Edit' }).click();
  await assertAccessible(page);
  await page.getByRole('radio', { name: '£10k to £50k' }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(caseStudyUrl);
  await assertAccessible(page);
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page.waitForLoadState();
  await signOut(page);

  // The moderator approves.
  await devSignIn(page, demo.server.url, MODERATOR, 'MODERATOR');
  await page.getByRole('link', { name: 'Moderation' }).click();
  await page.getByRole('link', { name: TITLE }).click();
  await page.getByRole('radio', { name: 'Approve and publish' }).check();
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.waitForURL(/decided=APPROVE/);
  await assertAccessible(page);
  await signOut(page);

  // A visitor finds it.
  const visitor = await newPage(demo.browser);
  await visitor.goto(`${demo.server.url}/search?q=pothole+photo`);
  await visitor.getByRole('link', { name: TITLE }).waitFor();
  await visitor.getByRole('link', { name: TITLE }).click();
  await visitor.waitForURL(caseStudyUrl);
  assert.match(await visitor.locator('aside').innerText(), /£10k to £50k/);
  await assertAccessible(visitor);
  await assertSignedInAsNobody(visitor);
});

test('the admin, council, sign-in and error pages pass axe too', async () => {
  const page = await newPage(demo.browser);
  for (const path of ['/sign-in', '/councils/camden', '/no-such-page']) {
    const response = await page.goto(`${demo.server.url}${path}`);
    assert.ok(response.status() === 200 || path === '/no-such-page', `${path}: ${response.status()}`);
    await assertAccessible(page);
  }
  await devSignIn(page, demo.server.url, 'someone@example.org', 'MEMBER');
  assert.equal((await page.goto(`${demo.server.url}/case-studies/new`)).status(), 403, 'a pending member cannot write yet');
  await assertAccessible(page);
  await signOut(page);

  await devSignIn(page, demo.server.url, 'admin@leeds.gov.uk', 'ADMIN');
  await page.getByRole('link', { name: 'Members' }).click();
  assert.match(await page.locator('main').innerText(), /someone@example\.org/);
  await assertAccessible(page);
  await page.getByLabel('Confirm their council').first().fill('atlantis');
  await page.getByRole('button', { name: 'Confirm council' }).first().click();
  await page.locator('.error-summary').waitFor();
  await assertAccessible(page);
  await page.getByLabel('Confirm their council').first().fill('camden');
  await page.getByRole('button', { name: 'Confirm council' }).first().click();
  await page.waitForURL(/done=assign/);
  await assertAccessible(page);
  await page.goto(`${demo.server.url}/admin/members?status=ALL`);
  await assertAccessible(page);
});

async function assertSignedInAsNobody(page) {
  assert.ok(await page.getByRole('link', { name: 'Sign in' }).isVisible());
  await assert.rejects(assertSignedInAs(page, OFFICER));
}
