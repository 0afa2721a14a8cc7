import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequisitionsPage } from './pages/requisitions';
import { ReviewPage } from './pages/review';
import { type ExtensionBrowser, launchChromium, launchWithExtension } from './support/chromium';
import { type FixtureServer, startFixtureServer } from './support/fixture-server';
import { SHARED_FIXTURES } from './support/paths';
import { openProfile, signInToTeam } from './support/flows';
import { type TeamServer, startTeamServer } from './support/team-server';
import { startSmtp } from '../support/smtp-server';

const PEOPLE = [
  { url: 'https://www.linkedin.com/in/robertkcheung/', file: 'member-2025-04-fresh-load.html', name: 'Rob Cheung' },
  { url: 'https://www.linkedin.com/in/jordanvale/', file: 'member-2025-04-spa-navigation.html', name: 'Jordan Vale' },
];
const MANAGER = 'hannah.manager@acme.example';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let pages: FixtureServer;
let server: TeamServer;
let recruiter: ExtensionBrowser;
let plain: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  smtp = await startSmtp();
  pages = await startFixtureServer();
  for (const p of PEOPLE) pages.route({ url: p.url, body: readFileSync(path.join(SHARED_FIXTURES, 'linkedin', p.file)) });
  server = await startTeamServer({ settings: { SMTP_URL: smtp.url, MAIL_FROM: 'Tandem <tandem@acme.example>' } });
  recruiter = await launchWithExtension({ hostResolverRules: pages.hostResolverRules });
  // The hiring manager never installs the extension: a browser of its own, without it.
  plain = await launchChromium({});
  await (await signInToTeam(recruiter, server, 'riley.recruiter@acme.example', 'recruiter')).page.close();
  await server.join(MANAGER, 'hiring_manager');
});

afterAll(async () => {
  await plain?.close();
  await recruiter?.close();
  await server?.close();
  await pages?.close();
  await smtp?.close();
});

