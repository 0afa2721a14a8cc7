/**
 * Issue 10, point 6: the demo team's twelve weeks (server/demo, what a first `npm start` writes)
 * give every dashboard view something to show, in Chromium after a real sign-in and pull. Takes
 * the README's dashboard screenshots.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Requisition } from '@/lib/model';
import { seedDemoTeam } from '@/server/demo/seed';
import { signInToTeam } from './support/flows';
import { oneBrowser } from './support/one-browser';
import { DOCS_DIR } from './support/paths';

const setting = oneBrowser({ teamName: 'Demo team' });

const PAYMENTS = 'Senior Backend Engineer, Payments';

/** The figures on the page that have a number (a figure without one says why in words). */
const figures = (page: Page, prefix: string) => page.locator(`[data-metric^="${prefix}"]:not([data-value=""])`).count();

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(DOCS_DIR, name) });
}

describe('the dashboard on the demo team', () => {
  it('shows people, a board, the numbers, a forecast and a check-in from the first sign-in', async () => {
    const { server, browser } = setting;
    const seeded = await seedDemoTeam(server.url, { invite: (email, role) => server.invite(email, role), members: () => server.members() });
    expect(seeded).toMatchObject({ refused: 0 });
    const payments = ((await server.stored('requisition')) as Requisition[]).find((r) => r.title === PAYMENTS)!;
    expect(payments).toBeDefined();

    await signInToTeam(browser, server, 'riley.chen@demo.tandem', 'recruiter');
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 860 });

    await page.goto(browser.extensionUrl('dashboard.html#people'));
    await expect.poll(() => page.getByTestId('people-result').count(), { timeout: 30_000 }).toBeGreaterThan(10);
    await shot(page, 'dashboard-people.png');

    await page.goto(browser.extensionUrl(`dashboard.html#board/${payments.id}`));
    await expect.poll(() => page.getByTestId('board-card').count(), { timeout: 20_000 }).toBeGreaterThan(3);
    await shot(page, 'dashboard-board.png');

    await page.goto(browser.extensionUrl(`dashboard.html#numbers/${payments.id}`));
    await expect.poll(() => figures(page, 'pass-through:'), { timeout: 20_000 }).toBeGreaterThan(2);
    expect(await figures(page, 'time-in-stage-median:')).toBeGreaterThan(2);
    expect(await figures(page, 'hm-feedback-median-hours:')).toBeGreaterThan(0);
    expect(Number(await page.locator('[data-metric="hires"]').getAttribute('data-value'))).toBeGreaterThan(0);
    expect(await figures(page, 'offer-decline:')).toBeGreaterThan(0);
    // Sourcing is counted after the other figures have painted.
    await expect.poll(() => figures(page, 'sourcing-outreach:'), { timeout: 20_000 }).toBeGreaterThan(10);
    await shot(page, 'dashboard-numbers.png');

    await page.goto(browser.extensionUrl(`dashboard.html#forecast/${payments.id}`));
    await expect.poll(() => figures(page, 'forecast-needed:'), { timeout: 20_000 }).toBeGreaterThan(2);

    await page.goto(browser.extensionUrl(`dashboard.html#checkin/${payments.id}`));
    await expect.poll(() => page.getByTestId('checkin-stage').count(), { timeout: 20_000 }).toBe(payments.stages.length);
    expect(await page.getByTestId('checkin-candidate').count()).toBeGreaterThan(0);
    await shot(page, 'dashboard-checkin.png');
  });
});
