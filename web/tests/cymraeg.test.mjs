// Cymraeg in a real browser: a visitor switches to Welsh and searches in
// Welsh; a Welsh officer writes a case study in Welsh, submits it, a
// moderator approves it; every page on the way is Welsh (<html lang="cy">,
// Welsh navigation) and passes axe at WCAG 2.2 AA. The Welsh words the
// test looks for are read from the Fluent files, so the test checks what
// the interface says rather than a copy of it.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { assertAccessible, demoServerAndBrowser, devSignIn, newPage, screenshot } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** The one-line messages of a language's Fluent files: key → text. */
function messages(language) {
  const directory = resolve(here, '../locales', language);
  const found = {};
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.ftl'))) {
    for (const line of readFileSync(join(directory, file), 'utf8').split('\n')) {
      const match = line.match(/^([a-z][a-z0-9-]*) = (.+)$/);
      if (match) found[match[1]] = match[2];
    }
  }
  return found;
}

const cy = messages('cy');
const en = messages('en');

const demo = demoServerAndBrowser();

/** The page is in Welsh: its language, and its navigation in Welsh words. */
async function assertWelsh(page) {
  assert.equal(await page.locator('html').getAttribute('lang'), 'cy', page.url());
  const nav = await page.locator('nav[aria-label]').first().innerText();
  assert.match(nav, new RegExp(cy['nav-search']), nav);
  assert.doesNotMatch(nav, new RegExp(`\\b${en['nav-councils']}\\b`), `no English navigation: ${nav}`);
  await assertAccessible(page);
}

test('a visitor switches to Welsh, which every page keeps, and searches in Welsh', async () => {
  const page = await newPage(demo.browser);
  await page.goto(demo.server.url);
  await page.getByRole('link', { name: 'Cymraeg' }).click();
  await page.waitForURL(/lang=cy/);
  await assertWelsh(page);
  await screenshot(page, 'cymraeg-home');

  // The cookie keeps the choice: a plain link stays Welsh.
  await page.getByRole('link', { name: cy['nav-councils'] }).click();
  await assertWelsh(page);
  assert.ok(await page.getByText('Cyngor Gwynedd').first().isVisible(), 'the Welsh councils by their Welsh names');

  // "gasgliadau" (soft mutation) finds "casgliadau" in a Welsh title.
  await page.goto(`${demo.server.url}/search`);
  await page.getByRole('searchbox').first().fill('gasgliadau');
  await page.getByRole('button', { name: cy['pages-search-button'] }).first().click();
  await page.waitForURL(/\/search\?/);
  const titles = await page.locator('article.result h2').allInnerTexts();
  assert.ok(titles.some((title) => title.includes('casgliadau gwastraff swmpus')), titles.join(' | '));
  await assertWelsh(page);

  // A bilingual case study leads with its Welsh title in the Welsh interface.
  await page.goto(`${demo.server.url}/search?q=treth+gyngor`);
  const first = page.locator('article.result h2 a').first();
  assert.match(await first.innerText(), /Nodiadau atgoffa treth gyngor/);
  await first.click();
  await page.waitForURL(/\/case-studies\//);
  assert.equal(await page.getByRole('heading', { level: 1 }).getAttribute('lang'), 'cy');
  assert.ok(await page.getByText('Bilingual council tax reminders by text message').isVisible(), 'the English beside it');
  await assertWelsh(page);
  await screenshot(page, 'cymraeg-case-study');

  // Back to English: the same page, in English.
  await page.getByRole('link', { name: 'English' }).click();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en-GB');
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /^Bilingual council tax reminders/);
});

