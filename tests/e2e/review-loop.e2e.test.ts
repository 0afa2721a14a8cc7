import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequisitionsPage } from './pages/requisitions';
import { ReviewPage } from './pages/review';
import { SidebarPage } from './pages/sidebar';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { type FixtureServer, startFixtureServer } from './support/fixture-server';
import { DOCS_DIR, SHARED_FIXTURES } from './support/paths';
import { openProfile as open, signInToTeam } from './support/flows';
import { type TeamServer, startTeamServer } from './support/team-server';

const PEOPLE = [
  { url: 'https://www.linkedin.com/in/robertkcheung/', file: 'member-2025-04-fresh-load.html', name: 'Rob Cheung' },
  { url: 'https://www.linkedin.com/in/jordanvale/', file: 'member-2025-04-spa-navigation.html', name: 'Jordan Vale' },
  { url: 'https://www.linkedin.com/in/eduardo-alvarez-nowak/', file: 'member-2024-07-full.html', name: 'Eduardo Alvarez Nowak' },
];

let pages: FixtureServer;
let server: TeamServer;
let recruiter: ExtensionBrowser;
let manager: ExtensionBrowser;

async function signIn(browser: ExtensionBrowser, email: string, role: 'recruiter' | 'hiring_manager') {
  await (await signInToTeam(browser, server, email, role)).page.close();
}

const openProfile = (browser: ExtensionBrowser, person: (typeof PEOPLE)[number]) => open(browser, person.url, person.name);

async function synced(page: Page | SidebarPage) {
  const status = page instanceof SidebarPage ? page.syncStatus : page.getByTestId('sync-status');
  await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('synced');
}

beforeAll(async () => {
  pages = await startFixtureServer();
  for (const p of PEOPLE) pages.route({ url: p.url, body: readFileSync(path.join(SHARED_FIXTURES, 'linkedin', p.file)) });
  server = await startTeamServer();
  [recruiter, manager] = await Promise.all([launchWithExtension({ hostResolverRules: pages.hostResolverRules }), launchWithExtension({ hostResolverRules: pages.hostResolverRules })]);
  await signIn(recruiter, 'riley.recruiter@acme.example', 'recruiter');
  await signIn(manager, 'hannah.manager@acme.example', 'hiring_manager');
});

afterAll(async () => {
  await recruiter?.close();
  await manager?.close();
  await server?.close();
  await pages?.close();
});

