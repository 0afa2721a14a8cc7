import { TZDate } from '@date-fns/tz';
import type { Page } from 'playwright-core';
import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { readRow } from './support/indexed-db';

/**
 * Reminders in real Chromium, with the background's injectable clock (lib/clock.ts) instead of
 * waiting: a request seeded into IndexedDB for the signed-in member is announced, then reminded
 * about once overdue, and the toolbar badge follows (blue while waiting, red when overdue).
 */

const ZONE = 'America/New_York';
const CLOCK_OFFSET_KEY = 'tandem:clockOffsetMs';
const HOUR = 3_600_000;

let browser: ExtensionBrowser;
let options: Page;

/** Next Wednesday 14:00 in New York at least two days away: a due time on a working day, outside quiet hours. */
function nextWednesdayAt14(): number {
  const d = new TZDate(Date.now() + 2 * 24 * HOUR, ZONE);
  const days = (3 - d.getDay() + 7) % 7;
  return new TZDate(d.getFullYear(), d.getMonth(), d.getDate() + days, 14, 0, ZONE).getTime();
}

const readLocal = async (key: string) => ((await readRow(options, 'local', key)) as { value?: unknown } | undefined)?.value;

/** Writes rows as they would be after a pull (the worker is not told: the clock change wakes it). */
const putRows = (rows: Record<string, unknown[]>) =>
  options.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tandem');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const tx = open.result.transaction(Object.keys(rows), 'readwrite');
          for (const [table, list] of Object.entries(rows)) for (const row of list) tx.objectStore(table).put(row);
          tx.oncomplete = () => (resolve(), open.result.close());
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
    rows,
  );

/** Moves the worker's reminder clock so that it reads `at`; the worker re-runs the reminders at once. */
async function setClock(at: number) {
  await browser.serviceWorker.evaluate(([key, offset]) => chrome.storage.local.set({ [key]: offset }), [CLOCK_OFFSET_KEY, at - Date.now()] as const);
}

const notificationIds = async () => Object.keys(await browser.serviceWorker.evaluate(() => chrome.notifications.getAll()));
const badge = () =>
  browser.serviceWorker.evaluate(async () => ({ text: await chrome.action.getBadgeText({}), color: [...(await chrome.action.getBadgeBackgroundColor({}))] }));
const shown = () => browser.serviceWorker.evaluate(() => (globalThis as unknown as { __shown: { id: string; title: string; message: string }[] }).__shown);

beforeAll(async () => {
  browser = await launchWithExtension({ hostResolverRules: 'MAP tandem.invalid 127.0.0.1' });
  // Record what the worker asks the browser to show (getAll only lists ids).
  await browser.serviceWorker.evaluate(() => {
    const g = globalThis as unknown as { __shown: unknown[] };
    g.__shown = [];
    const create = chrome.notifications.create.bind(chrome.notifications) as (id: string, options: chrome.notifications.NotificationCreateOptions) => Promise<string>;
    Object.defineProperty(chrome.notifications, 'create', {
      configurable: true,
      value: (id: string, options: chrome.notifications.NotificationCreateOptions) => (g.__shown.push({ id, title: options.title, message: options.message }), create(id, options)),
    });
  });
  options = await browser.context.newPage();
  await options.goto(browser.extensionUrl('options.html'));
});

afterAll(async () => {
  await browser?.close();
});