describe('a hiring manager who lives in their inbox', () => {
  it('gets the review by mail, completes it by keyboard in plain Chromium, and the recruiter’s sidebar shows the decisions', async () => {
    const reqPage = await recruiter.context.newPage();
    await reqPage.goto(recruiter.extensionUrl('requisitions.html'));
    await expect.poll(() => reqPage.getByRole('button', { name: 'New requisition' }).count(), { timeout: 15_000 }).toBe(1);
    await new RequisitionsPage(reqPage).create({ title: 'Staff Platform Engineer', hiringManager: 'Hannah Manager', mustHaves: ['Go', 'Distributed systems'], niceToHaves: ['Kubernetes'] });
    await reqPage.close();

    for (const person of PEOPLE) {
      const sidebar = await openProfile(recruiter, person.url, person.name);
      await sidebar.frame.getByTestId('add-to-review').click();
      await expect.poll(() => sidebar.frame.getByTestId('add-to-review').textContent()).toBe('In the review batch');
      if (person === PEOPLE.at(-1)) {
        const tray = sidebar.frame.getByTestId('batch-tray');
        await tray.getByLabel('Message').fill('Two for the platform team, by Friday please');
        await tray.getByTestId('send-for-review').click();
        await sidebar.frame.getByText('Sent 2 people to Hannah Manager for review.').waitFor();
      }
      await sidebar.page.close();
    }

    // The mail arrives at the local SMTP server, with one link.
    await expect.poll(() => smtp.received.filter((m) => m.to.includes(MANAGER)).length, { timeout: 20_000 }).toBe(1);
    const mail = smtp.received.find((m) => m.to.includes(MANAGER))!.raw;
    expect(mail).toMatch(/^Subject: Review 2 people for Staff Platform Engineer/m);
    expect(mail).toContain('Two for the platform team, by Friday please');
    const link = new RegExp(`${server.url}/r/[A-Za-z0-9._-]+`).exec(mail)![0];

    // The mail's settings link: the reviewer's own working days and quiet hours, which reminders
    // by mail (and the extension's, were they to install it) follow.
    const settings = await plain.context.newPage();
    await settings.goto(`${link}/settings`);
    await settings.getByRole('checkbox', { name: 'Monday' }).uncheck();
    await settings.getByRole('checkbox', { name: 'Saturday' }).check();
    await settings.getByLabel('Quiet hours from').fill('20:00');
    await settings.getByRole('button', { name: 'Save reminder times' }).click();
    await expect.poll(() => settings.getByRole('checkbox', { name: 'Saturday' }).isChecked()).toBe(true);
    expect(await settings.getByRole('checkbox', { name: 'Monday' }).isChecked()).toBe(false);
    expect(await settings.getByLabel('Quiet hours from').inputValue()).toBe('20:00');
    const manager = async () => ((await server.stored('member')) as { email: string }[]).find((m) => m.email === MANAGER);
    expect(await manager()).toMatchObject({ workingDays: [2, 3, 4, 5, 6], quietHours: { start: '20:00', end: '08:00' } });
    await settings.close();

    const page = await plain.context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    await page.setViewportSize({ width: 390, height: 844 }); // a phone
    await page.goto(link);
    const review = new ReviewPage(page);
    await expect.poll(() => review.progress.textContent()).toBe('1 of 2');
    expect(await review.personName.textContent()).toBe('Rob Cheung');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await page.getByTestId('review-hint').textContent()).toBe('J next · K previous · A approve · R reject · N note · U undo · ? all shortcuts');
    expect(await page.locator('body').innerText()).not.toMatch(/\bnull\b|\[object /);

    await page.keyboard.press('?');
    await page.getByTestId('review-help').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('review-help').count()).toBe(0);

    // Rob: Go met (1), approve (A).
    await page.keyboard.press('1');
    await page.keyboard.press('a');
    await expect.poll(() => review.personName.textContent()).toBe('Jordan Vale');
    // Jordan: approve by mistake, undo (U), then both must-haves missing, a note, reject (R).
    await page.keyboard.press('a');
    await expect.poll(() => page.getByTestId('review-complete').count()).toBe(1);
    await page.keyboard.press('u');
    await expect.poll(() => review.personName.textContent()).toBe('Jordan Vale');
    await page.keyboard.press('k');
    await expect.poll(() => review.personName.textContent()).toBe('Rob Cheung');
    await page.keyboard.press('j');
    await expect.poll(() => review.personName.textContent()).toBe('Jordan Vale');
    await page.getByTestId('review-note').waitFor();
    for (const key of ['1', '1', '2', '2']) await page.keyboard.press(key); // met → missing, twice
    await page.keyboard.press('n');
    await page.keyboard.type('Strong frontend, not the backend depth this role needs');
    await page.keyboard.press('Escape');
    await page.keyboard.press('r');
    await expect.poll(() => page.getByTestId('review-complete').count()).toBe(1);
    expect(await page.getByTestId('review-result').textContent()).toContain('1 approved, 1 rejected');
    expect(problems).toEqual([]);
    await page.close();

    // The recruiter's sidebar shows both decisions, synced like any other change.
    const verdicts: string[] = [];
    for (const person of PEOPLE) {
      const mine = await openProfile(recruiter, person.url, person.name);
      const decision = mine.frame.locator('[data-testid="activity-item"][data-kind="review_decision"]');
      await expect.poll(() => decision.count(), { timeout: 15_000 }).toBe(1);
      verdicts.push((await decision.textContent()) ?? '');
      await mine.page.close();
    }
    expect(verdicts[0]).toContain('Hannah Manager approved (meets: Go)');
    expect(verdicts[1]).toContain('Hannah Manager rejected (missing: Go, Distributed systems) — “Strong frontend, not the backend depth this role needs”');
  });

  it('mails the recruiter their weekly check-in once they ask for it in Options, which the server hears', async () => {
    const options = await recruiter.context.newPage();
    await options.goto(recruiter.extensionUrl('options.html'));
    await options.getByRole('checkbox', { name: 'Also e-mail me the check-in' }).check();
    const riley = async () => ((await server.stored('member')) as { email: string }[]).find((m) => m.email === 'riley.recruiter@acme.example');
    await expect.poll(riley, { timeout: 20_000 }).toMatchObject({ checkInMail: { weekday: 1, time: '09:00' } });
    await options.close();
  });
});
