import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SidebarPage } from './pages/sidebar';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { type FixtureServer, startFixtureServer } from './support/fixture-server';
import { SHARED_FIXTURES } from './support/paths';

const PROFILE = { url: 'https://www.linkedin.com/in/robertkcheung/', file: 'member-2025-04-fresh-load.html', name: 'Rob Cheung' };

let pages: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  pages = await startFixtureServer();
  pages.route({ url: PROFILE.url, body: readFileSync(path.join(SHARED_FIXTURES, 'linkedin', PROFILE.file)) });
  pages.route({ url: 'https://www.linkedin.com/feed/', body: '<!doctype html><title>Feed</title><main>Feed</main>' });
  browser = await launchWithExtension({ hostResolverRules: pages.hostResolverRules });
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

/** What the frame looks like when nobody has touched it. */
const INTACT = { count: 1, parent: 'HTML', path: '/sidebar.html', hidden: false, display: 'block', visibility: 'visible', opacity: '1', width: 381, right: 0 };

describe('a page that tampers with the sidebar frame', () => {
  it('gets it back as it was, pointing at the sidebar, every time', async () => {
    const page = await browser.context.newPage();
    await page.goto(PROFILE.url, { waitUntil: 'domcontentloaded' });
    const sidebar = new SidebarPage(page);
    await expect.poll(() => sidebar.name.textContent()).toBe(PROFILE.name);
    expect(await sidebar.frameState()).toEqual(INTACT);

    // Each of these is a page script (the page's own world, as LinkedIn's scripts run).
    const attacks: [string, () => void][] = [
      ['inline style', () => void (document.querySelector<HTMLElement>('iframe[data-tandem-sidebar]')!.style.cssText = 'display:none')],
      ['hidden attribute', () => void (document.querySelector<HTMLElement>('iframe[data-tandem-sidebar]')!.hidden = true)],
      ['style sheet', () => {
        const css = document.createElement('style');
        css.textContent = 'iframe[data-tandem-sidebar] { display: none !important; opacity: 0 !important; visibility: hidden !important; width: 1px !important; right: -400px !important }';
        document.head.append(css);
      }],
      ['class and moved into the body', () => {
        const frame = document.querySelector<HTMLElement>('iframe[data-tandem-sidebar]')!;
        frame.className = 'offscreen';
        document.body.append(frame);
      }],
    ];
    for (const [what, attack] of attacks) {
      await page.evaluate(attack);
      expect({ what, state: await sidebar.frameState() }).toEqual({ what, state: INTACT });
    }
    // Neither the restyling nor the move reloaded or broke the sidebar.
    expect(await sidebar.name.textContent({ timeout: 5000 })).toBe(PROFILE.name);

    const reload: [string, () => void][] = [
      ['removed', () => document.querySelector('iframe[data-tandem-sidebar]')!.remove()],
      ['re-pointed', () => void (document.querySelector<HTMLIFrameElement>('iframe[data-tandem-sidebar]')!.src = '/feed/')],
      ['navigated from outside', () => void (document.querySelector<HTMLIFrameElement>('iframe[data-tandem-sidebar]')!.contentWindow!.location.href = 'https://www.linkedin.com/feed/')],
    ];
    for (const [what, attack] of reload) {
      await page.evaluate(attack);
      await expect.poll(async () => ({ what, state: await sidebar.frameState() })).toEqual({ what, state: INTACT });
      await expect.poll(async () => ({ what, name: await sidebar.name.textContent({ timeout: 2000 }).catch(() => null) }), { timeout: 15_000 }).toEqual({ what, name: PROFILE.name });
      const shown = await (await sidebar.element.elementHandle()).contentFrame();
      expect(new URL(shown!.url()).pathname).toBe('/sidebar.html');
    }
    await page.close();
  });
});
