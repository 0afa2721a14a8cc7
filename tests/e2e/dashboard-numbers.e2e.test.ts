/**
 * Issue 10, "done when": a history pushed to a real server from a test fixture, through the
 * mutations and the push path a team's devices use, shows exactly the hand-computed figures on
 * the dashboard's Numbers view of a teammate's browser (real Chromium, its own IndexedDB, after
 * its own pull). The history and the arithmetic behind every figure are in
 * tests/support/numbers-history.ts; one further move then shows up live and moves the bottleneck.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { isoWeek } from '@/lib/metrics';
import type { PushResponse } from '@/lib/model';
import { DAY, MEMBERS, type Step, type Writer, expectedMetrics, historyStart, numbersHistory } from '../support/numbers-history';
import { axeViolations } from './support/axe';
import { signInToTeam } from './support/flows';
import { oneBrowser } from './support/one-browser';

const setting = oneBrowser({ teamName: 'Acme' });

type Device = { token: string; clientId: string; next: number };

/** Pushes the steps in order, each through its writer's own device, as consecutive batches per writer. */
async function push(devices: Record<Writer, Device>, steps: readonly Step[]) {
  for (let from = 0; from < steps.length; ) {
    const by = steps[from]!.by;
    let to = from;
    while (to < steps.length && steps[to]!.by === by && to - from < 100) to++;
    const device = devices[by];
    const mutations = steps.slice(from, to).map(({ name, args }) => ({ id: device.next++, name, args }));
    const res = await fetch(`${setting.server.url}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: device.clientId, mutations }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as PushResponse).rejected).toEqual([]);
    from = to;
  }
}

/** Every figure on the page: `data-metric` → `data-value`. */
const figures = (page: Page) =>
  page.evaluate(() => Object.fromEntries([...document.querySelectorAll<HTMLElement>('[data-metric]')].map((el) => [el.dataset.metric!, el.dataset.value!])));

describe('the Numbers view against a real server', () => {
  it('shows the hand-computed figures of a pushed history, and a new move as it arrives', async () => {
    const { server, browser } = setting;
    const joined = {
      rita: await server.join(MEMBERS.rita.email, MEMBERS.rita.role),
      hannah: await server.join(MEMBERS.hannah.email, MEMBERS.hannah.role),
      omar: await server.join(MEMBERS.omar.email, MEMBERS.omar.role),
    };
    const devices = Object.fromEntries(Object.entries(joined).map(([k, j]) => [k, { token: j.token, clientId: `client-${ulid()}`, next: 1 }])) as Record<Writer, Device>;
    const requisitionId = ulid();
    const t0 = historyStart(Date.now());
    const { steps, people } = numbersHistory(t0, { requisitionId, members: { rita: joined.rita.member.id, hannah: joined.hannah.member.id, omar: joined.omar.member.id } });
    await push(devices, steps);

    // A teammate signs in on her own browser and opens the Numbers view of the requisition.
    await (await signInToTeam(browser, server, 'vera.viewer@acme.example', 'admin')).page.close();
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl(`dashboard.html#numbers/${requisitionId}`));

    // The browser and this test share the machine's zone; the weeks are T0's and the next.
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const weeks: [string, string] = [isoWeek(t0, zone), isoWeek(t0 + 7 * DAY, zone)];
    const expected = expectedMetrics({ rita: MEMBERS.rita.email, hannah: MEMBERS.hannah.email, omar: MEMBERS.omar.email }, requisitionId, weeks);
    await expect.poll(() => figures(page), { timeout: 30_000 }).toMatchObject(expected);

    expect(await page.locator('tr[data-bottleneck="true"] th').allTextContents()).toEqual(['Sourced (bottleneck)']);
    expect(await page.getByTestId('hm-fastest').textContent()).toBe('Fastest to answer: Omar Manager, a median of 4 hours. Worth a thank-you.');
    expect(await page.locator('[data-metric="pass-through:Hired"]').textContent()).toBe('last stage');

    // The table view and its CSV hold the same numbers, unrounded.
    await page.getByRole('button', { name: 'Table of time in stage (days), Platform Engineer' }).click();
    const table = page.getByRole('table', { name: 'Time in stage (days), Platform Engineer' });
    expect(await table.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual(['7', '2 d', '3 d', '0']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV of time in stage (days), Platform Engineer' }).click()]);
    expect(download.suggestedFilename()).toBe('time-in-stage.csv');
    expect(Papa.parse<string[]>(readFileSync(await download.path(), 'utf8')).data.slice(0, 3)).toEqual([
      ['Stage', 'Left the stage', 'Median', '75th percentile', 'In stage now'],
      ['Sourced', '7', '2', '3', '0'],
      ['Screen', '4', '3', '4', '1'],
    ]);
    expect(await axeViolations(page)).toEqual([]);

    // Rita rejects P6 at Screen on day 13. Screen: P1 P2 P4 moved on, P3 and now P6 rejected →
    // 3 / 5 = 0.6, with 5 decided the lowest eligible (Sourced 5 / 7 ≈ 0.71): the new bottleneck.
    // Time in Screen gains P6's 9 days (d4 → d13): 3 3 4 4 9 → median (rank 3) 4, p75 (rank 4) 4.
    // "Not enough Go" now stands for 3 people.
    await push(devices, [{ by: 'rita', name: 'pipeline.move', args: { prospectId: people[5], requisitionId, status: 'rejected', reason: 'Not enough Go', activityId: ulid(), at: t0 + 13 * DAY } }]);
    await expect
      .poll(() => figures(page), { timeout: 30_000 })
      .toMatchObject({ 'pass-through:Screen': String(3 / 5), 'pass-through:Sourced': String(5 / 7), 'time-in-stage-median:Screen': '4', 'time-in-stage-p75:Screen': '4', 'rejection-reason:Not enough Go': '3' });
    expect(await page.locator('tr[data-bottleneck="true"] th').allTextContents()).toEqual(['Screen (bottleneck)']);
  });
});