describe('a calibration round between a recruiter and a hiring manager', () => {
  it('sends three profiles, gets two approvals and a rejection with reasons, and shows each in the recruiter’s sidebar', async () => {
    // Intake: the recruiter opens the requisition with its scorecard (the manager's member row
    // arrives with the recruiter's first pull).
    const reqPage = await recruiter.context.newPage();
    await reqPage.goto(recruiter.extensionUrl('requisitions.html'));
    await expect.poll(() => reqPage.getByRole('button', { name: 'New requisition' }).count(), { timeout: 15_000 }).toBe(1);
    await new RequisitionsPage(reqPage).create({ title: 'Staff Platform Engineer', hiringManager: 'Hannah Manager', mustHaves: ['Go', 'Distributed systems'], niceToHaves: ['Kubernetes'] });
    await reqPage.close();

    // The batch: three profiles from three pages, then sent from the last sidebar.
    let sidebar: SidebarPage | undefined;
    for (const person of PEOPLE) {
      await sidebar?.page.close();
      sidebar = await openProfile(recruiter, person);
      await sidebar.frame.getByTestId('add-to-review').click();
      await expect.poll(() => sidebar!.frame.getByTestId('add-to-review').textContent()).toBe('In the review batch');
    }
    const tray = sidebar!.frame.getByTestId('batch-tray');
    expect(await tray.getByTestId('tray-item').allTextContents()).toEqual(PEOPLE.map((p) => expect.stringContaining(p.name) as unknown as string));
    await tray.getByLabel('Message').fill('Calibration: tell me where the bar is');
    await tray.getByTestId('send-for-review').click();
    await sidebar!.frame.getByText('Sent 3 people to Hannah Manager for review.').waitFor();
    await expect.poll(() => sidebar!.feedItems.first().getAttribute('data-kind')).toBe('review_requested');
    await synced(sidebar!);
    // Already waiting for Hannah: said so, and not sent to her twice.
    await expect.poll(() => sidebar!.frame.getByTestId('already-in-review').textContent()).toBe('Already in review with Hannah Manager for Staff Platform Engineer.');
    await sidebar!.frame.getByTestId('add-to-review').click();
    await expect.poll(() => tray.getByTestId('tray-blocked').textContent()).toContain('is already in review with Hannah Manager for this requisition');
    expect(await tray.getByTestId('send-for-review').isDisabled()).toBe(true);
    await tray.getByRole('button', { name: 'Clear' }).click();
    await sidebar!.page.close();

    // The hiring manager works through the batch on the review page.
    const inbox = await manager.context.newPage();
    await inbox.goto(manager.extensionUrl('review.html'));
    const link = inbox.getByRole('link', { name: /Staff Platform Engineer/ });
    await expect.poll(async () => {
      if ((await link.count()) === 0) await inbox.reload();
      return link.count();
    }, { timeout: 20_000, interval: 1000 }).toBe(1);
    await link.click();
    const review = new ReviewPage(inbox);
    await expect.poll(() => review.progress.textContent()).toContain('1 of 3');
    expect(await review.personName.textContent()).toBe('Rob Cheung');
    await inbox.setViewportSize({ width: 1200, height: 820 });
    await inbox.screenshot({ path: path.join(DOCS_DIR, 'review-page.png') });
    await review.mark('Go', 'Met');
    await review.approve();
    await expect.poll(() => review.personName.textContent()).toBe('Jordan Vale');
    await review.mark('Distributed systems', 'Met');
    await inbox.keyboard.press('a');
    await expect.poll(() => review.personName.textContent()).toBe('Eduardo Alvarez Nowak');
    await review.mark('Go', 'Missing');
    await review.mark('Distributed systems', 'Missing');
    await review.note('Strong frontend lead, not the backend depth this role needs');
    await review.reject();
    await expect.poll(() => inbox.getByText('Review complete').count()).toBe(1);
    await synced(inbox);
    await inbox.close();

    // Back with the recruiter: every profile's sidebar shows the decision, for the whole team.
    const verdicts: string[] = [];
    for (const person of PEOPLE) {
      const mine = await openProfile(recruiter, person);
      const decision = mine.frame.locator('[data-testid="activity-item"][data-kind="review_decision"]');
      await expect.poll(() => decision.count(), { timeout: 15_000 }).toBe(1);
      verdicts.push((await decision.textContent()) ?? '');
      if (person.name === 'Eduardo Alvarez Nowak') {
        await expect.poll(() => mine.warning.textContent()).toContain('Rejected by Hannah Manager');
        expect(await mine.warning.textContent()).toContain('missing: Go, Distributed systems');
      }
      await mine.page.close();
    }
    expect(verdicts[0]).toContain('Hannah Manager approved (meets: Go)');
    expect(verdicts[1]).toContain('Hannah Manager approved (meets: Distributed systems)');
    expect(verdicts[2]).toContain('Hannah Manager rejected (missing: Go, Distributed systems) — “Strong frontend lead, not the backend depth this role needs”');
  });
});

describe('a decision made offline', () => {
  it("reaches the recruiter's sidebar within one sync after the hiring manager reconnects", async () => {
    const person = PEOPLE[1]!;
    const mine = await openProfile(recruiter, person);
    // The first request (decided above) must have reached this device as decided, or the tray
    // would rightly refuse to send the person to Hannah again.
    await expect.poll(() => mine.frame.getByTestId('already-in-review').count(), { timeout: 20_000 }).toBe(0);
    await mine.frame.getByTestId('add-to-review').click();
    await mine.frame.getByTestId('batch-tray').getByTestId('send-for-review').click();
    // The request itself, not the passing "Sent …" notice (it goes after 5 s, quicker than a loaded machine looks).
    await expect.poll(() => mine.warning.textContent(), { timeout: 15_000 }).toContain('In review with Hannah Manager');
    await synced(mine);
    await mine.page.close();

    // The manager's sidebar pulls the new request on open, then the server goes away.
    const theirs = await openProfile(manager, person);
    const controls = theirs.frame.getByTestId('sidebar-review');
    await controls.waitFor({ timeout: 15_000 });
    await controls.scrollIntoViewIfNeeded();
    await theirs.page.screenshot({ path: path.join(DOCS_DIR, 'review-sidebar.png'), clip: (await theirs.element.boundingBox())! });
    await server.stop();
    await controls.getByTestId('sidebar-approve').click();
    await controls.getByTestId('sidebar-decision').waitFor();
    // The approval (and the "viewed" of opening the profile, if it had not gone out yet) wait.
    await expect.poll(() => theirs.syncStatus.textContent(), { timeout: 15_000 }).toMatch(/^Offline · [12] changes? pending/);

    await server.restart();
    await synced(theirs);
    await theirs.page.close();

    // One sync on the recruiter's side (opening the sidebar) brings it.
    const again = await openProfile(recruiter, person);
    const decisions = again.frame.locator('[data-testid="activity-item"][data-kind="review_decision"]');
    await expect.poll(() => decisions.count(), { timeout: 10_000 }).toBe(2);
    expect(await decisions.first().textContent()).toContain('Hannah Manager approved');
    await again.page.close();
  });
});
