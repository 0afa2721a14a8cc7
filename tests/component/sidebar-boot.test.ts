import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { takeOver } from '@/components/sidebar/boot-handoff';
import { FIRST_PAINT_ID } from '@/components/sidebar/first-paint';
import { IDENTITY_SHOWN_MARK } from '@/components/sidebar/marks';
import { writeTabState } from '@/lib/tabs/tab-storage';
import { identity } from '../support/db';

/**
 * A boot in a fresh module graph, as each frame has its own; the worker's side of the messages is
 * `hello` (tests/unit/background tests the worker's answer).
 */
async function boot(themeCss = '', hello?: () => { tabId: number } | null) {
  vi.resetModules();
  vi.doMock('@/lib/messaging', () => ({
    onMessage: vi.fn(() => () => undefined),
    sendMessage: vi.fn((name: string) => (name === 'sidebarHello' && hello ? Promise.resolve(hello()) : Promise.reject(new Error('No listeners available')))),
  }));
  const { bootSidebar } = await import('@/components/sidebar/boot');
  bootSidebar(document, themeCss);
}

const TAB = 7;

function freshRoot() {
  const root = document.createElement('div');
  root.id = 'root';
  document.body.replaceChildren(root);
}

beforeEach(() => {
  fakeBrowser.reset();
  document.head.replaceChildren();
  freshRoot();
  delete (window as { tandemSidebarBoot?: unknown }).tandemSidebarBoot;
  vi.spyOn(fakeBrowser.tabs, 'getCurrent').mockResolvedValue({ id: TAB } as Awaited<ReturnType<typeof fakeBrowser.tabs.getCurrent>>);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.doUnmock('@/lib/messaging');
});

describe('the sidebar’s boot script', () => {
  it('brings its own style sheet, paints the person of its tab as text and hands the app its tab', async () => {
    const person = identity('ana-diaz', { name: '<b>Ana</b> Díaz' });
    await writeTabState(TAB, { status: 'identified', url: person.url, at: 0, identity: person });
    await boot('.sidebar { color: red }');
    expect(document.head.querySelector('style')?.textContent).toBe('.sidebar { color: red }');

    const handed = takeOver(window);
    expect(await handed.painted).toBe(TAB);
    const painted = document.getElementById(FIRST_PAINT_ID)!;
    expect(painted.parentElement?.id).toBe('root');
    expect(painted.querySelector('[data-testid="prospect-name"]')?.textContent).toBe('<b>Ana</b> Díaz');
    expect(painted.querySelector('b')).toBeNull();
    expect(performance.getEntriesByName(IDENTITY_SHOWN_MARK).some((m) => (m as PerformanceMark).detail === person.key)).toBe(true);

    handed.removeFirstPaint();
    expect(document.getElementById(FIRST_PAINT_ID)).toBeNull();
  });

  it('asks the worker for its tab when the browser does not say (Firefox), and paints nothing when neither can', async () => {
    vi.spyOn(fakeBrowser.tabs, 'getCurrent').mockRejectedValue(new Error('not in a tab'));
    await writeTabState(TAB, { status: 'identified', url: identity().url, at: 0, identity: identity() });
    await boot('', () => ({ tabId: TAB }));
    expect(await takeOver(window).painted).toBe(TAB);
    expect(document.querySelector('[data-testid="prospect-name"]')?.textContent).toBe(identity().name);

    freshRoot();
    await boot('', () => null);
    expect(await takeOver(window).painted).toBeNull();
    expect(document.getElementById(FIRST_PAINT_ID)).toBeNull();
  });
});

describe('the app taking over', () => {
  it('says what is wrong when the boot script did not run', () => {
    expect(() => takeOver(window)).toThrow(/sidebar-boot\.js/);
  });
});
