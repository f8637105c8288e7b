// Alerts, notifications and feeds in a real browser: a member saves a search
// and follows a council; chooses their notifications; a new member waits and
// the development mailbox shows the admins' email; its one-click link asks
// before it unsubscribes. Every page on the way passes axe at WCAG 2.2 AA.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertAccessible, demoServerAndBrowser, devSignIn, newPage, signOut } from './harness.mjs';

const READER = 'reader@leeds.gov.uk';
const ADMIN = 'admin@manchester.gov.uk';

const demo = demoServerAndBrowser();

test('save a search, follow a council, choose notifications', async () => {
  const page = await newPage(demo.browser);
  await devSignIn(page, demo.server.url, READER, 'MEMBER');
  await page.goto(`${demo.server.url}/search?q=chatbot`);
  const feed = await page.locator('link[rel="alternate"][type="application/atom+xml"][title="Casebook: this search"]').getAttribute('href');
  assert.equal(feed, '/search.atom?q=chatbot');
  await page.getByLabel('Save this search as').fill('Chatbots');
  await page.getByLabel('and email me').selectOption('WEEKLY');
  await page.getByRole('button', { name: 'Save this search' }).click();
  await page.waitForURL(/\/account\/alerts$/);
  const alerts = await page.locator('main').innerText();
  assert.match(alerts, /Chatbots/);
  assert.match(alerts, /Weekly/);
  await assertAccessible(page);

  await page.goto(`${demo.server.url}/councils/camden`);
  await assertAccessible(page);
  await page.getByRole('button', { name: /Follow London Borough of Camden/ }).click();
  await page.waitForURL(/\/account\/alerts$/);
  assert.match(await page.locator('main').innerText(), /London Borough of Camden/);

  await page.getByRole('link', { name: 'Notification settings' }).click();
  await assertAccessible(page);
  await page.getByLabel("Moderators' decisions on your case studies").uncheck();
  await page.getByLabel('A daily digest').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/account\/notifications$/);
  assert.equal(await page.getByLabel("Moderators' decisions on your case studies").isChecked(), false);
  assert.equal(await page.getByLabel('A daily digest').isChecked(), true);
  await signOut(page);
});

test('the development mailbox shows the email and its unsubscribe link asks first', async () => {
  const page = await newPage(demo.browser);
  await devSignIn(page, demo.server.url, ADMIN, 'ADMIN');
  await signOut(page);
  // Nobody's council: this account waits, and admins hear of it.
  await devSignIn(page, demo.server.url, 'someone@example.com', 'MEMBER');
  await signOut(page);
  await page.goto(`${demo.server.url}/dev/mail`);
  await assertAccessible(page);
  await page.locator('tr', { hasText: ADMIN }).getByRole('link', { name: 'A new member is waiting' }).first().click();
  const message = await page.locator('main').innerText();
  assert.match(message, /waits for an admin to let them in/);
  assert.ok(!message.includes('someone@example.com'), 'no address in the email');
  await assertAccessible(page);
  const unsubscribe = message.match(/List-Unsubscribe\s+(\S+)/)[1];
  await page.goto(unsubscribe);
  assert.match(await page.locator('main').innerText(), /Stop getting emails about: new members waiting/);
  await assertAccessible(page);
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await page.waitForURL(/\/unsubscribed$/);
  assert.match(await page.locator('main').innerText(), /You are unsubscribed/);
  await assertAccessible(page);
});