test('a Welsh officer writes, submits and is moderated in Welsh; every page is Welsh', async () => {
  const page = await newPage(demo.browser);
  await devSignIn(page, demo.server.url, 'swyddog@gwynedd.gov.uk', 'MEMBER');
  await page.getByRole('link', { name: 'Cymraeg' }).click();
  await assertWelsh(page);

  for (const path of ['/account', '/account/alerts', '/account/notifications', '/my-reports', '/data', '/councils/gwynedd']) {
    await page.goto(`${demo.server.url}${path}`);
    await assertWelsh(page);
  }

  await page.getByRole('link', { name: cy['nav-our-case-studies'] }).click();
  await assertWelsh(page);
  await page.getByRole('link', { name: cy['writing-ours-write'] }).click();
  await assertWelsh(page);
  assert.equal(await page.getByRole('radio', { name: cy['language-cy'] }).isChecked(), true, 'Welsh, written in Welsh');

  // Errors in Welsh first.
  await page.getByLabel(cy['writing-form-title'], { exact: true }).fill('Ap');
  await page.getByRole('button', { name: cy['writing-save'] }).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), new RegExp(cy['writing-error-summary-title']));
  assert.doesNotMatch(await summary.innerText(), /must be|is required/, 'the messages are Welsh');
  await assertWelsh(page);
  await screenshot(page, 'cymraeg-form-errors');

  await page.getByLabel(cy['writing-form-title'], { exact: true }).fill('Llyfrgell symudol i bentrefi heb fws');
  await page.getByLabel(cy['writing-form-summary'], { exact: true }).fill('Aeth fan llyfrgell i ddeg pentref bob pythefnos; benthycodd mwy o bobl lyfrau.');
  await page.getByRole('radio', { name: cy['outcome-success'], exact: true }).check();
  await page.getByRole('checkbox', { name: 'Llyfrgelloedd a diwylliant' }).check();
  await page.getByLabel(cy['writing-form-started-on'], { exact: true }).fill('2023-09-01');
  await page.getByRole('button', { name: cy['writing-save'] }).click();
  await page.waitForURL(/\/case-studies\/llyfrgell-symudol/);
  const caseStudyUrl = page.url();
  assert.equal(await page.getByRole('heading', { level: 1 }).getAttribute('lang'), 'cy');
  await assertWelsh(page);
  await page.getByRole('button', { name: cy['reading-submit'] }).click();
  await page.waitForLoadState();
  await assertWelsh(page);
  await page.getByRole('button', { name: cy['sign-out'] }).click();
  await page.waitForLoadState();

  const moderator = await newPage(demo.browser);
  await devSignIn(moderator, demo.server.url, 'cymedrolwr@cardiff.gov.uk', 'MODERATOR');
  await moderator.goto(`${demo.server.url}/moderation?lang=cy`);
  await assertWelsh(moderator);
  await moderator.getByRole('link', { name: 'Llyfrgell symudol i bentrefi heb fws' }).click();
  await assertWelsh(moderator);
  await moderator.getByRole('radio', { name: cy['moderation-decision-approve'] }).check();
  await moderator.getByRole('button', { name: cy['moderation-record-decision'] }).click();
  await moderator.waitForLoadState();
  await assertWelsh(moderator);
  await moderator.goto(caseStudyUrl);
  await assertWelsh(moderator);

  // The officer's decision email is in Welsh (the development mailbox keeps it).
  const mailbox = await newPage(demo.browser);
  await mailbox.goto(`${demo.server.url}/dev/mail`);
  const listed = await mailbox.locator('main').innerText();
  assert.match(listed, /Llyfrgell symudol i bentrefi heb fws/, listed);
  assert.ok(listed.includes(cy['email-decided-published-subject'].split(':')[0]), 'the subject is Welsh');

  // An admin who chose Welsh once has it on every page after (their setting).
  const admin = await newPage(demo.browser);
  await devSignIn(admin, demo.server.url, 'gweinyddwr@cardiff.gov.uk', 'ADMIN');
  await admin.goto(`${demo.server.url}/admin/members?lang=cy`);
  for (const path of ['/admin/members', '/admin/taxonomy', '/admin/audit', '/admin/mail']) {
    await admin.goto(`${demo.server.url}${path}`);
    await assertWelsh(admin);
  }
});
