/**
 * Issue 7, finding 5: a member with changes not yet sent to team A signs out (keeping data) and
 * in to team B on another server. Nothing of A's reaches B; the options page asks what to do
 * with A's changes; kept, they reach A when the member is back there.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Note } from '@/lib/model';
import { OptionsPage } from './pages/options';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { type FixtureServer, startFixtureServer } from './support/fixture-server';
import { openProfile } from './support/flows';
import { SHARED_FIXTURES } from './support/paths';
import { type TeamServer, startTeamServer } from './support/team-server';

const PROFILE = 'https://www.linkedin.com/in/eduardo-alvarez-nowak/';
const EMAIL = 'sam.sourcer@both.example';

let pages: FixtureServer;
let acme: TeamServer;
let beta: TeamServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  pages = await startFixtureServer();
  pages.route({ url: PROFILE, body: readFileSync(path.join(SHARED_FIXTURES, 'linkedin/member-2024-07-full.html')) });
  [acme, beta] = await Promise.all([startTeamServer({ teamName: 'Acme' }), startTeamServer({ teamName: 'Beta' })]);
  browser = await launchWithExtension({ hostResolverRules: pages.hostResolverRules });
});

afterAll(async () => {
  await browser?.close();
  await acme?.close();
  await beta?.close();
  await pages?.close();
});

describe('switching teams with changes not yet sent', () => {
  it('keeps team A’s unsent changes out of team B, asks what to do, and delivers them to A later', async () => {
    const options = new OptionsPage(await browser.context.newPage());
    await options.page.goto(browser.extensionUrl('options.html'));
    await options.signIn(acme.url, await acme.invite(EMAIL, 'sourcer'));

    // Acme's server is out of reach while the sourcer writes: the note waits in the outbox.
    await acme.stop();
    const sidebar = await openProfile(browser, PROFILE, 'Eduardo Alvarez Nowak');
    await sidebar.addNote('Only for Acme: prefers remote');
    await expect.poll(() => sidebar.syncStatus.textContent(), { timeout: 15_000 }).toMatch(/^Offline · \d+ changes? pending/);
    await sidebar.page.close();

    await options.signOut();
    await options.signIn(beta.url, await beta.invite(EMAIL, 'sourcer'));
    await expect.poll(() => options.syncStatus.getAttribute('data-state'), { timeout: 15_000 }).toBe('synced');
    expect(await beta.stored('note')).toEqual([]);
    expect(await beta.stored('prospect')).toEqual([]);
    expect(await options.syncStatus.getAttribute('data-pending')).toBe('0');
    await expect.poll(() => options.otherTeamChanges.textContent()).toMatch(/^\d+ changes? made in Acme (was|were) not sent before you switched teams\. .* never sent to Beta\./);
    await options.page.getByRole('button', { name: 'Keep until I sign back in to Acme' }).click();
    await expect.poll(() => options.otherTeamChanges.textContent()).toMatch(/made in Acme wait until you sign back in to Acme/);

    await acme.restart();
    await options.signOut();
    await options.signIn(acme.url, await acme.invite(EMAIL, 'sourcer'));
    await expect.poll(() => options.syncStatus.getAttribute('data-state'), { timeout: 30_000, interval: 500 }).toBe('synced');
    expect(await options.otherTeamChanges.count()).toBe(0);
    expect(((await acme.stored('note')) as Note[]).map((n) => n.body)).toEqual(['Only for Acme: prefers remote']);
    expect(await beta.stored('note')).toEqual([]);
  });
});
