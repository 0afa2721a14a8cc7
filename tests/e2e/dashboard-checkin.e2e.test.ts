/**
 * Issue 10, points 4 and 5 in real Chromium against a real server: a requisition's history is
 * pushed by a recruiter and a hiring manager on their own devices; a teammate's dashboard shows
 * the hand-computed check-in and forecast, and "Copy as Markdown" puts the same figures on the
 * clipboard. Times are relative to now, so every figure below holds whatever the weekday.
 */
import { TZDate } from '@date-fns/tz';
import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResponse } from '@/lib/model';
import { axeViolations } from './support/axe';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { signInToTeam } from './support/flows';
import { readRow } from './support/indexed-db';
import { type TeamServer, startTeamServer } from './support/team-server';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ROLE = 'Data Platform Engineer';
const REQ = ulid();
const STAGES = ['Sourced', 'Screen', 'Onsite', 'Offer', 'Hired'];

let server: TeamServer;
let browser: ExtensionBrowser;
let rita: Awaited<ReturnType<TeamServer['join']>>;
let hannah: Awaited<ReturnType<TeamServer['join']>>;

async function push(token: string, mutations: { name: string; args: Record<string, unknown> }[]): Promise<void> {
  const res = await fetch(`${server.url}/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: `client-${ulid()}`, mutations: mutations.map((m, i) => ({ id: i + 1, ...m })) }),
  });
  expect((await res.json()) as PushResponse).toMatchObject({ rejected: [] });
}

type Person = { id: string; name: string; slug: string };
const person = (name: string): Person => ({ id: ulid(), name, slug: name.toLowerCase().replace(/\W+/g, '-') });
const [ada, bo, cy, di, eve, fay] = ['Ada Quist', 'Bo Lindqvist', 'Cy Marsh', 'Di Okafor', 'Eve Sandoval', 'Fay Nguyen'].map(person) as [Person, Person, Person, Person, Person, Person];

beforeAll(async () => {
  server = await startTeamServer();
  rita = await server.join('rita.recruiter@acme.example', 'recruiter');
  hannah = await server.join('hannah.manager@acme.example', 'hiring_manager');
  const now = Date.now();
  const ago = (days: number) => now - days * DAY;
  const move = (p: { id: string }, days: number, stage: string, extra: Record<string, unknown> = {}) => ({ name: 'pipeline.move', args: { prospectId: p.id, requisitionId: REQ, stage, activityId: ulid(), at: ago(days), ...extra } });
  const requestId = ulid();
  await push(rita.token, [
    { name: 'requisition.save', args: { id: REQ, title: ROLE, hiringManagerId: hannah.member.id, recruiterIds: [rita.member.id], stages: STAGES, at: ago(30) } },
    ...[ada, bo, cy, di, eve, fay].map((p) => ({
      name: 'prospect.upsert',
      args: { id: p.id, at: ago(25), identity: { site: 'linkedin', key: `linkedin:${p.slug}`, url: `https://www.linkedin.com/in/${p.slug}/`, name: p.name, headline: null, company: null, location: null } },
    })),
    // Ada: Sourced 2 days, Screen 8, at Onsite for 10 days now. Bo: Sourced 1, rejected after 4 at Screen.
    // Cy: at Sourced for 12 days. Di: Sourced 3, Screen 1, Onsite 2, declined the offer after 1 day.
    // Fay: Sourced 2, Screen 2, Onsite 2, Offer 2, hired.
    move(ada, 20, 'Sourced'), move(ada, 18, 'Screen'), move(ada, 10, 'Onsite'),
    move(bo, 20, 'Sourced'), move(bo, 19, 'Screen'), move(bo, 15, 'Screen', { status: 'rejected', reason: 'Wants a management track' }),
    move(cy, 12, 'Sourced'),
    move(di, 20, 'Sourced'), move(di, 17, 'Screen'), move(di, 16, 'Onsite'), move(di, 14, 'Offer'), move(di, 13, 'Offer', { status: 'withdrew', declinedOffer: 'compensation' }),
    move(fay, 30, 'Sourced'), move(fay, 28, 'Screen'), move(fay, 26, 'Onsite'), move(fay, 24, 'Offer'), move(fay, 22, 'Hired', { status: 'hired' }),
    // Ada and Cy sent to Hannah three days ago (due after 48 hours, so a day overdue now).
    { name: 'review.request', args: { id: requestId, requisitionId: REQ, reviewerId: hannah.member.id, prospectIds: [ada.id, cy.id], activityIds: [ulid(), ulid()], at: ago(3) } },
    // Rita viewed Eve a minute ago: this week's sourcing.
    { name: 'activity.log', args: { id: ulid(), prospectId: eve.id, kind: 'viewed', data: {}, at: now - 60_000 } },
  ]);
  // Hannah approved Ada six hours after the request; Cy is still waiting.
  await push(hannah.token, [{ name: 'review.decide', args: { id: ulid(), requestId, prospectId: ada.id, verdict: 'approve', activityId: ulid(), at: ago(3) + 6 * HOUR } }]);

  browser = await launchWithExtension({ hostResolverRules: 'MAP nothing.invalid 127.0.0.1' });
  await signInToTeam(browser, server, 'riley.recruiter@acme.example', 'recruiter');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the weekly check-in and the forecast on the dashboard', () => {
  it('shows the hand-computed check-in, and Copy as Markdown puts the same figures on the clipboard', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl(`dashboard.html#checkin/${REQ}`));
    const metric = (name: string) => page.locator(`[data-metric="${name}"]`);
    await expect.poll(() => metric('pass-through:Screen').getAttribute('data-value'), { timeout: 20_000 }).toBe('0.75');

    // Pass-through: Sourced 4 of 4 (Cy still there), Screen 3 of 4 (Bo rejected), Onsite 2 of 2 (Ada
    // still there), Offer 1 of 2 (Di declined).
    expect(await Promise.all(STAGES.slice(0, -1).map((s) => metric(`pass-through:${s}`).getAttribute('data-value')))).toEqual(['1', '0.75', '1', '0.5']);
    // Median days in stage over those who left (nearest rank): Sourced [1,2,2,3] → 2, Screen [1,2,4,8]
    // → 2, Onsite [2,2] → 2, Offer [1,2] → 1; nobody left Hired.
    expect(await Promise.all(STAGES.map((s) => metric(`time-in-stage-median:${s}`).getAttribute('data-value')))).toEqual(['2', '2', '2', '1', '']);
    // Hannah: one decision in 6 hours; Cy overdue: half within the deadline.
    expect(await metric('hm-feedback-median-hours:hannah.manager@acme.example').getAttribute('data-value')).toBe('6');
    expect(await metric('hm-within-deadline:hannah.manager@acme.example').getAttribute('data-value')).toBe('0.5');
    expect(await metric('offer-decline:compensation').getAttribute('data-value')).toBe('1');
    const viewedThisWeek = page.locator('[data-metric^="sourcing-viewed:rita.recruiter@acme.example:"]').first();
    expect(await viewedThisWeek.getAttribute('data-value')).toBe('1');
    expect(await page.getByTestId('checkin-action').allTextContents()).toEqual([
      'Decide on Cy Marsh — overdue by 1 day',
      'Move on or close Cy Marsh: 12 days in Sourced (median 2)',
      'Move on or close Ada Quist: 10 days in Onsite (median 2)',
    ]);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Copy as Markdown' }).click();
    await page.getByText('Copied').waitFor();
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    // The same figures, as the page writes them.
    const text = async (name: string) => (await metric(name).textContent())!;
    expect(markdown).toContain(`# Weekly check-in: ${ROLE}`);
    expect(markdown).toContain(`| Screen | 0 | ${await text('pass-through:Screen')} (3 of 4) | ${await text('time-in-stage-median:Screen')} |  |`);
    expect(await text('pass-through:Screen')).toBe('75%');
    expect(markdown).toContain(`| Offer | 0 | ${await text('pass-through:Offer')} (1 of 2) | ${await text('time-in-stage-median:Offer')} |  |`);
    expect(markdown).toContain(`| Onsite | 1 | ${await text('pass-through:Onsite')} (2 of 2) | ${await text('time-in-stage-median:Onsite')} | Ada Quist (approved), ${await text(`days-in-stage:${ada.id}`)} days |`);
    const reviewer = (await page.locator('.checkin-report th', { hasText: '(hiring manager)' }).textContent())!;
    expect(markdown).toContain(`| ${reviewer} | 1 | ${await text('hm-feedback-median-hours:hannah.manager@acme.example')} | 6 | ${await text('hm-within-deadline:hannah.manager@acme.example')} | 1 | 1 |`);
    for (const action of await page.getByTestId('checkin-action').allTextContents()) expect(markdown).toContain(`- ${action}`);
    expect(markdown).toContain('- compensation: 1');
  });

  it('prints only the check-in', async () => {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl(`dashboard.html#checkin/${REQ}`));
    await page.getByTestId('checkin-report').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Copy as Markdown' }).isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Dashboard views' }).isVisible()).toBe(false);
    expect(await page.getByTestId('checkin-report').isVisible()).toBe(true);
  });

  it('forecasts from the same history: people needed at each stage, what is in the pipeline and the days to a hire', async () => {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl(`dashboard.html#forecast/${REQ}`));
    const value = (name: string) => page.locator(`[data-metric="${name}"]`).getAttribute('data-value');
    // Every stage has fewer than 5 decided, so the team's history (this requisition) is used. For
    // 1 hire: Offer 1 ÷ 1/2 = 2, Onsite 2, Screen 1 ÷ 3/8 = 2.67 → 3, Sourced 3. Days to hire:
    // Offer 1, Onsite 3, Screen 5, Sourced 7.
    await expect.poll(() => value('forecast-needed:Screen'), { timeout: 20_000 }).toBe('3');
    expect(await Promise.all(STAGES.map((s) => value(`forecast-needed:${s}`)))).toEqual(['3', '3', '2', '2', '1']);
    expect(await Promise.all(STAGES.map((s) => value(`forecast-days-to-hire:${s}`)))).toEqual(['7', '5', '3', '1', '0']);
    expect(await Promise.all(STAGES.map((s) => value(`forecast-in-pipeline:${s}`)))).toEqual(['1', '0', '1', '0', '0']);
    // Ada and Cy cover no stage's need (2 at Onsite, 3 at Sourced): the hire needs new people at Sourced.
    expect(await value('forecast-days-to-hire')).toBe('7');
    await page.getByLabel('Target date').fill(new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10));
    await expect.poll(() => page.getByTestId('forecast-verdict').textContent()).toContain('they need new people at Sourced. Historically 7 days from Sourced to hire; the target leaves');
    expect(await page.getByTestId('forecast-verdict').textContent()).toContain('The date looks realistic.');
    expect(await page.getByTestId('forecast-verdict').textContent()).toContain('fewer than 5 decided candidates');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('reminds a recruiter on the requisition once a week, at the day and time chosen in Options (with a moved clock)', async () => {
    // What the worker asks the browser to show (getAll only lists ids).
    await browser.serviceWorker.evaluate(() => {
      const g = globalThis as unknown as { __shown: unknown[] };
      g.__shown = [];
      const create = chrome.notifications.create.bind(chrome.notifications) as (id: string, o: chrome.notifications.NotificationCreateOptions) => Promise<string>;
      Object.defineProperty(chrome.notifications, 'create', { configurable: true, value: (id: string, o: chrome.notifications.NotificationCreateOptions) => (g.__shown.push({ id, title: o.title }), create(id, o)) });
    });
    const shown = () => browser.serviceWorker.evaluate(() => (globalThis as unknown as { __shown: { id: string; title: string }[] }).__shown.filter((n) => n.id.startsWith('tandem:checkin:')));
    const setClock = (at: number) => browser.serviceWorker.evaluate(([offset]) => chrome.storage.local.set({ 'tandem:clockOffsetMs': offset }), [at - Date.now()] as const);
    // Wednesdays at 10:00 in this member's zone (the device's: they set none).
    const zone = await browser.serviceWorker.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const soon = new TZDate(Date.now() + 2 * DAY, zone);
    const wednesday = (weeks: number, h: number, m = 0) => new TZDate(soon.getFullYear(), soon.getMonth(), soon.getDate() + ((3 - soon.getDay() + 7) % 7) + 7 * weeks, h, m, zone).getTime();

    // Every run from here is on the moved clock, with the schedule chosen: the worker runs the
    // reminders whenever their inputs change, so a run on the real clock would decide otherwise.
    await setClock(wednesday(0, 9, 59));
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.getByRole('combobox', { name: 'Check-in reminder day' }).selectOption('Wednesday');
    await options.getByLabel('Check-in reminder time').fill('10:00');
    await expect.poll(async () => ((await readRow(options, 'local', 'settings')) as { value: { checkInReminder: unknown } }).value.checkInReminder).toEqual({ enabled: true, weekday: 3, time: '10:00', byMail: false });

    // Riley joins the requisition's recruiters: Rita's edit, through the server.
    const riley = ((await server.stored('member')) as { id: string; email: string }[]).find((m) => m.email === 'riley.recruiter@acme.example')!;
    await push(rita.token, [{ name: 'requisition.save', args: { id: REQ, title: ROLE, hiringManagerId: hannah.member.id, recruiterIds: [rita.member.id, riley.id], stages: STAGES } }]);
    await expect.poll(async () => ((await readRow(options, 'requisitions', REQ)) as { recruiterIds: string[] }).recruiterIds, { timeout: 20_000 }).toContain(riley.id);

    // The first run knows the requisition: the week under way is not announced.
    await expect.poll(async () => ((await readRow(options, 'local', 'reminders')) as { value: { checkIns: Record<string, string> } } | undefined)?.value.checkIns[REQ]).toBeTruthy();
    expect(await shown()).toEqual([]);
    await setClock(wednesday(0, 10));
    await expect.poll(shown).toEqual([{ id: `tandem:checkin:${REQ}`, title: `Weekly check-in for ${ROLE} is ready` }]);
    for (const at of [wednesday(0, 10, 5), wednesday(0, 16), wednesday(1, 9, 59)]) await setClock(at);
    await options.waitForTimeout(1500);
    expect(await shown()).toHaveLength(1);
    await setClock(wednesday(1, 10));
    await expect.poll(async () => (await shown()).length).toBe(2);
    await setClock(Date.now());
  });
});
