import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OptionsPage } from './pages/options';
import { axeViolations } from './support/axe';
import { SidebarPage } from './pages/sidebar';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { type FixtureServer, startFixtureServer } from './support/fixture-server';
import { navigateInApp } from './support/navigate';
import { SHARED_FIXTURES } from './support/paths';
import { badgeOf, pressSidebarShortcut } from './support/shortcut';

// The frame in the page: what the collapsed sidebar still says, the keyboard's way in and out,
// and its width. One browser for the file: the tests run in order and share the member's
// choices (collapsed, width), each setting what it relies on.

const ROB = { url: 'https://www.linkedin.com/in/robertkcheung/', file: 'member-2025-04-fresh-load.html', name: 'Rob Cheung' };
const EDUARDO = { url: 'https://www.linkedin.com/in/eduardo-alvarez-nowak/', file: 'member-2024-07-full.html', name: 'Eduardo Alvarez Nowak' };
const JORDAN = { url: 'https://www.linkedin.com/in/jordanvale/', file: 'member-2025-04-spa-navigation.html', name: 'Jordan Vale' };
/** The badge's red (lib/reminders BADGE_OVERDUE) and the warnings' amber, as Chromium reports colours. */
const RED = [197, 34, 31, 255];
const AMBER = [227, 116, 0, 255];
/** The collapsed frame is a narrow tab; open, the frame is 380 px wide plus its 1 px border. */
const COLLAPSED_MAX = 60;
const OPEN = 381;

let pages: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  pages = await startFixtureServer();
  for (const p of [ROB, EDUARDO, JORDAN]) pages.route({ url: p.url, body: readFileSync(path.join(SHARED_FIXTURES, 'linkedin', p.file)) });
  browser = await launchWithExtension({ hostResolverRules: pages.hostResolverRules });
  const options = await browser.context.newPage();
  await options.goto(browser.extensionUrl('options.html'));
  await new OptionsPage(options).saveProfile({ name: 'Riley Recruiter', email: 'riley@example.com', role: 'recruiter' });
  await options.close();
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

async function open(person: { url: string; name: string }) {
  const page = await browser.context.newPage();
  await page.goto(person.url, { waitUntil: 'domcontentloaded' });
  const sidebar = new SidebarPage(page);
  await expect.poll(() => sidebar.name.textContent()).toBe(person.name);
  await sidebar.element.waitFor({ state: 'attached' });
  return sidebar;
}

/** Whether the page's own scripts could read a text in its DOM: text and attributes, shadow roots they can reach included. */
async function pageCanRead(sidebar: SidebarPage, text: string) {
  return sidebar.page.evaluate((t) => {
    const seen = [document.documentElement.textContent ?? ''];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        for (const attribute of element.attributes) seen.push(attribute.value);
        if (element.shadowRoot) {
          seen.push(element.shadowRoot.textContent ?? '');
          walk(element.shadowRoot);
        }
      }
    };
    walk(document);
    return seen.some((s) => s.includes(t));
  }, text);
}

