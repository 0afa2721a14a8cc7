import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OptionsPage } from './pages/options';
import { axeViolations } from './support/axe';
import { SidebarPage } from './pages/sidebar';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { type FixtureServer, startFixtureServer } from './support/fixture-server';
import { navigateInApp } from './support/navigate';
import { SHARED_FIXTURES } from './support/paths';
import { badgeOf } from './support/shortcut';
import { type SidePanel, connectToSidePanel } from './support/side-panel';

// Side-panel mode in real Chromium: the real side panel (not sidepanel.html in a tab), reached
// through a second CDP connection (support/side-panel.ts). One browser for the file: the tests
// run in order, from page mode to the panel and back.

const ROB = { url: 'https://www.linkedin.com/in/robertkcheung/', file: 'member-2025-04-fresh-load.html', name: 'Rob Cheung' };
const EDUARDO = { url: 'https://www.linkedin.com/in/eduardo-alvarez-nowak/', file: 'member-2024-07-full.html', name: 'Eduardo Alvarez Nowak' };
const JORDAN = { url: 'https://www.linkedin.com/in/jordanvale/', file: 'member-2025-04-spa-navigation.html', name: 'Jordan Vale' };
const fixture = (file: string) => readFileSync(path.join(SHARED_FIXTURES, 'linkedin', file));

let pages: FixtureServer;
let browser: ExtensionBrowser;
let options: Page;
let rob: Page;
let panel: SidePanel | undefined;

beforeAll(async () => {
  pages = await startFixtureServer();
  for (const p of [ROB, EDUARDO, JORDAN]) pages.route({ url: p.url, body: fixture(p.file) });
  browser = await launchWithExtension({ hostResolverRules: pages.hostResolverRules, debuggingPort: true });
  options = await browser.context.newPage();
  await options.goto(browser.extensionUrl('options.html'));
  await new OptionsPage(options).saveProfile({ name: 'Riley Recruiter', email: 'riley@example.com', role: 'recruiter' });
});

afterAll(async () => {
  await panel?.close();
  await browser?.close();
  await pages?.close();
});

/** What the page's DOM holds that Tandem could have added: any element outside head and body, a frame of the extension, a style on the root. */
const addedToPage = (page: Page, extensionId: string) =>
  page.evaluate((id) => {
    const root = document.documentElement;
    const markup = new XMLSerializer().serializeToString(document);
    return {
      rootChildren: [...root.children].map((e) => e.tagName),
      rootStyle: root.getAttribute('style'),
      extensionFrames: [...document.querySelectorAll('iframe')].filter((f) => f.src.includes(id)).length,
      marked: document.querySelectorAll('[data-tandem-sidebar]').length,
      mentions: markup.includes(id) || markup.toLowerCase().includes('tandem'),
    };
  }, extensionId);

const NOTHING_ADDED = { rootChildren: ['HEAD', 'BODY'], rootStyle: null, extensionFrames: 0, marked: 0, mentions: false };

/** The toolbar button as the browser will act on it: a popup, or the side panel. */
const toolbar = () =>
  browser.serviceWorker.evaluate(async () => ({
    popup: await chrome.action.getPopup({}),
    opensPanel: (await chrome.sidePanel.getPanelBehavior()).openPanelOnActionClick ?? false,
  }));

const choosePlace = (label: 'the page' | 'the browser’s side panel') => new OptionsPage(options).showTandemIn(label);

const panelName = () => panel!.page.getByTestId('prospect-name').textContent();

describe('side-panel mode', () => {
  it('removes the frame from an open profile without a reload and opens the panel', async () => {
    rob = await browser.context.newPage();
    await rob.goto(ROB.url, { waitUntil: 'load' });
    const sidebar = new SidebarPage(rob);
    await expect.poll(() => sidebar.name.textContent()).toBe(ROB.name);
    expect(await toolbar()).toMatchObject({ opensPanel: false });
    expect((await toolbar()).popup).toMatch(/popup\.html$/);
    await rob.evaluate(() => ((window as unknown as { tandemTestMarker: boolean }).tandemTestMarker = true));

    await choosePlace('the browser’s side panel');
    await expect.poll(() => addedToPage(rob, browser.extensionId)).toEqual(NOTHING_ADDED);
    // The same document (no reload): the marker the test left on it is still there.
    expect(await rob.evaluate(() => (window as unknown as { tandemTestMarker?: boolean }).tandemTestMarker)).toBe(true);
    expect(await toolbar()).toEqual({ popup: '', opensPanel: true });
    panel = await connectToSidePanel(browser);
  });

  it('says plainly that the active tab shows nobody, then shows the person of the tab activated', async () => {
    // Options is the active tab: not a profile.
    await expect.poll(() => panel!.page.getByTestId('no-person').textContent()).toMatch(/does not show a person/);
    await rob.bringToFront();
    await expect.poll(panelName).toBe(ROB.name);
  });

  it('follows tab switches and adds nothing to a page loaded in side-panel mode', async () => {
    const eduardo = await browser.context.newPage();
    await eduardo.goto(EDUARDO.url, { waitUntil: 'load' });
    await eduardo.bringToFront();
    await expect.poll(panelName).toBe(EDUARDO.name);
    expect(await addedToPage(eduardo, browser.extensionId)).toEqual(NOTHING_ADDED);
    await rob.bringToFront();
    await expect.poll(panelName).toBe(ROB.name);
    await eduardo.close();
  });

  it('follows its own window only: a profile active in another window does not change it', async () => {
    const opened = browser.context.waitForEvent('page');
    await browser.serviceWorker.evaluate((url) => chrome.windows.create({ url }), EDUARDO.url);
    const other = await opened;
    await other.waitForLoadState('load');
    await expect.poll(() => browser.serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url, active: true })).length, EDUARDO.url)).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await panelName()).toBe(ROB.name);
    await other.close();
  });

  it('follows in-app navigation on the active tab', async () => {
    await navigateInApp(rob, new URL(JORDAN.url).pathname, fixture(JORDAN.file).toString('utf8'));
    await expect.poll(panelName).toBe(JORDAN.name);
    expect(await addedToPage(rob, browser.extensionId)).toEqual(NOTHING_ADDED);
  });

  it('saves a note written in the panel, and its warnings reach the toolbar badge', async () => {
    const text = 'Met at the meetup, prefers email';
    await panel!.page.getByTestId('note-input').fill(text);
    await panel!.page.getByTestId('note-submit').click();
    await panel!.page.getByTestId('note-item').filter({ hasText: text }).first().waitFor();
    expect(await axeViolations(panel!.page)).toEqual([]);
    // What the panel knows shows on the toolbar badge of the tab, as in page mode.
    await panel!.page.getByRole('button', { name: 'InMail sent', exact: true }).click();
    await expect.poll(async () => (await badgeOf(browser, JORDAN.url)).text).toBe('!');
    // Saved in the extension's database: the in-page sidebar, another page, reads it there.
    await choosePlace('the page');
    const jordan = new SidebarPage(rob);
    await expect.poll(() => jordan.name.textContent()).toBe(JORDAN.name);
    await expect.poll(() => jordan.notes.filter({ hasText: text }).count()).toBe(1);
  });

  it('back in page mode, the toolbar button shows the popup and the frame is back on the open tab', async () => {
    expect(await toolbar()).toMatchObject({ opensPanel: false });
    expect((await toolbar()).popup).toMatch(/popup\.html$/);
    expect((await addedToPage(rob, browser.extensionId)).marked).toBe(1);
  });
});
