/**
 * Issue 11 end to end: in real Chromium against the real team server, a recruiter erases a
 * person from the sidebar, and a teammate's sidebar on that profile then shows the suppression
 * notice and nothing else (no name, no feed, no notes, no logging) and records nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { type FixtureServer, startFixtureServer } from './support/fixture-server';
import { SHARED_FIXTURES } from './support/paths';
import { openProfile as open, signInToTeam } from './support/flows';
import { type TeamServer, startTeamServer } from './support/team-server';
import { SidebarPage } from './pages/sidebar';

const PROFILE = 'https://www.linkedin.com/in/eduardo-alvarez-nowak/';
const NAME = 'Eduardo Alvarez Nowak';

let pages: FixtureServer;
let server: TeamServer;
let recruiter: ExtensionBrowser;
let teammate: ExtensionBrowser;

beforeAll(async () => {
  pages = await startFixtureServer();
  pages.route({ url: PROFILE, body: readFileSync(path.join(SHARED_FIXTURES, 'linkedin/member-2024-07-full.html')) });
  server = await startTeamServer();
  [recruiter, teammate] = await Promise.all([launchWithExtension({ hostResolverRules: pages.hostResolverRules }), launchWithExtension({ hostResolverRules: pages.hostResolverRules })]);
});

afterAll(async () => {
  await recruiter?.close();
  await teammate?.close();
  await server?.close();
  await pages?.close();
});

describe('erasing a person', () => {
  it("leaves the teammate's sidebar on their profile with the suppression notice and nothing else", async () => {
    await signInToTeam(recruiter, server, 'riley.recruiter@acme.example', 'recruiter');
    await signInToTeam(teammate, server, 'sam.sourcer@acme.example', 'sourcer');

    // The teammate has worked on the person: a note, a view.
    const before = await open(teammate, PROFILE, NAME);
    await before.addNote('Knows Kafka inside out');
    await expect.poll(() => before.syncStatus.getAttribute('data-state'), { timeout: 15_000 }).toBe('synced');
    await before.page.close();

    const mine = await open(recruiter, PROFILE, NAME);
    await expect.poll(() => mine.notes.count(), { timeout: 10_000 }).toBe(1);
    await mine.erase(NAME.toLowerCase());
    await expect.poll(() => mine.suppressionNotice.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => mine.syncStatus.getAttribute('data-state'), { timeout: 15_000 }).toBe('synced');
    await mine.page.close();

    const page = await teammate.context.newPage();
    await page.goto(PROFILE, { waitUntil: 'domcontentloaded' });
    const theirs = new SidebarPage(page);
    await expect.poll(() => theirs.suppressionNotice.textContent(), { timeout: 15_000 }).toMatch(/^Asked to be forgotten on \d{1,2} \w+ \d{4} — do not contact/);
    const main = theirs.frame.locator('main.content');
    expect(await main.getByTestId('prospect-name').count()).toBe(0);
    expect(await theirs.notes.count()).toBe(0);
    expect(await theirs.feedItems.count()).toBe(0);
    expect(await main.getByRole('button').count()).toBe(0);
    expect(await main.getByRole('textbox').count()).toBe(0);
    expect(await main.textContent()).not.toContain('Kafka');
    // Nothing was recorded about them, not even the visit.
    await expect.poll(() => theirs.syncStatus.getAttribute('data-state'), { timeout: 15_000 }).toBe('synced');
    expect(await theirs.syncStatus.getAttribute('data-pending')).toBe('0');
  });

  it('lets an admin preview the retention rule in Options against the server, then switch it on', async () => {
    const admin = await launchWithExtension({ hostResolverRules: pages.hostResolverRules });
    try {
      const options = await signInToTeam(admin, server, 'ada.admin@acme.example', 'admin');
      const page = options.page;
      await page.getByRole('checkbox', { name: 'Erase people with no activity for a while' }).check();
      const months = page.getByLabel('Months without activity');
      await months.fill('1');
      // Switching on waits for the preview of those months.
      const save = page.getByRole('button', { name: 'Save privacy settings' });
      expect(await save.isDisabled()).toBe(true);
      await expect.poll(() => page.locator('#privacy-save-waits').textContent()).toBe('Preview who 1 month would erase before saving.');
      await page.getByRole('button', { name: 'Preview who this would erase' }).click();
      // Everyone in this team was touched minutes ago (and the erased person is gone for good).
      await expect.poll(() => page.getByTestId('retention-preview-count').textContent(), { timeout: 10_000 }).toBe('Nobody now: everyone has had activity in the last month.');
      expect(await page.getByTestId('retention-preview-count').getAttribute('data-value')).toBe('0');
      // Switched on: the team's rule reaches the server, which runs it daily.
      await save.click();
      await expect
        .poll(async () => ((await server.stored('team_privacy')) as { retentionMonths: number | null }[]).map((row) => row.retentionMonths), { timeout: 15_000 })
        .toEqual([1]);
    } finally {
      await admin.close();
    }
  });
});