describe('a collapsed sidebar', () => {
  it('still shows a warning in its tab and on the toolbar badge, and a do-not-contact person opens it', async () => {
    const eduardo = await open(EDUARDO);
    await eduardo.log('InMail sent');
    await expect.poll(() => eduardo.warning.textContent()).toContain('Already contacted');
    await eduardo.hide();
    await expect.poll(() => eduardo.width()).toBeLessThan(COLLAPSED_MAX);
    expect(await eduardo.collapsedTab.isVisible()).toBe(true);
    await expect.poll(() => eduardo.collapsedTab.getAttribute('aria-label')).toBe('Show Tandem: 1 warning: Already contacted (Alt+Shift+T)');
    await expect.poll(() => badgeOf(browser, EDUARDO.url)).toEqual({ text: '!', color: AMBER, title: 'Tandem — this profile: Already contacted' });
    // The warning is in the frame (the extension's origin) and the browser's toolbar, never the page.
    expect(await pageCanRead(eduardo, 'Already contacted')).toBe(false);
    expect(await axeViolations((await eduardo.contentFrame())!)).toEqual([]);

    // Collapsed is the member's choice for every profile; a person with no warning shows a plain tab.
    const rob = await open(ROB);
    await expect.poll(() => rob.width()).toBeLessThan(COLLAPSED_MAX);
    await expect.poll(() => rob.collapsedTab.getAttribute('aria-label')).toBe('Show Tandem sidebar (Alt+Shift+T)');
    expect((await badgeOf(browser, ROB.url)).text).toBe('');

    await rob.collapsedTab.click();
    await expect.poll(() => rob.width()).toBe(OPEN);
    await rob.frame.getByRole('button', { name: 'Mark do-not-contact…' }).click();
    await rob.frame.getByLabel('Why should nobody contact this person?').fill('Asked us not to write again');
    await rob.frame.getByRole('button', { name: 'Mark do-not-contact', exact: true }).click();
    await expect.poll(() => rob.warning.textContent()).toContain('Do not contact.');
    await rob.hide();
    await expect.poll(() => rob.width()).toBeLessThan(COLLAPSED_MAX);

    // Back on this person later: the sidebar opens by itself, the badge is red.
    await rob.page.reload({ waitUntil: 'domcontentloaded' });
    await expect.poll(() => rob.name.textContent()).toBe(ROB.name);
    await expect.poll(() => rob.width()).toBe(OPEN);
    await expect.poll(() => badgeOf(browser, ROB.url)).toEqual({ text: '!', color: RED, title: 'Tandem — this profile: Do not contact' });
    expect(await pageCanRead(rob, 'Do not contact')).toBe(false);

    // Opening it for that person did not change the member's choice: the next profile is collapsed.
    const jordan = await open(JORDAN);
    await expect.poll(() => jordan.width()).toBeLessThan(COLLAPSED_MAX);
    for (const s of [eduardo, rob, jordan]) await s.page.close();
  });

  it('collapses again when the page moves on from the do-not-contact person within the app', async () => {
    const rob = await open(ROB);
    await expect.poll(() => rob.width()).toBe(OPEN);
    await navigateInApp(rob.page, '/in/jordanvale/', readFileSync(path.join(SHARED_FIXTURES, 'linkedin', JORDAN.file), 'utf8'));
    await expect.poll(() => rob.name.textContent()).toBe(JORDAN.name);
    await expect.poll(() => rob.width()).toBeLessThan(COLLAPSED_MAX);
    await expect.poll(async () => (await badgeOf(browser, JORDAN.url)).text).toBe('');
    await rob.page.close();
  });
});

