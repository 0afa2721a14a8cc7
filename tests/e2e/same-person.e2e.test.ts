import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SidebarPage } from './pages/sidebar';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { type FixtureServer, startFixtureServer } from './support/fixture-server';

/** Two LinkedIn profiles of one person (an old account and a new one), hand-made in the profile markup the adapter reads. */
const profile = (slug: string, name: string, headline: string) => ({
  url: `https://www.linkedin.com/in/${slug}/`,
  body: `<!doctype html><html><head><title>${name} | LinkedIn</title></head><body><main>
<section data-member-id="${slug.length}"><h1>${name}</h1><div class="text-body-medium">${headline}</div>
<a href="/in/${slug}/overlay/contact-info/">Contact info</a></section></main></body></html>`,
});
const CURRENT = profile('ada-lovelace', 'Ada Lovelace', 'Analyst at Analytical Engines');
const OLD = profile('ada-byron-old', 'Ada Byron', 'Translator');

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  server.route(CURRENT);
  server.route(OLD);
  browser = await launchWithExtension({ hostResolverRules: server.hostResolverRules });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url: string) {
  const page = await browser.context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return new SidebarPage(page);
}

describe('one person, two LinkedIn records', () => {
  it('merges them from the sidebar, asked with both names, and shows both histories under one person', async () => {
    const old = await open(OLD.url);
    await expect.poll(() => old.name.textContent()).toBe('Ada Byron');
    await old.addNote('Translated the Menabrea paper');
    await old.page.close();

    const current = await open(CURRENT.url);
    await expect.poll(() => current.name.textContent()).toBe('Ada Lovelace');
    await current.addNote('Wants to work on engines');
    await current.frame.getByRole('button', { name: 'Merge with…' }).click();
    await current.frame.getByRole('searchbox', { name: 'Find the other record' }).fill('byron');
    await current.frame.getByRole('button', { name: 'Merge with Ada Byron' }).click();
    const confirm = current.frame.getByRole('group', { name: 'Confirm the merge' });
    await expect.poll(() => confirm.textContent()).toContain('Merge Ada Byron into Ada Lovelace?');
    await confirm.getByRole('button', { name: 'Merge into Ada Lovelace' }).click();

    await current.notes.filter({ hasText: 'Translated the Menabrea paper' }).waitFor();
    await current.feedItems.filter({ hasText: 'merged Ada Byron into this person' }).waitFor();
    expect(await current.notes.count()).toBe(2);

    // The old profile's page now shows the one person, with everything.
    const again = await open(OLD.url);
    await expect.poll(() => again.notes.count()).toBe(2);
    await again.page.close();
    await current.page.close();
  });
});
