/**
 * Issue 13, a first sign-in to a large team: once the device is usable, older history goes on
 * arriving in the background, and the dashboard says what its figures and searches still lack
 * until it is in. Real Chromium, the extension's worker and a real server: the device is put in
 * the older-history phase with the server down, so the notice holds; when the server is back the
 * worker pulls the rest and the notice goes.
 */
import { describe, expect, it } from 'vitest';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import type { FirstSync } from '@/lib/sync/first-sync';
import type { Session, SyncState } from '@/lib/sync/session';
import { axeViolations } from './support/axe';
import { signInToTeam } from './support/flows';
import { readRow, writeRow } from './support/indexed-db';
import { oneBrowser } from './support/one-browser';

const setting = oneBrowser();

describe('older history arriving after a first sign-in', () => {
  it('says on the dashboard what is still arriving, and nothing once the worker has pulled it', async () => {
    const { server, browser } = setting;
    const options = await signInToTeam(browser, server, 'riley.recruiter@acme.example', 'recruiter');
    await expect.poll(() => options.syncStatus.getAttribute('data-state'), { timeout: 15_000 }).toBe('synced');
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('dashboard.html#people'));
    await expect.poll(() => page.getByTestId('people-search').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('history-arriving').count()).toBe(0);

    // Usable, with older history still to come: as the last recent page leaves a first sign-in.
    await server.stop();
    const { value: session } = (await readRow(page, 'local', LOCAL_KEYS.session)) as { value: Session };
    const { value: sync } = (await readRow(page, 'local', LOCAL_KEYS.syncState)) as { value: SyncState };
    const olderThan = Date.UTC(2026, 8, 2, 12);
    const first: FirstSync = { teamId: session.teamId, phase: 'history', olderThan, upTo: sync.cursor, historyCursor: 0, startedAt: Date.now(), usableAt: Date.now() };
    await writeRow(page, 'local', { key: LOCAL_KEYS.firstSync, value: first });

    // Written past Dexie (its live queries do not hear of it): the page is opened again.
    await page.reload();
    const notice = page.getByTestId('history-arriving');
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
    expect(await notice.textContent()).toMatch(/^Activities and notes from before 2 Sept? 2026 are still arriving/);
    expect(await page.getByRole('progressbar', { name: 'Getting E2E team’s older history in the background' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    // Every view of the dashboard says it, not only People.
    await page.getByRole('link', { name: 'Numbers' }).click();
    await expect.poll(() => notice.count()).toBe(1);

    await server.restart();
    await expect.poll(() => notice.count(), { timeout: 45_000, interval: 500 }).toBe(0);
    expect(await readRow(page, 'local', LOCAL_KEYS.firstSync)).toBeUndefined();
  });
});