describe('the keyboard', () => {
  it('reaches the sidebar from the top of the page with one Tab and Enter, and N then writes a note', async () => {
    const jordan = await open(JORDAN);
    await expect.poll(() => jordan.width()).toBeLessThan(COLLAPSED_MAX);
    await jordan.page.keyboard.press('Tab');
    expect(await jordan.page.evaluate(() => document.activeElement?.tagName)).toBe('TANDEM-SKIP-LINK');
    await jordan.page.keyboard.press('Enter');
    await expect.poll(() => jordan.focus()).toEqual({ page: 'IFRAME', inside: 'prospect-name' });
    await expect.poll(() => jordan.width()).toBe(OPEN);
    // The name can be the first paint's, before the app (and its keys) has loaded.
    await jordan.frame.getByTestId('note-input').waitFor({ state: 'attached' });
    await jordan.page.keyboard.press('n');
    await expect.poll(() => jordan.focus()).toEqual({ page: 'IFRAME', inside: 'note-input' });

    // Hidden from the keyboard, focus stays on its tab, and Enter opens it again.
    await jordan.frame.getByRole('button', { name: /^Hide sidebar/ }).focus();
    await jordan.page.keyboard.press('Enter');
    await expect.poll(() => jordan.focus()).toEqual({ page: 'IFRAME', inside: 'collapsed-tab' });
    await jordan.page.keyboard.press('Enter');
    await expect.poll(() => jordan.focus()).toEqual({ page: 'IFRAME', inside: 'prospect-name' });
    await jordan.hide();
    await jordan.page.close();
  });

  it('moves into the sidebar with the shortcut, opening it, and back to where focus was with the next press', async () => {
    const eduardo = await open(EDUARDO);
    await expect.poll(() => eduardo.width()).toBeLessThan(COLLAPSED_MAX);
    // Once the sidebar knows the team's history (before that, focus lands on the name, just above).
    await eduardo.warning.waitFor({ state: 'attached' });
    await eduardo.page.evaluate(() => {
      const link = document.querySelector<HTMLElement>('main a[href]')!;
      link.setAttribute('data-e2e-focused', '');
      link.focus();
    });
    await pressSidebarShortcut(browser, EDUARDO.url);
    // Focus lands on the warning first: it is what to read before anything else.
    await expect.poll(() => eduardo.focus()).toEqual({ page: 'IFRAME', inside: 'outreach-warning' });
    expect(await eduardo.width()).toBe(OPEN);
    await eduardo.page.keyboard.press('n');
    await expect.poll(() => eduardo.focus()).toEqual({ page: 'IFRAME', inside: 'note-input' });

    await pressSidebarShortcut(browser, EDUARDO.url);
    await expect.poll(() => eduardo.page.evaluate(() => document.activeElement?.hasAttribute('data-e2e-focused') ?? false)).toBe(true);
    // It was collapsed before the first press: the second puts it back.
    await expect.poll(() => eduardo.width()).toBeLessThan(COLLAPSED_MAX);
    await eduardo.page.close();
  });

  it('keeps focus in the sidebar after deleting a note and after leaving an edit', async () => {
    const jordan = await open(JORDAN);
    await pressSidebarShortcut(browser, JORDAN.url);
    await expect.poll(() => jordan.width()).toBe(OPEN);
    await jordan.addNote('First thought');
    await jordan.addNote('Second thought');
    // Newest first: delete the top note from the keyboard; focus goes to the next one's first control.
    await jordan.notes.first().getByRole('button', { name: 'Delete note' }).focus();
    await jordan.page.keyboard.press('Enter');
    await expect.poll(() => jordan.notes.count()).toBe(1);
    await expect.poll(() => jordan.focus()).toEqual({ page: 'IFRAME', inside: 'Edit note' });

    await jordan.page.keyboard.press('Enter');
    await expect.poll(() => jordan.focus()).toEqual({ page: 'IFRAME', inside: 'TEXTAREA' });
    await jordan.page.keyboard.press('Escape');
    await expect.poll(() => jordan.focus()).toEqual({ page: 'IFRAME', inside: 'Edit note' });
    await jordan.hide();
    await jordan.page.close();
  });
});

describe('the width', () => {
  it('can be narrower, and can push the page aside instead of covering it, on a 1024 px window', async () => {
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.getByLabel('Sidebar width').selectOption('narrow');
    await options.getByLabel('Push the page aside instead of covering it').check();

    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(JORDAN.url, { waitUntil: 'domcontentloaded' });
    const jordan = new SidebarPage(page);
    await expect.poll(() => jordan.name.textContent()).toBe(JORDAN.name);
    await jordan.collapsedTab.click();
    await expect.poll(() => jordan.width()).toBe(301);
    const layout = () =>
      page.evaluate(() => ({
        margin: getComputedStyle(document.documentElement).marginRight,
        mainRight: Math.round(document.querySelector('main')!.getBoundingClientRect().right),
      }));
    await expect.poll(layout).toEqual({ margin: '300px', mainRight: expect.any(Number) as unknown });
    expect((await layout()).mainRight).toBeLessThanOrEqual(1024 - 300);
    // A page that rewrites its root's style gets the room back, like the frame it is for.
    await page.evaluate(() => document.documentElement.setAttribute('style', 'overflow: hidden'));
    await expect.poll(layout).toMatchObject({ margin: '300px' });

    // Collapsed, the page has its whole width back.
    await jordan.hide();
    await expect.poll(layout).toMatchObject({ margin: '0px' });

    // The sidebar's own width button switches back to the standard width.
    await jordan.collapsedTab.click();
    await jordan.frame.getByRole('button', { name: 'Wider sidebar' }).click();
    await expect.poll(() => jordan.width()).toBe(OPEN);
    await expect.poll(layout).toMatchObject({ margin: '380px' });
    await options.getByLabel('Push the page aside instead of covering it').uncheck();
    await expect.poll(layout).toMatchObject({ margin: '0px' });
    await jordan.hide();
    await page.close();
    await options.close();
  });
});
