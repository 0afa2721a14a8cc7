/**
 * Issue 11, the Article 14 clock in real Chromium against a real server. A teammate stored Ada
 * 28 days ago and Bo 35 days ago (their pushes carry those times: the clock, moved for them);
 * Riley's sidebar says when each notice is due, the dashboard lists both, most overdue first,
 * and logging Ada's notice in the sidebar takes her off both. Riley then exports what the team
 * holds about Ada from the sidebar. Riley stores Cy himself, and with the worker's clock moved
 * 24 days on he is reminded of Cy's notice.
 */
import { TZDate } from '@date-fns/tz';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { Activity, PushResponse } from '@/lib/model';
import { axeViolations } from './support/axe';
import { openProfile, signInToTeam } from './support/flows';
import { oneBrowser } from './support/one-browser';

const DAY = 86_400_000;
const setting = oneBrowser({ sitePages: true });

const linkedInPage = (slug: string, name: string) => `<!doctype html><html><head><title>${name} | LinkedIn</title></head><body><main>
<section data-member-id="${slug.length}"><h1>${name}</h1><div class="text-body-medium">Engineer</div></section></main></body></html>`;
const person = (name: string) => {
  const slug = name.toLowerCase().replace(/\W+/g, '-');
  return { id: ulid(), name, slug, url: `https://www.linkedin.com/in/${slug}/` };
};
const ada = person('Ada Quist');
const bo = person('Bo Lindqvist');
const cy = person('Cy Marsh');

