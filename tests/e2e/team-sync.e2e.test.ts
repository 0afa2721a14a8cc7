import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { type FixtureServer, startFixtureServer } from './support/fixture-server';
import { SHARED_FIXTURES } from './support/paths';
import { openProfile as open, signInToTeam } from './support/flows';
import { type TeamServer, startTeamServer } from './support/team-server';

const PROFILE = 'https://www.linkedin.com/in/eduardo-alvarez-nowak/';

let pages: FixtureServer;
let server: TeamServer;
let sourcer: ExtensionBrowser;
let recruiter: ExtensionBrowser;

const signIn = (browser: ExtensionBrowser, email: string, role: 'sourcer' | 'recruiter') => signInToTeam(browser, server, email, role);
const openProfile = (browser: ExtensionBrowser) => open(browser, PROFILE, 'Eduardo Alvarez Nowak');

beforeAll(async () => {
  pages = await startFixtureServer();
  pages.route({ url: PROFILE, body: readFileSync(path.join(SHARED_FIXTURES, 'linkedin/member-2024-07-full.html')) });
  server = await startTeamServer();
  // Two Chromium profiles: two people on two computers.
  [sourcer, recruiter] = await Promise.all([launchWithExtension({ hostResolverRules: pages.hostResolverRules }), launchWithExtension({ hostResolverRules: pages.hostResolverRules })]);
});

afterAll(async () => {
  await sourcer?.close();
  await recruiter?.close();
  await server?.close();
  await pages?.close();
});

describe('team sync between two browsers', () => {
  it("shows a sourcer's note in the recruiter's sidebar within one sync", async () => {
    const sourcerOptions = await signIn(sourcer, 'sam.sourcer@acme.example', 'sourcer');
    await signIn(recruiter, 'riley.recruiter@acme.example', 'recruiter');
    expect(await sourcerOptions.page.getByTestId('signed-in-as').textContent()).toContain('Sam Sourcer (Sourcer) to E2E team');

    const mine = await openProfile(sourcer);
    await mine.addNote('Open to a move in spring; prefers remote');
    await mine.log('InMail sent');
    await expect.poll(() => mine.syncStatus.getAttribute('data-state'), { timeout: 15_000 }).toBe('synced');

    // Opening the sidebar pulls: the note and the outreach are there, by name.
    const theirs = await openProfile(recruiter);
    await expect.poll(() => theirs.notes.count(), { timeout: 10_000 }).toBe(1);
    expect(await theirs.notes.first().textContent()).toContain('Sam Sourcer');
    expect(await theirs.notes.first().textContent()).toContain('Open to a move in spring; prefers remote');
    await expect.poll(() => theirs.warning.textContent()).toContain('Sam Sourcer sent an InMail');
    await mine.page.close();
    await theirs.page.close();
  });

  it('keeps notes written while the server is down as pending and delivers them when it is back', async () => {
    await server.stop();
    const mine = await openProfile(sourcer);
    await mine.addNote('Written while the server was down');
    // Opening the sidebar already found the server gone; the note then waits in the outbox.
    await expect.poll(() => mine.syncStatus.textContent(), { timeout: 15_000 }).toMatch(/^Offline · 1 change pending/);
    expect(await mine.syncStatus.getAttribute('data-state')).toBe('offline');
    expect(await mine.notes.count()).toBe(2);

    await server.restart();
    // The worker retries with backoff (first retry within a few seconds).
    await expect.poll(() => mine.syncStatus.getAttribute('data-state'), { timeout: 30_000, interval: 500 }).toBe('synced');

    const theirs = await openProfile(recruiter);
    await expect.poll(() => theirs.notes.allTextContents(), { timeout: 10_000 }).toEqual(
      expect.arrayContaining([expect.stringContaining('Written while the server was down')]),
    );
    await mine.page.close();
    await theirs.page.close();
  });

  it('shows a change the server refused, with its reason, and undoes it', async () => {
    const theirs = await openProfile(recruiter);
    // Their visit is recorded (once a day; it may be this one) and sent first: the outbox then holds only the change below.
    await expect.poll(() => theirs.feedItems.evaluateAll((items) => items.some((i) => i.getAttribute('data-kind') === 'viewed' && i.querySelector('.who')?.textContent === 'You'))).toBe(true);
    await expect.poll(() => theirs.syncStatus.evaluate((s) => `${s.getAttribute('data-state')} ${s.getAttribute('data-pending')}`), { timeout: 15_000 }).toBe('synced 0');
    // While the server is down, the recruiter marks do-not-contact and an admin makes them a
    // sourcer: the device has not heard (a role change reaching a connected device at once is
    // what live updates are for), and sends the change when the server is back.
    await server.stop();
    await theirs.frame.getByRole('button', { name: 'Mark do-not-contact…' }).click();
    await theirs.frame.getByLabel('Why should nobody contact this person?').fill('Asked us to stop');
    await theirs.frame.getByRole('button', { name: 'Mark do-not-contact', exact: true }).click();
    await expect.poll(() => theirs.syncStatus.textContent(), { timeout: 15_000 }).toMatch(/^Offline · 1 change pending/);
    await server.setRole('riley.recruiter@acme.example', 'sourcer');
    await server.restart();
    // Optimistic at first, then refused by the server, rolled back and explained.
    const refusal = theirs.frame.getByTestId('sync-rejection');
    await expect.poll(() => refusal.textContent(), { timeout: 15_000 }).toContain(
      'A do-not-contact change was refused and undone: only recruiters and admins can change do-not-contact',
    );
    await expect.poll(() => theirs.warning.textContent()).not.toContain('Do not contact');
    expect(await theirs.feedItems.evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')))).not.toContain('dnc_set');
    // The device now knows the new role.
    await expect.poll(() => theirs.frame.getByText(/Only recruiters and admins/).count()).toBe(1);
    await theirs.page.close();
  });
});