describe('reminders in the background', () => {
  it('announces a request, reminds when it is overdue, and keeps the badge up to date', async () => {
    // The reminder policy, through the options page: the member's time zone (New York, under
    // You), default working days and quiet hours.
    await options.getByRole('group', { name: 'You' }).getByLabel('Time zone').selectOption(ZONE);
    await options.getByTestId('profile-save').click();
    await expect.poll(() => readLocal('me')).toBeTruthy();
    const me = (await readLocal('me')) as { memberId: string; teamId: string };
    await expect.poll(async () => ((await readRow(options, 'members', me.memberId)) as { timeZone?: string } | undefined)?.timeZone).toBe(ZONE);

    const due = nextWednesdayAt14();
    await setClock(due - 2 * HOUR);
    const riley = ulid();
    const roleId = ulid();
    const request = {
      id: ulid(),
      teamId: me.teamId,
      version: 1,
      deletedAt: null,
      requisitionId: roleId,
      requesterId: riley,
      reviewerId: me.memberId,
      prospectIds: [ulid(), ulid(), ulid()],
      message: 'Three for calibration',
      createdAt: due - 48 * HOUR,
      dueAt: due,
      status: 'open',
      reassignedFrom: null,
      history: [],
    };
    await putRows({
      members: [{ id: riley, teamId: me.teamId, version: 1, deletedAt: null, name: 'Riley Recruiter', email: 'riley@acme.example', role: 'recruiter' }],
      requisitions: [
        {
          id: roleId,
          teamId: me.teamId,
          version: 1,
          deletedAt: null,
          title: 'Staff Platform Engineer',
          hiringManagerId: me.memberId,
          recruiterIds: [riley],
          mustHaves: [],
          niceToHaves: [],
          feedbackSlaHours: 48,
          targetHires: 1,
          targetDate: null,
          stages: ['Sourced'],
          status: 'open',
          createdAt: due - 72 * HOUR,
        },
      ],
      reviewRequests: [request],
    });

    // Wednesday 12:00 in New York: the request has arrived, due in two hours.
    await setClock(due - 2 * HOUR + 1_000);
    await expect.poll(notificationIds, { timeout: 10_000 }).toContain(`tandem:review:${request.id}`);
    expect(await shown()).toContainEqual({ id: `tandem:review:${request.id}`, title: 'New review request', message: 'Riley Recruiter sent you 3 people for Staff Platform Engineer — due Wed 14:00' });
    expect(await badge()).toEqual({ text: '1', color: [26, 115, 232, 255] });

    // Wednesday 15:00: an hour late; the reminder replaces the announcement, and the badge turns red.
    await setClock(due + HOUR);
    await expect.poll(async () => (await shown()).map((n) => n.title), { timeout: 10_000 }).toContain('A review is overdue');
    expect((await shown()).at(-1)).toEqual({ id: `tandem:review:${request.id}`, title: 'A review is overdue', message: '3 people for Staff Platform Engineer, from Riley Recruiter — overdue by 1 hour' });
    expect(await notificationIds()).toEqual([`tandem:review:${request.id}`]);
    expect(await badge()).toEqual({ text: '1', color: [197, 34, 31, 255] });

    // Later the same day a second request arrives. The worker hears of it through Dexie's live
    // query (here set off by a settings change on the options page, in another context); the
    // first request gets no second reminder the same day.
    await setClock(due + 4 * HOUR);
    const second = { ...request, id: ulid(), createdAt: due + 4 * HOUR, dueAt: due + 24 * HOUR, prospectIds: [ulid()] };
    await putRows({ reviewRequests: [second] });
    await options.getByLabel('Saturday').check();
    await expect.poll(notificationIds, { timeout: 10_000 }).toContain(`tandem:review:${second.id}`);
    expect((await shown()).at(-1)).toEqual({ id: `tandem:review:${second.id}`, title: 'New review request', message: 'Riley Recruiter sent you 1 person for Staff Platform Engineer — due Thu 14:00' });
    expect((await shown()).filter((n) => n.title === 'A review is overdue')).toHaveLength(1);
    expect(await badge()).toEqual({ text: '1', color: [197, 34, 31, 255] });

    // Both decided (here: marked completed directly): the badge clears and the notifications go.
    await putRows({ reviewRequests: [request, second].map((r) => ({ ...r, status: 'completed' })) });
    await setClock(due + 4 * HOUR + 1_000);
    await expect.poll(badge, { timeout: 10_000 }).toEqual({ text: '', color: [26, 115, 232, 255] });
    await expect.poll(notificationIds).toEqual([]);
  });
});
