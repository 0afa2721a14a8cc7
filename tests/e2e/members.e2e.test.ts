/**
 * Issue 8, points 8–10, as a recruiter saw them in Chromium against a real server: after
 * signing in, the profile Tandem made before sign-in ("New member") is no teammate in any
 * picker; the "You" section stays, so members name themselves (synced to the team); a hiring
 * manager who was invited but has not signed in can be chosen; and saving without one takes
 * the member to the field instead of a message below the fold.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Member, Requisition } from '@/lib/model';
import { OptionsPage } from './pages/options';
import { oneBrowser } from './support/one-browser';

const setting = oneBrowser({ teamName: 'Acme' });

/** Whether the element is entirely inside the page's viewport. */
const inView = (locator: Locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });

const storedMember = async (email: string) => ((await setting.server.stored('member')) as Member[]).filter((m) => m.email === email).at(-1);

describe('members and people', () => {
  it('shows only the team, lets members name themselves, offers invited hiring managers, and takes focus to what is missing', async () => {
    const { server, browser } = setting;
    // Before signing in, Tandem makes this device's own profile.
    const options = new OptionsPage(await browser.context.newPage());
    await options.page.goto(browser.extensionUrl('options.html'));
    await expect.poll(() => options.page.getByRole('group', { name: 'You' }).getByLabel('Name').inputValue()).toBe('New member');

    // The admin invites two hiring managers, who have not signed in yet, and the recruiter.
    await server.invite('hana.manager@acme.example', 'hiring_manager');
    await server.invite('hugo.manager@acme.example', 'hiring_manager');
    await options.signIn(server.url, await server.invite('riley.recruiter@acme.example', 'recruiter'));

    // Point 9: the You section stays after sign-in; the name and time zone reach the team.
    const you = options.page.getByRole('group', { name: 'You' });
    await expect.poll(() => you.getByLabel('Name').inputValue()).toBe('Riley Recruiter');
    await you.getByLabel('Name').fill('Riley Q. Recruiter');
    await you.getByLabel('Time zone').selectOption('Europe/Stockholm');
    await you.getByTestId('profile-save').click();
    await expect.poll(() => storedMember('riley.recruiter@acme.example'), { timeout: 20_000 }).toMatchObject({ name: 'Riley Q. Recruiter', timeZone: 'Europe/Stockholm', role: 'recruiter' });
    await expect.poll(() => options.page.getByTestId('signed-in-as').textContent()).toMatch(/^Signed in as Riley Q\. Recruiter \(Recruiter\) to Acme/);

    // Points 8 and 10: the pickers hold the team, invited hiring managers marked.
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1200, height: 600 });
    await page.goto(browser.extensionUrl('requisitions.html'));
    await page.getByRole('button', { name: 'New requisition' }).click();
    const editor = page.getByTestId('requisition-editor');
    const manager = editor.getByLabel('Hiring manager', { exact: true });
    await manager.locator('option', { hasText: 'Hugo Manager (invited)' }).waitFor({ state: 'attached', timeout: 20_000 });
    expect(await manager.locator('option').allTextContents()).toEqual(['Choose…', 'Hana Manager (invited)', 'Hugo Manager (invited)']);
    const recruiters = editor.getByRole('group', { name: 'Recruiters' });
    expect(await recruiters.getByRole('checkbox').count()).toBe(1);
    await expect.poll(() => recruiters.textContent()).not.toMatch(/New member/);

    // Saving without a hiring manager, having worked down to the stages: the picker, far above,
    // takes focus and comes into view.
    await editor.getByLabel('Title', { exact: true }).fill('Staff Platform Engineer');
    await editor.getByLabel('Add a stage').scrollIntoViewIfNeeded();
    expect(await inView(manager)).toBe(false);
    const save = editor.getByTestId('requisition-save');
    await save.click();
    await expect.poll(() => manager.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await inView(manager)).toBe(true);
    expect(await manager.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await manager.getAttribute('aria-describedby')}`).textContent()).toBe('Choose the hiring manager.');

    // The invited hiring manager can be chosen; when she signs in, the role is hers.
    await manager.selectOption({ label: 'Hana Manager (invited)' });
    await save.click();
    await editor.waitFor({ state: 'detached' });
    await expect.poll(async () => ((await server.stored('requisition')) as Requisition[]).length, { timeout: 20_000 }).toBe(1);
    const [role] = (await server.stored('requisition')) as Requisition[];
    const hana = await server.join('hana.manager@acme.example', 'hiring_manager');
    expect(hana.member).toMatchObject({ id: role!.hiringManagerId, status: 'active' });
  });
});
