import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReviewPage } from './pages/review';
import { axeViolations } from './support/axe';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { type FixtureServer, startFixtureServer } from './support/fixture-server';
import { openProfile, signInToTeam } from './support/flows';
import { type SeededTeam, profilePage, seedTeam, seededProfileUrl } from './support/seed-team';
import { type TeamServer, startTeamServer } from './support/team-server';
import { PAYLOADS, TRIPWIRE, ownText, tripwireReport } from './support/xss-corpus';

// One team server for both suites (starting one is most of this file's time): the team's
// data is the XSS corpus, so axe also sees the pages as full as hostile data makes them.

const REVIEWER = 'hana.reviewer@acme.example';
const TEAM_NAME = PAYLOADS[1]!;
const n = PAYLOADS.length;
const sorted = (texts: readonly string[]) => [...texts].sort();

let pages: FixtureServer;
let server: TeamServer;
let browser: ExtensionBrowser;
let seeded: SeededTeam;

beforeAll(async () => {
  pages = await startFixtureServer();
  pages.route({ url: seededProfileUrl(0), body: profilePage(PAYLOADS[0]!, PAYLOADS[1]!) });
  server = await startTeamServer({ teamName: TEAM_NAME });
  seeded = await seedTeam(server, { reviewerEmail: REVIEWER, texts: PAYLOADS });
  browser = await launchWithExtension({ hostResolverRules: pages.hostResolverRules });
  await browser.context.addInitScript(TRIPWIRE);
  await (await signInToTeam(browser, server, REVIEWER, 'admin')).page.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await pages?.close();
});

/** Opens an extension page and waits until `ready` shows, so it is checked with its data. */
async function extensionPage(path: string, ready: (page: Page) => Promise<unknown>) {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl(path));
  await ready(page);
  return page;
}

async function expectNothingRan(target: Page | Frame) {
  expect(await tripwireReport(target)).toEqual({ installed: true, ran: [], blocked: [], injected: [] });
}

