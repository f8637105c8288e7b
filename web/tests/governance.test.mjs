// Governance in a real browser: an admin relabels a term and adds a synonym
// group on the taxonomy page, edits a council's email domains; a member
// downloads their data and deletes their account. Every page on the way
// passes axe at WCAG 2.2 AA.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertAccessible, demoServerAndBrowser, devSignIn, newPage } from './harness.mjs';

const ADMIN = 'admin@leeds.gov.uk';
const OFFICER = 'leaver@camden.gov.uk';

const demo = demoServerAndBrowser();

test('relabel a term, add synonyms, edit a council', async () => {
  const page = await newPage(demo.browser);
  await devSignIn(page, demo.server.url, ADMIN, 'ADMIN');
  await page.getByRole('link', { name: 'Taxonomy' }).click();
  await assertAccessible(page);
  await page.getByLabel('Label of housing', { exact: true }).fill('Homes and housing');
  await page.getByLabel('Label of housing', { exact: true }).press('Enter');
  await page.waitForURL(/done=relabel/);
  assert.equal(await page.getByLabel('Label of housing', { exact: true }).inputValue(), 'Homes and housing');
  await page.getByLabel('Add a group').fill('litter bin, rubbish bin');
  await page.getByRole('button', { name: 'Add synonyms' }).click();
  await page.waitForURL(/done=add-synonyms/);
  assert.match(await page.locator('main').innerText(), /litter bin, rubbish bin/);
  await assertAccessible(page);

  await page.goto(`${demo.server.url}/admin/councils/camden`);
  await assertAccessible(page);
  const domains = page.getByLabel('Its own email domains');
  await domains.fill(`${await domains.inputValue()}\ncamden.org.uk`);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/saved=1/);
  assert.match(await page.getByLabel('Its own email domains').inputValue(), /camden\.org\.uk/);
  await assertAccessible(page);
});

test('download my data, then delete my account', async () => {
  const page = await newPage(demo.browser);
  await devSignIn(page, demo.server.url, OFFICER, 'MEMBER');
  await page.getByRole('link', { name: 'Your account' }).click();
  await assertAccessible(page);
  const response = await page.request.get(`${demo.server.url}/account/data.json`);
  const data = await response.json();
  assert.equal(data.account.email, OFFICER);
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await page.locator('.error-summary').waitFor();
  await assertAccessible(page);
  await page.getByLabel('Type your email address to confirm').fill(OFFICER);
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await page.waitForURL(/\/account\/deleted/);
  assert.match(await page.locator('main').innerText(), /Your account has been deleted/);
  assert.match(await page.locator('header').innerText(), /Sign in/);
  await assertAccessible(page);
});
