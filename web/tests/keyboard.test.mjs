// The publish flow with the keyboard only: no click, no mouse. Tab moves
// between controls (and each focused control must show that it has focus),
// Enter follows links and presses buttons, Space ticks boxes, arrows choose
// radios. Sign in, write a case study, meet the errors, fix them, submit.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertAccessible, demoServerAndBrowser, newPage } from './harness.mjs';

const demo = demoServerAndBrowser();

/** What has focus: enough to recognise it, and whether the focus can be seen. */
function focused(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const visible =
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
      style.boxShadow !== 'none' ||
      style.backgroundColor === 'rgb(255, 221, 0)';
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      name: element.getAttribute('name'),
      type: element.getAttribute('type'),
      value: element.value,
      text: (element.innerText ?? '').trim(),
      checked: element.checked,
      visible,
    };
  });
}

/** Presses Tab until `wanted` has focus; fails if it never does or its focus is invisible. */
async function tabTo(page, what, wanted) {
  const already = await focused(page);
  if (wanted(already)) {
    assert.ok(already.visible, `${what} has focus but shows no focus indicator`);
    return already;
  }
  for (let presses = 0; presses < 250; presses++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (wanted(now)) {
      assert.ok(now.visible, `${what} has focus but shows no focus indicator`);
      return now;
    }
  }
  throw new Error(`Tab never reached ${what}`);
}

const link = (text) => (now) => now.tag === 'a' && now.text === text;
const button = (text) => (now) => now.tag === 'button' && now.text === text;
const field = (id) => (now) => now.id === id;

async function typeInto(page, id, text) {
  await tabTo(page, `the ${id} field`, field(id));
  await page.keyboard.type(text);
}

/** Enter on a link or button, then wait for the page it leads to. */
async function press(page, key = 'Enter') {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
}

async function chooseRadio(page, name, value) {
  await tabTo(page, `the ${name} radios`, (now) => now.name === name);
  for (let moves = 0; moves < 10; moves++) {
    const now = await focused(page);
    if (now.value === value) {
      await page.keyboard.press('Space');
      assert.ok((await focused(page)).checked, `${name} ${value} is chosen`);
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no ${value} among the ${name} radios`);
}

test('sign in, write, fix and submit a case study with the keyboard only', async () => {
  const page = await newPage(demo.browser);
  await page.goto(demo.server.url);

  await tabTo(page, 'the sign-in link', link('Sign in'));
  await press(page);
  await tabTo(page, 'the development sign-in link', (now) => now.tag === 'a' && now.text.startsWith('Development sign-in'));
  await press(page);
  await typeInto(page, 'email', 'keyboard@camden.gov.uk');
  await tabTo(page, 'the sign-in button', button('Sign in'));
  await press(page);
  assert.match(await page.locator('header').innerText(), /Signed in as keyboard@camden\.gov\.uk/);

  await tabTo(page, 'Our case studies', link('Our case studies'));
  await press(page);
  await tabTo(page, 'Write a case study', link('Write a case study'));
  await press(page);

  // Save with only a title: the errors come first, and each leads to its field.
  await typeInto(page, 'title', 'Keyboard-only parking permits');
  await tabTo(page, 'the Save button', button('Save'));
  await press(page);
  assert.equal((await focused(page)).tag, 'div', 'focus is on the error summary');
  assert.match(await page.locator('.error-summary').innerText(), /There is a problem/);
  await tabTo(page, 'the first error', (now) => now.tag === 'a' && now.text.startsWith('Summary:'));
  await page.keyboard.press('Enter');
  assert.match(page.url(), /#summary$/);
  assert.equal((await focused(page)).id, 'summary', 'the error link puts focus in its field');
  await assertAccessible(page);

  await typeInto(page, 'summary', 'Residents applied for parking permits online instead of by post; most did.');
  await chooseRadio(page, 'outcome', 'SUCCESS');
  await typeInto(page, 'body', 'We moved permits online.');
  await typeInto(page, 'lessons', 'Keep a paper route for those who need it');
  await tabTo(page, 'the Parking box', field('serviceArea-parking'));
  await page.keyboard.press('Space');
  await tabTo(page, 'the start date', field('startedOn'));
  await page.keyboard.type('01052022');
  await tabTo(page, 'the Save button', button('Save'));
  await press(page);
  assert.match(page.url(), /\/case-studies\/keyboard-only-parking-permits-[a-z0-9]{6}$/);
  assert.match(await page.locator('main').innerText(), /DRAFT/);

  await tabTo(page, 'Submit for review', button('Submit for review'));
  await press(page);
  assert.match(await page.locator('main').innerText(), /SUBMITTED/);
  await assertAccessible(page);
});
