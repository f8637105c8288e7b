// The journeys of issue 14 in Chromium, each page checked by axe at WCAG 2.2
// AA: an author's pending revision (seen, edited from, withdrawn), a
// moderator never offered a decision on their own case study, two years
// ticked in search, the councils directory, our case studies by status, and
// collaborators chosen by council name; and the new pages without JavaScript.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertAccessible, demoServerAndBrowser, devSignIn, newPage, signOut } from './harness.mjs';

const demo = demoServerAndBrowser();

/** Writes a case study through the form (choosing a collaborator by name) and submits it; its URL. */
async function writeAndSubmit(page, title, { axe = true } = {}) {
  await page.goto(`${demo.server.url}/case-studies/new`);
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Summary', { exact: true }).fill('Residents booked bulky waste collections online instead of by phone.');
  await page.getByRole('radio', { name: 'Success', exact: true }).check();
  await page.getByLabel('What happened').fill('We moved bookings online and the phone queue fell.');
  await page.getByRole('checkbox', { name: 'Waste and recycling' }).check();
  await page.getByLabel('Start date').fill('2022-05-01');
  await page.getByLabel('Council 1').fill('London Borough of Hackney');
  // (axe runs as a script: not in a browser without JavaScript.)
  if (axe) await assertAccessible(page);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/case-studies\/[a-z0-9-]+$/);
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page.waitForLoadState();
  assert.match(await page.locator('main').innerText(), /SUBMITTED/);
  return page.url();
}

/** A page in a browser with JavaScript switched off. */
async function plainPage() {
  const context = await demo.browser.newContext({ javaScriptEnabled: false });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

async function approve(page, url) {
  await page.goto(url.replace('/case-studies/', '/moderation/'));
  await page.getByRole('radio', { name: 'Approve and publish' }).check();
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.waitForURL(/decided=APPROVE/);
}

test('an author sees, edits from and withdraws a pending revision; their moderator is never offered the decision', async () => {
  const page = await newPage(demo.browser);
  await devSignIn(page, demo.server.url, 'moderator@camden.gov.uk', 'MODERATOR');
  const url = await writeAndSubmit(page, 'Bulky waste bookings online');
  assert.equal(await page.getByRole('link', { name: 'Decide on it' }).count(), 0, 'not on their own work');
  assert.match(await page.locator('aside').innerText(), /London Borough of Hackney/, 'the collaborator chosen by name');
  await assertAccessible(page);
  await signOut(page);

  await devSignIn(page, demo.server.url, 'moderator@bristol.gov.uk', 'MODERATOR');
  await page.goto(url);
  await page.getByRole('link', { name: 'Decide on it' }).click();
  await page.waitForURL(/\/moderation\//);
  await approve(page, url);
  await signOut(page);

  // The council edits the published case study: the change waits for review.
  await devSignIn(page, demo.server.url, 'officer@camden.gov.uk', 'MEMBER');
  await page.goto(url);
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Title', { exact: true }).fill('Bulky waste bookings online, a year on');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(url);
  const notice = page.getByRole('status').filter({ hasText: 'Changes waiting for review since' });
  await notice.waitFor();
  assert.match(await page.locator('h1').innerText(), /^Bulky waste bookings online$/, 'readers see the live text');
  await assertAccessible(page);
  await page.getByRole('link', { name: 'Edit the changes' }).click();
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Bulky waste bookings online, a year on', 'from the revision');
  await assertAccessible(page);
  await page.goto(url);
  await page.getByRole('button', { name: 'Withdraw the changes' }).click();
  await page.waitForURL(url);
  assert.equal(await notice.count(), 0, 'nothing waits any more');
  assert.match(await page.locator('main').innerText(), /withdrawn by its authors/);
  await assertAccessible(page);
});

test('ticking two years shows those two years, not the years between', async () => {
  const page = await newPage(demo.browser);
  await page.goto(`${demo.server.url}/search`);
  const countOf = async (year) => {
    const label = await page.getByRole('checkbox', { name: new RegExp(`^${year} \\(\\d+\\)$`) }).locator('xpath=..').innerText();
    return Number(label.match(/\((\d+)\)/)[1]);
  };
  const [first, between, last] = [await countOf(2019), await countOf(2020), await countOf(2021)];
  assert.ok(between > 0, 'the demo has case studies started in 2020');
  await page.getByRole('checkbox', { name: /^2019 \(/ }).check();
  await page.waitForURL(/year=2019/);
  await page.getByRole('checkbox', { name: /^2021 \(/ }).check();
  await page.waitForURL(/year=2021/);
  assert.equal(Number(await page.locator('[role=status] strong').innerText()), first + last);
  await assertAccessible(page);
});

test('the councils directory: by nation, searchable by name, each name a link, with and without JavaScript', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const page = javaScriptEnabled ? await newPage(demo.browser) : await plainPage();
    await page.goto(`${demo.server.url}/`);
    await page.getByRole('link', { name: 'Councils' }).click();
    await page.waitForURL(/\/councils$/);
    assert.ok(await page.getByRole('heading', { name: 'Scotland' }).isVisible());
    if (javaScriptEnabled) await assertAccessible(page);
    await page.getByLabel('Council name').fill('camden');
    await page.getByRole('button', { name: 'Find councils' }).click();
    await page.waitForURL(/name=camden/);
    assert.match(await page.getByRole('status').innerText(), /^1 council$/);
    const row = page.getByRole('row', { name: /London Borough of Camden/ });
    assert.match(await row.innerText(), /London borough\s+London\s+\d+/);
    await page.getByLabel('Kind of council').selectOption('SCOTTISH_COUNCIL');
    await page.getByLabel('Council name').fill('');
    await page.getByRole('button', { name: 'Find councils' }).click();
    await page.waitForURL(/kind=SCOTTISH_COUNCIL/);
    assert.ok(await page.getByRole('link', { name: 'Glasgow City Council' }).isVisible());
    if (javaScriptEnabled) await assertAccessible(page);
    await page.getByRole('link', { name: 'Glasgow City Council' }).click();
    await page.waitForURL(/\/councils\/glasgow$/);
    await page.context().close();
  }
});

test('our case studies: filtered by status, and the form without JavaScript', async () => {
  const page = await newPage(demo.browser);
  await devSignIn(page, demo.server.url, 'officer@manchester.gov.uk', 'MEMBER');
  await page.getByRole('link', { name: 'Our case studies' }).click();
  await assertAccessible(page);
  const all = await page.locator('tbody tr').count();
  assert.ok(all >= 1, 'the demo has Manchester case studies');
  await page.getByRole('navigation', { name: 'Filter by status' }).getByRole('link', { name: 'Published', exact: true }).click();
  await page.waitForURL(/status=PUBLISHED/);
  const statuses = await page.locator('tbody tr td:nth-child(2)').allInnerTexts();
  assert.ok(statuses.every((status) => status === 'PUBLISHED'), statuses.join(', '));
  await assertAccessible(page);
  await page.getByRole('link', { name: 'Draft', exact: true }).click();
  await page.waitForURL(/status=DRAFT/);
  await assertAccessible(page);

  // Without JavaScript the collaborator boxes are plain text boxes that still take a name.
  const plain = await plainPage();
  await devSignIn(plain, demo.server.url, 'officer@leeds.gov.uk', 'MEMBER');
  const url = await writeAndSubmit(plain, 'Bulky waste bookings in Leeds', { axe: false });
  assert.match(await plain.locator('aside').innerText(), /London Borough of Hackney/);
  assert.ok(url.includes('/case-studies/bulky-waste-bookings-in-leeds-'));
  await plain.context().close();
});
