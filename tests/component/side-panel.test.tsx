import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SidePanelApp } from '@/components/sidebar/side-panel-app';
import { panelConnection } from '@/components/sidebar/use-panel-connection';
import { DbProvider } from '@/components/ui/db-context';
import { useUndo } from '@/components/ui/undo-store';
import { mutate } from '@/lib/db/mutate';
import { findProspectByKey } from '@/lib/db/queries';
import { prospectSetDoNotContact, prospectUpsert } from '@/lib/mutations';
import { sidebarPlace } from '@/lib/storage-items';
import type { TabState } from '@/lib/tabs/tab-state';
import { forgetTab, writeTabState } from '@/lib/tabs/tab-storage';
import type { TandemDB } from '@/lib/db/database';
import { freshDb, identity, member, signInAs } from '../support/db';
import { fakeTabs } from '../support/fake-tabs';

// The side panel follows its window's active tab: the pure choice of what to show, then the
// panel itself over the tabs' states as the worker stores them. In real Chromium:
// tests/e2e/side-panel.e2e.test.ts.

const ada = identity();
const grace = identity('grace-hopper');
const shows = (person: typeof ada): TabState => ({ status: 'identified', url: person.url, at: 0, identity: person });

describe('what the panel shows', () => {
  it('waits until it knows the active tab, and says when there is none', () => {
    expect(panelConnection({ activeTabId: undefined, read: undefined })).toEqual({ phase: 'connecting' });
    expect(panelConnection({ activeTabId: null, read: undefined })).toEqual({ phase: 'no_tab' });
  });

  it('never shows the last tab’s person while the newly active tab’s is read', () => {
    expect(panelConnection({ activeTabId: 2, read: { tabId: 1, state: shows(ada) } })).toEqual({ phase: 'connecting' });
    expect(panelConnection({ activeTabId: 2, read: { tabId: 2, state: shows(grace) } })).toEqual({ phase: 'ready', state: shows(grace) });
  });

  it('says nobody is there for a tab whose page Tandem does not read', () => {
    expect(panelConnection({ activeTabId: 2, read: { tabId: 2, state: null } })).toEqual({ phase: 'no_tab' });
  });
});

describe('the side panel', () => {
  let db: TandemDB;
  let me: ReturnType<typeof member>;

  beforeEach(async () => {
    fakeBrowser.reset();
    db = freshDb();
    me = member('recruiter', 'Riley Recruiter');
    await signInAs(db, me);
    await sidebarPlace.setValue('panel');
  });
  afterEach(() => {
    useUndo.getState().dismiss();
    db.close();
  });

  const renderPanel = (browser: ReturnType<typeof fakeTabs>, reportWarnings = vi.fn()) =>
    render(
      <DbProvider db={db}>
        <SidePanelApp windowId={1} tabs={browser.tabs} reportWarnings={reportWarnings} />
      </DbProvider>,
    );
  const name = () => screen.findByTestId('prospect-name');

  it('follows tab switches, in-app navigation and pages with nobody, and saves a note for the person shown', async () => {
    await writeTabState(10, shows(ada));
    await writeTabState(11, shows(grace));
    const browser = fakeTabs({ active: { 1: 10 } });
    renderPanel(browser);
    expect(await name()).toHaveTextContent(ada.name);

    act(() => browser.activate(1, 11));
    await waitFor(async () => expect(await name()).toHaveTextContent(grace.name));
    act(() => browser.activate(2, 10)); // another window's tab
    await new Promise((r) => setTimeout(r, 20));
    expect(await name()).toHaveTextContent(grace.name);

    // The page on tab 11 navigates in-app to Ada.
    await act(() => writeTabState(11, shows(ada)));
    await waitFor(async () => expect(await name()).toHaveTextContent(ada.name));

    const user = userEvent.setup();
    await user.type(await screen.findByTestId('note-input'), 'Prefers email');
    await user.click(screen.getByTestId('note-submit'));
    await waitFor(async () => expect((await db.notes.toArray()).map((n) => n.body)).toEqual(['Prefers email']));
    const saved = await db.notes.toArray();
    expect((await db.prospects.get(saved[0]!.prospectId))?.name).toBe(ada.name);

    // The tab leaves for a site Tandem does not read.
    await act(() => forgetTab(11));
    expect(await screen.findByTestId('no-person')).toHaveTextContent('This tab does not show a person');
    expect(screen.queryByTestId('prospect-name')).toBeNull();
  });

  it('reports the warnings of the person shown, with their tab, for the toolbar badge', async () => {
    await mutate(db, prospectUpsert, { identity: grace }, me);
    const id = (await findProspectByKey(db, grace.key))!.id;
    await mutate(db, prospectSetDoNotContact, { prospectId: id, reason: 'Asked us not to' }, me);
    await writeTabState(10, shows(ada));
    await writeTabState(11, shows(grace));
    const browser = fakeTabs({ active: { 1: 10 } });
    const reportWarnings = vi.fn();
    renderPanel(browser, reportWarnings);
    await waitFor(() => expect(reportWarnings).toHaveBeenLastCalledWith(10, { profileKey: ada.key, kinds: [] }));
    act(() => browser.activate(1, 11));
    await waitFor(() => expect(reportWarnings).toHaveBeenLastCalledWith(11, { profileKey: grace.key, kinds: ['do_not_contact'] }));
  });

  it('in page mode, says Tandem is in the page and moves it to the panel on request', async () => {
    await sidebarPlace.setValue('page');
    renderPanel(fakeTabs({ active: { 1: 10 } }));
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Show Tandem in this side panel' }));
    await waitFor(async () => expect(await sidebarPlace.getValue()).toBe('panel'));
    expect(await screen.findByTestId('no-person')).toBeInTheDocument();
  });
});
