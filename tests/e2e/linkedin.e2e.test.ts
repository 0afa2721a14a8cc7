import { readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OptionsPage } from './pages/options';
import { SidebarPage } from './pages/sidebar';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { type FixtureServer, startFixtureServer, STRICT_CSP } from './support/fixture-server';
import { navigateInApp } from './support/navigate';
import { DOCS_DIR, SHARED_FIXTURES } from './support/paths';

interface Expected {
  url: string;
  identity: { key: string; name: string; headline: string; company: string; location: string } | null;
}
const expected = JSON.parse(readFileSync(path.join(SHARED_FIXTURES, 'linkedin/expected.json'), 'utf8')) as Record<string, Expected>;
const shared = (file: string) => readFileSync(path.join(SHARED_FIXTURES, 'linkedin', file));

const HOSTILE_URL = 'https://www.linkedin.com/in/hostile-markup/';
const HOSTILE_NAME = '<img src=x onerror="window.__tandemPwned=1">Mallory <script>window.__tandemPwned=2</script>';
const hostilePage = `<!doctype html><html><head><title>Mallory | LinkedIn</title></head><body><main>
<section data-member-id="42"><h1>${HOSTILE_NAME.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</h1>
<div class="text-body-medium">Headline &lt;b&gt;bold&lt;/b&gt;</div>
<a href="/in/hostile-markup/overlay/contact-info/">Contact info</a></section></main></body></html>`;
const FEED_URL = 'https://www.linkedin.com/feed/';

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  for (const [file, e] of Object.entries(expected)) server.route({ url: e.url, body: shared(file) });
  server.route({ url: HOSTILE_URL, body: hostilePage });
  server.route({ url: FEED_URL, body: '<!doctype html><title>Feed | LinkedIn</title><main><h1>Your feed</h1></main>' });
  browser = await launchWithExtension({ hostResolverRules: server.hostResolverRules });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Lets the compositor catch up after a layout change, so a click lands where the user sees the button. */
