import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SidebarPage } from './pages/sidebar';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { type FixtureServer, startFixtureServer } from './support/fixture-server';
import { navigateInApp } from './support/navigate';
import { OWN_FIXTURES, SHARED_FIXTURES } from './support/paths';

// LinkedIn Recruiter under LinkedIn's own content script, and the ATS sites' permission path with
// the optional host permissions granted at launch (support/chromium.ts).

const recruiter = (file: string) => readFileSync(path.join(OWN_FIXTURES, 'ats/linkedin-recruiter', file), 'utf8');
const PROFILE_URL = 'https://www.linkedin.com/talent/hire/7012345/manage/all/profile/AEMAAAB1xYzQ2rEcruiTer0nE?project=7012345';
const SHELL_URL = 'https://www.linkedin.com/talent/profile/AEMAAAB1xYzQ2rEcruiTer0nE';
const MEMBER_URL = 'https://www.linkedin.com/in/robertkcheung/';
const GREENHOUSE_URL = 'https://app.greenhouse.io/people/4521?application_id=9';

let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer();
  server.route({ url: PROFILE_URL, body: recruiter('profile-rendered.html') });
  server.route({ url: SHELL_URL, body: recruiter('empty-shell.html') });
  server.route({ url: MEMBER_URL, body: readFileSync(path.join(SHARED_FIXTURES, 'linkedin/member-2025-04-fresh-load.html')) });
  server.route({ url: GREENHOUSE_URL, body: '<!doctype html><title>Greenhouse</title><main id="app"></main>' });
});

afterAll(() => server?.close());

/** The body of a served page, as the app's router would swap it in. */
const bodyOf = (html: string) => /<body[^>]*>([\s\S]*)<\/body>/.exec(html)![0];

describe('LinkedIn Recruiter (www.linkedin.com/talent/…)', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ hostResolverRules: server.hostResolverRules });
  });
  afterAll(() => browser?.close());

  it('shows the person of a rendered Recruiter profile', async () => {
    const page = await browser.context.newPage();
    await page.goto(PROFILE_URL, { waitUntil: 'domcontentloaded' });
    const sidebar = new SidebarPage(page);
    await expect.poll(() => sidebar.name.textContent(), { timeout: 10_000 }).toBe('Priya Raman');
    await page.close();
  });

  it('shows a stand-in on the empty Ember shell, then the name when the app renders it', async () => {
    const page = await browser.context.newPage();
    await page.goto(SHELL_URL, { waitUntil: 'domcontentloaded' });
    const sidebar = new SidebarPage(page);
    await expect.poll(() => sidebar.name.textContent(), { timeout: 10_000 }).toBe('Candidate …Ter0nE on LinkedIn Recruiter');
    await page.evaluate((html) => {
      document.body.replaceWith(document.adoptNode(new DOMParser().parseFromString(html, 'text/html').body));
    }, bodyOf(recruiter('profile-rendered.html')));
    await expect.poll(() => sidebar.name.textContent(), { timeout: 10_000 }).toBe('Priya Raman');
    await page.close();
  });

  it('follows in-app navigation from an /in/ profile to a Recruiter profile', async () => {
    const page = await browser.context.newPage();
    await page.goto(MEMBER_URL, { waitUntil: 'domcontentloaded' });
    const sidebar = new SidebarPage(page);
    await expect.poll(() => sidebar.name.textContent(), { timeout: 10_000 }).toBe('Rob Cheung');
    await navigateInApp(page, new URL(PROFILE_URL).pathname + new URL(PROFILE_URL).search, bodyOf(recruiter('profile-rendered.html')));
    await expect.poll(() => sidebar.name.textContent(), { timeout: 10_000 }).toBe('Priya Raman');
    await page.close();
  });
});

describe('ATS sites with their permission granted at launch', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ hostResolverRules: server.hostResolverRules, grantOptionalHosts: true });
  });
  afterAll(() => browser?.close());

  it('registers the ATS script for every granted site and shows each switch on in Options → Sites', async () => {
    await expect
      .poll(
        () => browser.serviceWorker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => ({ id: s.id, matches: s.matches, js: s.js }))),
        { timeout: 10_000 },
      )
      .toEqual([
        { id: 'tandem-ats-greenhouse', matches: ['https://*.greenhouse.io/*'], js: ['content-scripts/ats.js'] },
        { id: 'tandem-ats-lever', matches: ['https://hire.lever.co/*', 'https://hire.sandbox.lever.co/*'], js: ['content-scripts/ats.js'] },
        { id: 'tandem-ats-ashby', matches: ['https://app.ashbyhq.com/*'], js: ['content-scripts/ats.js'] },
        { id: 'tandem-ats-workable', matches: ['https://*.workable.com/*'], js: ['content-scripts/ats.js'] },
      ]);
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    for (const name of ['Greenhouse', 'Lever', 'Ashby', 'Workable']) {
      await expect.poll(() => options.getByRole('switch', { name }).isChecked()).toBe(true);
    }
    await options.close();
  });

  it('runs the ATS script on a granted ATS page (it reports the page to the worker)', async () => {
    const page = await browser.context.newPage();
    await page.goto(GREENHOUSE_URL, { waitUntil: 'domcontentloaded' });
    await expect
      .poll(
        () => browser.serviceWorker.evaluate(async () => Object.values(await chrome.storage.session.get(null)).map((state) => (state as { url?: string }).url)),
        { timeout: 10_000 },
      )
      .toContain(GREENHOUSE_URL);
    await page.close();
  });
});