describe(`${n} hostile texts as names, headlines, notes, titles, scorecard items and messages`, () => {
  it('has enough of them', () => {
    expect(n).toBeGreaterThanOrEqual(50);
    expect(new Set(PAYLOADS).size).toBe(n);
  });

  it('would see markup that got into a page: the check can fail', async () => {
    const page = await extensionPage('options.html', (p) => p.getByTestId('signed-in-as').waitFor());
    // What a page that rendered data as HTML would do.
    await page.evaluate((html) => document.querySelector('main')!.append(...new DOMParser().parseFromString(html, 'text/html').body.childNodes), PAYLOADS[0]!);
    await expect
      .poll(() => tripwireReport(page))
      .toMatchObject({ injected: ['<img>', '<img onerror="__xss(0)">'], blocked: expect.arrayContaining([expect.stringContaining('script-src-attr inline')]) as unknown });
    await page.close();
  });

  it('the sidebar shows them as text and runs nothing', async () => {
    const sidebar = await openProfile(browser, seededProfileUrl(0), PAYLOADS[0]!);
    const review = sidebar.frame.getByTestId('sidebar-review');
    await review.waitFor({ timeout: 15_000 });
    await expect.poll(() => sidebar.notes.count(), { timeout: 15_000 }).toBe(n);
    const frame = (await (await sidebar.element.elementHandle()).contentFrame())!;
    expect(await sidebar.headline.textContent()).toBe(PAYLOADS[1]);
    expect(sorted(await sidebar.frame.locator('[data-testid="note-item"] .body').allTextContents())).toEqual(sorted(PAYLOADS));
    expect(await review.locator('h2').textContent()).toBe(`Your review · ${PAYLOADS[1]}`);
    expect(sorted(await ownText(frame, '[data-testid="sidebar-review"] .item-text'))).toEqual(sorted(PAYLOADS));
    expect(sorted(await sidebar.frame.locator('#review-requisition option').allTextContents())).toEqual(sorted([...PAYLOADS, PAYLOADS[1]!]));
    expect(await sidebar.warning.textContent()).toContain(PAYLOADS[3]);
    await expectNothingRan(frame);
    await expectNothingRan(sidebar.page);
    await sidebar.page.close();
  });

  it('the popup shows them as text and runs nothing', async () => {
    const page = await extensionPage('popup.html', (p) => p.getByTestId('popup-reviews').waitFor({ timeout: 15_000 }));
    const items = page.getByTestId('popup-reviews').locator('li > button');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(n);
    expect(sorted(await items.allTextContents())).toEqual(sorted([`${n} people for ${PAYLOADS[1]}`, ...PAYLOADS.slice(1).map((p) => `1 person for ${p}`)]));
    await expectNothingRan(page);
    await page.close();
  });

  it('the review page shows them as text and runs nothing: the list, then every person of the batch', async () => {
    const page = await extensionPage('review.html', (p) => p.getByTestId('review-inbox-item').first().waitFor({ timeout: 15_000 }));
    await expect.poll(() => page.getByTestId('review-inbox-item').count()).toBe(n);
    expect(sorted(await page.locator('.request-title').allTextContents())).toEqual(sorted(PAYLOADS.slice(1).concat(PAYLOADS[1]!)));
    expect(sorted(await page.locator('.request-message').allTextContents())).toEqual(sorted(PAYLOADS.slice(1).concat(PAYLOADS[2]!)));
    await expectNothingRan(page);

    await page.goto(browser.extensionUrl(`review.html?request=${seeded.batchRequestId}`));
    const review = new ReviewPage(page);
    await review.personName.waitFor();
    expect(await page.getByTestId('review-message').textContent()).toBe(PAYLOADS[2]);
    expect(await page.locator('.review-role').textContent()).toBe(PAYLOADS[1]);
    expect(sorted(await page.locator('[data-testid="review-notes"] .body').allTextContents())).toEqual(sorted(PAYLOADS));
    expect(sorted(await ownText(page, '.decision-panel .item-text'))).toEqual(sorted(PAYLOADS));
    const shown: [string | null, string | null][] = [];
    for (let i = 0; i < n; i++) {
      await expect.poll(() => review.progress.textContent()).toBe(`${i + 1} of ${n}`);
      shown.push([await review.personName.textContent(), await page.locator('.review-person .headline').textContent()]);
      await page.keyboard.press('j');
    }
    expect(shown).toEqual(PAYLOADS.map((p, i) => [p, PAYLOADS[(i + 1) % n]]));
    await expectNothingRan(page);
    await page.close();
  });

  it('the requisitions page shows them as text and runs nothing', async () => {
    const page = await extensionPage(`requisitions.html#${seeded.batchRequisitionId}`, (p) => p.getByTestId('open-reviews').waitFor({ timeout: 15_000 }));
    await expect.poll(() => page.getByTestId('requisition-item').count()).toBe(n + 1);
    expect(sorted(await page.locator('.requisition-list-title').allTextContents())).toEqual(sorted([...PAYLOADS, PAYLOADS[1]!]));
    expect(await page.locator('#requisition-title').textContent()).toBe(PAYLOADS[1]);
    expect(await page.getByTestId('scorecard-must').locator('li').allTextContents()).toEqual(PAYLOADS.slice(0, 30));
    expect(await page.getByTestId('scorecard-nice').locator('li').allTextContents()).toEqual(PAYLOADS.slice(30, 60));
    const card = page.getByTestId('review-request');
    expect(await card.locator('.review-message').textContent()).toBe(`Message: ${PAYLOADS[2]}`);
    expect(sorted(await card.locator('.review-people li').evaluateAll((lis) => lis.map((li) => li.querySelector('a, span')?.textContent ?? '')))).toEqual(sorted(PAYLOADS));
    await expectNothingRan(page);
    await page.close();
  });

  it('the options page shows the team’s name as text and runs nothing', async () => {
    const page = await extensionPage('options.html', (p) => p.getByTestId('signed-in-as').waitFor());
    expect(await page.getByTestId('signed-in-as').locator('strong').nth(1).textContent()).toBe(TEAM_NAME);
    await expectNothingRan(page);
    await page.close();
  });
});

describe('every page passes axe-core with data in it', () => {
  const expectNoViolations = async (target: Page | Frame) => expect(await axeViolations(target)).toEqual([]);

  it('the options page', async () => {
    const page = await extensionPage('options.html', (p) => p.getByTestId('signed-in-as').waitFor());
    await expectNoViolations(page);
    await page.close();
  });

  it('the popup', async () => {
    const page = await extensionPage('popup.html', (p) => p.getByTestId('popup-reviews').waitFor({ timeout: 15_000 }));
    await expectNoViolations(page);
    await page.close();
  });

  it('the review page: the list, one request and its help', async () => {
    const page = await extensionPage('review.html', (p) => p.getByTestId('review-inbox-item').first().waitFor({ timeout: 15_000 }));
    await expectNoViolations(page);
    await page.goto(browser.extensionUrl(`review.html?request=${seeded.batchRequestId}`));
    await page.getByTestId('review-notes').waitFor();
    await expectNoViolations(page);
    await page.keyboard.press('?');
    await page.getByTestId('review-help').waitFor();
    await expectNoViolations(page);
    await page.close();
  });

  it('the requisitions page with one requisition open', async () => {
    const page = await extensionPage(`requisitions.html#${seeded.batchRequisitionId}`, (p) => p.getByTestId('open-reviews').waitFor({ timeout: 15_000 }));
    await expectNoViolations(page);
    await page.close();
  });

  it('the sidebar frame on a profile, with a review waiting', async () => {
    const sidebar = await openProfile(browser, seededProfileUrl(0), PAYLOADS[0]!);
    await sidebar.frame.getByTestId('sidebar-review').waitFor({ timeout: 15_000 });
    await sidebar.notes.first().waitFor();
    await expectNoViolations((await (await sidebar.element.elementHandle()).contentFrame())!);
    await sidebar.page.close();
  });
});