async function nextFrames(page: Page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function open(url: string, page?: Page) {
  const p = page ?? (await browser.context.newPage());
  await p.goto(url, { waitUntil: 'domcontentloaded' });
  return new SidebarPage(p);
}

describe('the sidebar on LinkedIn pages', () => {
  it('serves the fixtures under a strict CSP', async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(expected['member-2025-04-fresh-load.html']!.url);
    expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP);
    await page.close();
  });

  it.each(Object.entries(expected))('shows the right person on %s', async (_file, e) => {
    const sidebar = await open(e.url);
    if (e.identity) {
      await expect.poll(() => sidebar.name.textContent()).toBe(e.identity.name);
      expect(await sidebar.headline.textContent()).toBe(e.identity.headline);
    } else {
      await expect.poll(() => sidebar.unidentified.isVisible(), { timeout: 10_000 }).toBe(true);
      expect(await sidebar.name.count()).toBe(0);
    }
    await sidebar.page.close();
  });

  it('keeps a note and a logged outreach across a reload and shows them in a second tab', async () => {
    const url = expected['member-2024-07-full.html']!.url;
    const first = await open(url);
    await expect.poll(() => first.name.textContent()).toBe('Eduardo Alvarez Nowak');
    await first.addNote('Strong frontend lead; ask about <b>Stockholm</b> relocation');
    await first.log('InMail sent');
    await expect.poll(() => first.notes.first().textContent()).toContain('ask about <b>Stockholm</b> relocation');
    await expect.poll(() => first.feedItems.first().getAttribute('data-kind')).toBe('outreach');

    await first.page.reload({ waitUntil: 'domcontentloaded' });
    await expect.poll(() => first.name.textContent()).toBe('Eduardo Alvarez Nowak');
    await expect.poll(() => first.notes.count()).toBe(1);
    expect(await first.notes.first().textContent()).toContain('Strong frontend lead');
    await expect.poll(() => first.warning.textContent()).toContain('Already contacted');

    // The public page of the same person on a country subdomain is the same prospect.
    const second = await open(expected['public-2024-05.html']!.url);
    await expect.poll(() => second.notes.count()).toBe(1);
    await expect.poll(() => second.feedItems.evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')))).toContain('outreach');
    await expect.poll(() => second.warning.textContent()).toContain('You sent an InMail');
    await first.page.close();
    await second.page.close();
  });

  it('follows in-app navigation to the next person', async () => {
    const sidebar = await open(expected['member-2025-04-fresh-load.html']!.url);
    await expect.poll(() => sidebar.name.textContent()).toBe('Rob Cheung');
    const next = shared('member-2025-04-spa-navigation.html').toString('utf8');
    await navigateInApp(sidebar.page, '/in/jordanvale/', next);
    await expect.poll(() => sidebar.name.textContent()).toBe('Jordan Vale');
    expect(await sidebar.headline.textContent()).toBe('Founder & CPO @ MavenAGI | Ex-Google, Ex-Stripe, Ex-BCG');
    await sidebar.page.close();
  });

  it('keeps the frame out of reach of page scripts', async () => {
    const sidebar = await open(expected['member-2025-04-fresh-load.html']!.url);
    await expect.poll(() => sidebar.name.textContent()).toBe('Rob Cheung');
    const probe = await sidebar.page.evaluate(() => {
      const frame = document.querySelector<HTMLIFrameElement>('iframe[data-tandem-sidebar]')!;
      let documentAccess = 'readable';
      try {
        void frame.contentWindow!.document.body.textContent;
      } catch (e) {
        documentAccess = (e as Error).name;
      }
      return {
        contentDocument: frame.contentDocument === null,
        documentAccess,
        pageText: document.documentElement.innerText.includes('Saved on this device'),
        localStorageKeys: Object.keys(localStorage),
      };
    });
    expect(probe).toEqual({ contentDocument: true, documentAccess: 'SecurityError', pageText: false, localStorageKeys: [] });
    const idbNames = await sidebar.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(idbNames).not.toContain('tandem');
    await sidebar.page.close();
  });

  it('shows a name with markup as text and runs nothing', async () => {
    const sidebar = await open(HOSTILE_URL);
    await expect.poll(() => sidebar.name.textContent()).toContain('Mallory');
    expect(await sidebar.name.textContent()).toBe(HOSTILE_NAME);
    const frame = sidebar.page.frames().find((f) => f.url().includes('/sidebar.html'))!;
    expect(await frame.evaluate(() => (window as { __tandemPwned?: number }).__tandemPwned ?? null)).toBeNull();
    expect(await frame.evaluate(() => document.querySelectorAll('[data-testid="prospect-name"] *').length)).toBe(0);
    expect(await sidebar.page.evaluate(() => (window as { __tandemPwned?: number }).__tandemPwned ?? null)).toBeNull();
    await sidebar.page.close();
  });

  it('mounts nothing on a page that is not a profile', async () => {
    const page = await browser.context.newPage();
    await page.goto(FEED_URL);
    await page.waitForTimeout(500);
    expect(await page.locator('iframe[data-tandem-sidebar]').count()).toBe(0);
    await page.close();
  });

  it('collapses to a tab at the edge and reopens from it', async () => {
    const sidebar = await open(expected['member-2025-04-fresh-load.html']!.url);
    await expect.poll(() => sidebar.name.textContent()).toBe('Rob Cheung');
    await sidebar.hide();
    // Collapsed, the frame itself is the tab (its page draws it, in the extension's origin).
    await expect.poll(() => sidebar.width()).toBeLessThan(60);
    expect(await sidebar.element.isVisible()).toBe(true);
    // Click it as a user would, where it shows, once it shows.
    const width = sidebar.page.viewportSize()!.width;
    await sidebar.collapsedTab.waitFor({ state: 'visible' });
    await nextFrames(sidebar.page);
    await sidebar.page.mouse.click(width - 10, 110);
    await expect.poll(() => sidebar.width()).toBe(381);
    await sidebar.hide();
    await expect.poll(() => sidebar.width()).toBeLessThan(60);
    // Collapsed is remembered for the next page; leave it open for the tests after this one.
    const later = await open(sidebar.page.url());
    await expect.poll(() => later.width()).toBeLessThan(60);
    await later.collapsedTab.waitFor({ state: 'visible' });
    await nextFrames(later.page);
    await later.page.mouse.click(width - 10, 110);
    await expect.poll(() => later.width()).toBe(381);
    await later.page.close();
    await sidebar.page.close();
  });

  it('names you and applies your role from the options page', async () => {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('options.html'));
    const options = new OptionsPage(page);
    await options.saveProfile({ name: 'Sam Sourcer', email: 'sam@example.com', role: 'sourcer' });
    const sidebar = await open(expected['member-2025-04-fresh-load.html']!.url);
    await expect.poll(() => sidebar.feedItems.count()).toBeGreaterThan(0);
    expect(await sidebar.frame.getByText(/Only recruiters and admins/).isVisible()).toBe(true);
    expect(await sidebar.frame.getByRole('button', { name: /do-not-contact/ }).count()).toBe(0);
    await options.saveProfile({ name: 'Riley Recruiter', email: 'riley@example.com', role: 'recruiter' });
    await expect.poll(() => sidebar.frame.getByRole('button', { name: 'Mark do-not-contact…' }).count()).toBe(1);
    await page.close();
    await sidebar.page.close();
  });

  it('takes the README screenshot', async () => {
    const sidebar = await open(expected['member-2024-07-full.html']!.url);
    await expect.poll(() => sidebar.notes.count()).toBeGreaterThan(0);
    await expect.poll(() => sidebar.warning.isVisible()).toBe(true);
    mkdirSync(DOCS_DIR, { recursive: true });
    const box = (await sidebar.element.boundingBox())!;
    // The sidebar and a strip of the (unstyled, CSS-blocked) page beside it.
    await sidebar.page.screenshot({ path: path.join(DOCS_DIR, 'sidebar.png'), clip: { x: box.x - 240, y: 0, width: box.width + 240, height: box.height } });
    await sidebar.page.close();
  });
});
