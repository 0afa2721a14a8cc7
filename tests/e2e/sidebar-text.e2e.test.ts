import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SidebarPage } from './pages/sidebar';
import { axeViolations } from './support/axe';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { type FixtureServer, startFixtureServer } from './support/fixture-server';

/** A profile whose every word is Arabic: name, headline, and the notes written about her. */
const LAYLA_URL = 'https://www.linkedin.com/in/layla-ahmed/';
const LAYLA = 'ليلى أحمد';
const profile = (slug: string, name: string, headline: string) => `<!doctype html><html><head><title>${name} | LinkedIn</title></head><body><main>
<section data-member-id="7"><h1>${name}</h1><div class="text-body-medium">${headline}</div>
<a href="/in/${slug}/overlay/contact-info/">Contact info</a></section></main></body></html>`;
const GRACE_URL = 'https://www.linkedin.com/in/grace-hopper-e2e/';

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  server.route({ url: LAYLA_URL, body: profile('layla-ahmed', LAYLA, 'مهندسة برمجيات أولى') });
  server.route({ url: GRACE_URL, body: profile('grace-hopper-e2e', 'Grace Hopper', 'Rear admiral') });
  browser = await launchWithExtension({ hostResolverRules: server.hostResolverRules });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** axe-core on the sidebar's frame, with what a test has put on screen. */
const frameViolations = (sidebar: SidebarPage) => axeViolations(sidebar.page.frames().find((f) => f.url().includes('/sidebar.html'))!);

async function open(url: string) {
  const page = await browser.context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return new SidebarPage(page);
}

describe('long and right-to-left text in the sidebar (real Chromium)', () => {
  it('lays out an Arabic name, headline and note right to left, in a left-to-right sidebar', async () => {
    const sidebar = await open(LAYLA_URL);
    await expect.poll(() => sidebar.name.textContent()).toBe(LAYLA);
    await sidebar.addNote('قابلتها في مؤتمر، مهتمة بالعمل عن بعد');
    const direction = (testId: string) => sidebar.frame.getByTestId(testId).first().evaluate((el) => getComputedStyle(el.querySelector('.body') ?? el).direction);
    expect(await direction('prospect-name')).toBe('rtl');
    expect(await direction('prospect-headline')).toBe('rtl');
    expect(await direction('note-item')).toBe('rtl');
    // The note's text starts at the right edge: its first letter is further right than its last.
    const note = sidebar.notes.first().locator('.body');
    const [noteBox, range] = await note.evaluate((el) => {
      const r = document.createRange();
      r.selectNodeContents(el);
      return [el.getBoundingClientRect().toJSON() as DOMRect, r.getBoundingClientRect().toJSON() as DOMRect];
    });
    expect(Math.round(noteBox.right - range.right)).toBeLessThanOrEqual(1);
    expect(await sidebar.frame.locator('.topbar').evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    await sidebar.page.close();
  });

  it('keeps a pasted note whole, says what does not fit, and collapses a long note with Show more', async () => {
    const sidebar = await open(GRACE_URL);
    await expect.poll(() => sidebar.name.textContent()).toBe('Grace Hopper');
    const input = sidebar.frame.getByTestId('note-input');
    await input.fill('x'.repeat(12_000));
    expect((await input.inputValue()).length).toBe(12_000);
    await expect.poll(() => sidebar.frame.getByTestId('note-input-limit').textContent()).toContain('Too long to save: 12,000 bytes, at most 10,000 (2,000 over)');
    expect(await sidebar.frame.getByTestId('note-submit').isDisabled()).toBe(true);
    expect(await frameViolations(sidebar)).toEqual([]);
    await input.fill('');

    const cv = Array.from({ length: 60 }, (_, i) => `Line ${i + 1} of a pasted CV`).join('\n');
    await sidebar.addNote(cv);
    const body = sidebar.notes.first().locator('.body');
    const collapsed = (await body.boundingBox())!.height;
    expect(collapsed).toBeLessThan(250);
    await sidebar.notes.first().getByRole('button', { name: 'Show more' }).click();
    await expect.poll(async () => (await body.boundingBox())!.height).toBeGreaterThan(800);
    expect(await frameViolations(sidebar)).toEqual([]);
    await sidebar.notes.first().getByRole('button', { name: 'Show less' }).click();
    await expect.poll(async () => (await body.boundingBox())!.height).toBeLessThan(250);
    await sidebar.page.close();
  });

  it('takes back a mis-clicked call with Undo, and asks before logging outreach to a do-not-contact person', async () => {
    const sidebar = await open(GRACE_URL);
    await expect.poll(() => sidebar.name.textContent()).toBe('Grace Hopper');
    await sidebar.log('Call');
    await expect.poll(() => sidebar.warning.textContent()).toContain('You called');
    await sidebar.frame.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => sidebar.warning.count()).toBe(0);
    await expect.poll(() => sidebar.feedItems.evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')))).not.toContain('outreach');

    await sidebar.frame.getByRole('button', { name: 'Mark do-not-contact…' }).click();
    await sidebar.frame.getByLabel('Why should nobody contact this person?').fill('Asked us to stop');
    await sidebar.frame.getByRole('button', { name: 'Mark do-not-contact', exact: true }).click();
    await expect.poll(() => sidebar.warning.textContent()).toContain('Do not contact');
    await sidebar.log('InMail sent');
    const ask = sidebar.frame.getByRole('alertdialog', { name: 'Log outreach to a do-not-contact person?' });
    await expect.poll(() => ask.textContent()).toContain('Grace Hopper is marked do-not-contact: Asked us to stop');
    expect(await frameViolations(sidebar)).toEqual([]);
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => ask.count()).toBe(0);
    expect(await sidebar.feedItems.evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')))).not.toContain('outreach');
    await sidebar.page.close();
  });
});