describe('the privacy notice clock', () => {
  it('shows the notice due in the sidebar and on the dashboard until someone logs it sent', async () => {
    const { server, browser, pages } = setting;
    for (const p of [ada, bo]) pages!.route({ url: p.url, body: linkedInPage(p.slug, p.name) });
    const rita = await server.join('rita.recruiter@acme.example', 'recruiter');
    const stored = (p: typeof ada, daysAgo: number) => ({
      name: 'prospect.upsert',
      args: { id: p.id, at: Date.now() - daysAgo * DAY, identity: { site: 'linkedin', key: `linkedin:${p.slug}`, url: p.url, name: p.name, headline: 'Engineer', company: null, location: null } },
    });
    const res = await fetch(`${server.url}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rita.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: `client-${ulid()}`, mutations: [stored(ada, 28), stored(bo, 35)].map((m, i) => ({ id: i + 1, ...m })) }),
    });
    expect((await res.json()) as PushResponse).toMatchObject({ rejected: [] });
    await signInToTeam(browser, server, 'riley.recruiter@acme.example', 'recruiter');

    const boSidebar = await openProfile(browser, bo.url, bo.name);
    await expect.poll(() => boSidebar.frame.getByTestId('privacy-notice-due').textContent(), { timeout: 20_000 }).toBe('Privacy notice overdue by 5 days');
    const sidebar = await openProfile(browser, ada.url, ada.name);
    const due = sidebar.frame.getByTestId('privacy-notice-due');
    await expect.poll(() => due.textContent(), { timeout: 20_000 }).toBe('Privacy notice due in 2 days');
    expect(await axeViolations((await sidebar.contentFrame())!)).toEqual([]);

    const dashboard = await browser.context.newPage();
    await dashboard.goto(browser.extensionUrl('dashboard.html#privacy'));
    const listed = dashboard.getByTestId('notice-due-item');
    await expect.poll(() => listed.allTextContents()).toEqual([
      expect.stringMatching(/^Bo Lindqvist — Privacy notice overdue by 5 days \(due .*, added by Rita/),
      expect.stringMatching(/^Ada Quist — Privacy notice due in 2 days \(due .*, added by Rita/),
    ]);
    expect(await dashboard.getByRole('link', { name: 'Open profile of Ada Quist on LinkedIn (new tab)' }).getAttribute('href')).toBe(ada.url);
    expect(await axeViolations(dashboard)).toEqual([]);

    // Logged from the keyboard: the channel, today's date (the default), then Enter on the button.
    const form = sidebar.frame.getByRole('form', { name: 'Log privacy notice sent' });
    await form.getByLabel('Sent by').selectOption({ label: 'InMail' });
    await form.getByRole('button', { name: 'Log privacy notice sent' }).focus();
    await sidebar.page.keyboard.press('Enter');
    await expect.poll(() => due.count()).toBe(0);
    await expect.poll(() => sidebar.frame.locator('[data-testid="activity-item"][data-kind="privacy_notice_sent"]').textContent()).toMatch(/^You\s*sent the privacy notice by InMail on/);
    await expect.poll(() => listed.allTextContents()).toEqual([expect.stringMatching(/^Bo Lindqvist/)]);
    await expect
      .poll(async () => ((await server.stored('activity')) as Activity[]).filter((a) => a.kind === 'privacy_notice_sent').map((a) => [a.prospectId, a.data]), { timeout: 20_000 })
      .toEqual([[ada.id, { channel: 'inmail', sentAt: expect.any(Number) as number }]]);
  });

  it('exports what the team holds about a person from the sidebar, as one zip of JSON and text', async () => {
    const { browser } = setting;
    const sidebar = await openProfile(browser, ada.url, ada.name);
    const download = sidebar.page.waitForEvent('download');
    await sidebar.frame.getByRole('button', { name: `Export what we hold about ${ada.name}` }).click();
    const file = await (await download).path();
    const zip = unzipSync(new Uint8Array(readFileSync(file)));
    const json = JSON.parse(strFromU8(zip['Ada-Quist-tandem-export.json']!)) as { person: { id: string }; tables: { activities: Activity[] } };
    expect(json.person.id).toBe(ada.id);
    expect(json.tables.activities.map((a) => a.kind)).toContain('privacy_notice_sent');
    expect(strFromU8(zip['Ada-Quist-tandem-export.txt']!)).toContain('holds about Ada Quist');
  });

  it('reminds the member who stored the person before the deadline (the worker’s clock moved on)', async () => {
    const { browser, pages } = setting;
    pages!.route({ url: cy.url, body: linkedInPage(cy.slug, cy.name) });
    const sidebar = await openProfile(browser, cy.url, cy.name);
    await expect.poll(() => sidebar.frame.getByTestId('privacy-notice-due').textContent(), { timeout: 20_000 }).toBe('Privacy notice due in 30 days');
    await browser.serviceWorker.evaluate(() => {
      const g = globalThis as unknown as { __shown: unknown[] };
      g.__shown = [];
      const create = chrome.notifications.create.bind(chrome.notifications) as (id: string, o: chrome.notifications.NotificationCreateOptions) => Promise<string>;
      Object.defineProperty(chrome.notifications, 'create', { configurable: true, value: (id: string, o: chrome.notifications.NotificationCreateOptions) => (g.__shown.push({ id, title: o.title, message: o.message }), create(id, o)) });
    });
    const shown = () => browser.serviceWorker.evaluate(() => (globalThis as unknown as { __shown: { id: string; title: string; message: string }[] }).__shown.filter((n) => n.id.startsWith('tandem:notice')));
    // Noon on the first working day 25 days on or later (the member's zone: the device's): past the reminder a week before the deadline, before the deadline.
    const zone = await browser.serviceWorker.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const later = new TZDate(Date.now() + 24 * DAY, zone);
    const at = new TZDate(later.getFullYear(), later.getMonth(), later.getDate() + 1, 12, 0, zone);
    while (at.getDay() === 0 || at.getDay() === 6) at.setDate(at.getDate() + 1);
    await browser.serviceWorker.evaluate(([offset]) => chrome.storage.local.set({ 'tandem:clockOffsetMs': offset }), [at.getTime() - Date.now()] as const);
    await expect.poll(shown, { timeout: 20_000 }).toEqual([expect.objectContaining({ title: 'Privacy notice for Cy Marsh', message: expect.stringMatching(/^Due in [1-6] days?: tell them your team holds their data/) as string })]);
    await browser.serviceWorker.evaluate(() => chrome.storage.local.set({ 'tandem:clockOffsetMs': 0 }));
  });
});
