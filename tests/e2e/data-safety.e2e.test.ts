/**
 * Issue 8, findings 1 and 2, in Chromium against a real server: importing an older export never
 * reverts the team's newer note (device and server); removing the team's data with unsent
 * changes warns with the count and exports them first; browsing while signed out queues nothing
 * that a later sign-in would send as someone else; the exported changes reach the team as their
 * member after signing in again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity, Member, Note } from '@/lib/model';
import { OptionsPage } from './pages/options';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { type FixtureServer, startFixtureServer } from './support/fixture-server';
import { openProfile as open, signInToTeam } from './support/flows';
import { SHARED_FIXTURES } from './support/paths';
import { type TeamServer, startTeamServer } from './support/team-server';

const PROFILE = 'https://www.linkedin.com/in/eduardo-alvarez-nowak/';
const SOURCER = 'sam.sourcer@acme.example';
const RECRUITER = 'riley.recruiter@acme.example';

let pages: FixtureServer;
let server: TeamServer;
let browser: ExtensionBrowser;

const openProfile = () => open(browser, PROFILE, 'Eduardo Alvarez Nowak');
const notesOnServer = async () => ((await server.stored('note')) as Note[]).map((n) => n.body);
const memberId = async (email: string) => ((await server.stored('member')) as Member[]).find((m) => m.email === email)!.id;

/** What importing `file` would do, once the team's records have arrived (until then the import says it cannot tell). */
async function planOnceSynced(options: OptionsPage, file: string): Promise<string> {
  let text = '';
  await expect
    .poll(
      async () => {
        await options.chooseImport(file);
        text = (await options.importPlan.textContent()) ?? '';
        const waiting = text.includes('has not yet fetched');
        if (waiting) await options.page.getByRole('button', { name: 'Close' }).click();
        return waiting;
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(false);
  return text;
}

beforeAll(async () => {
  pages = await startFixtureServer();
  pages.route({ url: PROFILE, body: readFileSync(path.join(SHARED_FIXTURES, 'linkedin/member-2024-07-full.html')) });
  server = await startTeamServer();
  browser = await launchWithExtension({ hostResolverRules: pages.hostResolverRules });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await pages?.close();
});

describe('data that must not be lost or silently reverted', () => {
  it('keeps the newer note, on the device and the server, when an older export is imported', async () => {
    const options = await signInToTeam(browser, server, SOURCER, 'sourcer');
    const sidebar = await openProfile();
    await sidebar.addNote('First take: strong on Postgres');
    await expect.poll(() => sidebar.syncStatus.getAttribute('data-state'), { timeout: 15_000 }).toBe('synced');
    const file = await options.exportData();

    await sidebar.editNote('First take: strong on Postgres', 'Second take: strong on Postgres and Kafka');
    await expect.poll(notesOnServer, { timeout: 15_000 }).toEqual(['Second take: strong on Postgres and Kafka']);
    await expect.poll(() => sidebar.syncStatus.getAttribute('data-state'), { timeout: 15_000 }).toBe('synced');

    // The import says what it will do before doing anything.
    await options.chooseImport(file);
    const plan = (await options.importPlan.textContent()) ?? '';
    expect(plan).toContain('No record in the file is missing from this device.');
    expect(plan).toMatch(/\d+ records this device already has are left as they are: an import never overwrites a record\./);
    // Nothing to restore, so nothing to confirm: only Close.
    expect(await options.page.getByTestId('import-confirm').count()).toBe(0);
    await options.page.getByRole('button', { name: 'Close' }).click();

    await sidebar.page.reload();
    await expect.poll(() => sidebar.notes.allTextContents()).toEqual([expect.stringContaining('Second take: strong on Postgres and Kafka')]);
    await expect.poll(() => sidebar.syncStatus.getAttribute('data-state'), { timeout: 15_000 }).toBe('synced');
    expect(await notesOnServer()).toEqual(['Second take: strong on Postgres and Kafka']);
    await sidebar.page.close();
    await options.page.close();
  });

  it('warns before removing unsent changes, exports them, records nothing while signed out, and sends them as their member later', async () => {
    // Still signed in as Sam from the first test.
    const options = new OptionsPage(await browser.context.newPage());
    await options.page.goto(browser.extensionUrl('options.html'));
    await expect.poll(() => options.syncStatus.getAttribute('data-state'), { timeout: 15_000 }).toBe('synced');
    await server.stop();
    const sidebar = await openProfile();
    await sidebar.addNote('Written while the server was down');
    await expect.poll(() => sidebar.syncStatus.textContent(), { timeout: 15_000 }).toMatch(/^Offline · 1 change pending/);
    await sidebar.page.close();

    const file = await options.signOutRemovingData({ expectUnsent: /^1 change on this browser has not been sent yet\.$/ });
    expect(await options.queuedChanges()).toBe(0);

    // Signed out, merely viewing a profile queues nothing.
    const browsing = await openProfile();
    await browsing.page.waitForTimeout(1_000);
    expect(await options.queuedChanges()).toBe(0);
    await browsing.page.close();

    // Someone else signs in on this browser: nothing is sent in their name.
    await server.restart();
    await options.signIn(server.url, await server.invite(RECRUITER, 'recruiter'));
    await expect.poll(() => options.syncStatus.getAttribute('data-state'), { timeout: 30_000, interval: 500 }).toBe('synced');
    const riley = await memberId(RECRUITER);
    expect(((await server.stored('activity')) as Activity[]).filter((a) => a.actorId === riley)).toEqual([]);
    // The export is Sam's: signed in as Riley it is not sent.
    expect(await planOnceSynced(options, file)).toContain('Unsent changes in the file that are not sent from here: 1 made by Sam Sourcer: only they can send them, signed in as themselves.');
    await options.page.getByRole('button', { name: 'Close' }).click();
    await options.signOut();

    // Sam, signed in again, imports it: the note reaches the team as his.
    await options.signIn(server.url, await server.invite(SOURCER, 'sourcer'));
    await expect.poll(() => options.syncStatus.getAttribute('data-state'), { timeout: 30_000, interval: 500 }).toBe('synced');
    expect(await planOnceSynced(options, file)).toContain('1 change you made that had not reached E2E team will be sent again');
    expect(await options.confirmImport()).toContain('1 change sent again.');
    // Polled on the server: the status may still read synced from before the import queued the change.
    const sam = await memberId(SOURCER);
    await expect.poll(async () => ((await server.stored('note')) as Note[]).map((n) => [n.body, n.authorId === sam]), { timeout: 30_000, interval: 500 }).toEqual([
      ['Second take: strong on Postgres and Kafka', true],
      ['Written while the server was down', true],
    ]);
    expect(((await server.stored('activity')) as Activity[]).filter((a) => a.actorId === riley)).toEqual([]);
  });
});
