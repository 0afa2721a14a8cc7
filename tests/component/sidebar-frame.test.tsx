import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SidebarLayoutFields } from '@/components/options/sidebar-layout-fields';
import { type FrameControls, SidebarApp, type SidebarConnection } from '@/components/sidebar/sidebar-app';
import { FIRST_PAINT_ID, paintFirst, removeFirstPaint } from '@/components/sidebar/first-paint';
import { focusAfterPaint, requestSidebarFocus } from '@/components/sidebar/focus-request';
import { focusStart, keepFocusInside } from '@/components/sidebar/sidebar-focus';
import { WidthButton } from '@/components/sidebar/width-button';
import { DbProvider } from '@/components/ui/db-context';
import { useUndo } from '@/components/ui/undo-store';
import { findProspectByKey } from '@/lib/db/queries';
import { mutate } from '@/lib/db/mutate';
import { prospectSetDoNotContact } from '@/lib/mutations';
import { sidebarLayout } from '@/lib/storage-items';
import type { TandemDB } from '@/lib/db/database';
import { freshDb, identity, member, signInAs } from '../support/db';

// The sidebar in its frame: the collapsed tab, keyboard focus, and the width (Options and the
// sidebar's own button). The content script's side is tested in real Chromium
// (tests/e2e/sidebar-frame.e2e.test.ts).

let db: TandemDB;

const ready: SidebarConnection = { phase: 'ready', state: { status: 'identified', url: identity().url, at: 0, identity: identity() } };

function fakeFrame() {
  return { setOpen: vi.fn<FrameControls['setOpen']>(), reveal: vi.fn<FrameControls['reveal']>(), reportWarnings: vi.fn<FrameControls['reportWarnings']>() };
}

async function renderSidebar(frame?: FrameControls) {
  db = freshDb();
  const me = member('recruiter', 'Riley Recruiter');
  await signInAs(db, me);
  render(
    <DbProvider db={db}>
      <SidebarApp connection={ready} frame={frame} />
    </DbProvider>,
  );
  await screen.findByTestId('activity-item');
  return { me, user: userEvent.setup() };
}

async function addNote(user: ReturnType<typeof userEvent.setup>, text: string) {
  await user.type(screen.getByTestId('note-input'), text);
  await user.click(screen.getByTestId('note-submit'));
  await waitFor(() => expect(screen.getAllByTestId('note-item').some((n) => n.textContent?.includes(text))).toBe(true));
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  useUndo.getState().dismiss();
  db?.close();
});

describe('the outreach warning', () => {
  it('is a named region the keyboard lands on, not an alert shouted on every profile', async () => {
    const { user } = await renderSidebar();
    await user.click(screen.getByRole('button', { name: 'InMail sent' }));
    const region = await screen.findByRole('region', { name: 'Before you reach out' });
    expect(region).toBe(screen.getByTestId('outreach-warning'));
    expect(screen.queryByRole('alert')).toBeNull();
    focusStart(document);
    expect(region).toHaveFocus();
  });

  it('leaves the keyboard on the person’s name when there is none', async () => {
    await renderSidebar();
    focusStart(document);
    expect(screen.getByTestId('prospect-name')).toHaveFocus();
  });
});

describe('focus inside the sidebar', () => {
  it('goes to the next note after deleting one, and back to Edit after leaving an edit, never to <body>', async () => {
    const { user } = await renderSidebar();
    await addNote(user, 'First thought');
    await addNote(user, 'Second thought');
    const [newest, older] = screen.getAllByTestId('note-item');
    await user.click(within(newest!).getByRole('button', { name: 'Delete note' }));
    await waitFor(() => expect(screen.getAllByTestId('note-item')).toHaveLength(1));
    const edit = within(older!).getByRole('button', { name: 'Edit note' });
    expect(edit).toHaveFocus();

    await user.keyboard('{Enter}');
    expect(within(older!).getByLabelText('Edit note')).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(within(older!).getByRole('button', { name: 'Edit note' })).toHaveFocus();

    // The last note gone, focus stays in the notes, on what took the list's place.
    await user.click(within(older!).getByRole('button', { name: 'Delete note' }));
    await waitFor(() => expect(screen.queryByTestId('note-item')).toBeNull());
    expect(screen.getByText('No notes yet.')).toHaveFocus();
  });

  it('goes to what replaced a closed form', async () => {
    const { user } = await renderSidebar();
    await user.click(screen.getByRole('button', { name: 'Mark do-not-contact…' }));
    await user.type(screen.getByLabelText('Why should nobody contact this person?'), 'Asked us to stop{Enter}');
    expect(await screen.findByRole('button', { name: 'Clear do-not-contact' })).toHaveFocus();
  });
});

describe('the collapsed tab', () => {
  it('names the warnings, tells the toolbar badge, and opens the sidebar once for a do-not-contact person', async () => {
    const frame = fakeFrame();
    const { user, me } = await renderSidebar(frame);
    const tab = screen.getByTestId('collapsed-tab');
    expect(tab).toHaveAccessibleName('Show Tandem sidebar (Alt+Shift+T)');
    await waitFor(() => expect(frame.reportWarnings).toHaveBeenLastCalledWith({ profileKey: 'linkedin:ada-lovelace', kinds: [] }));

    await user.click(screen.getByRole('button', { name: 'InMail sent' }));
    await waitFor(() => expect(tab).toHaveAccessibleName('Show Tandem: 1 warning: Already contacted (Alt+Shift+T)'));
    expect(tab).toHaveAttribute('data-level', 'warning');
    // Told to the frame in an effect after the render that names it.
    await waitFor(() => expect(frame.reportWarnings).toHaveBeenLastCalledWith({ profileKey: 'linkedin:ada-lovelace', kinds: ['recent_outreach'] }));
    expect(frame.reveal).not.toHaveBeenCalled();

    const prospect = await findProspectByKey(db, 'linkedin:ada-lovelace');
    await act(async () => void (await mutate(db, prospectSetDoNotContact, { prospectId: prospect!.id, reason: 'Asked us to stop' }, me)));
    await waitFor(() => expect(tab).toHaveAccessibleName('Show Tandem: 2 warnings: Do not contact, Already contacted (Alt+Shift+T)'));
    expect(tab).toHaveAttribute('data-level', 'severe');
    await waitFor(() => expect(frame.reveal).toHaveBeenCalledTimes(1));

    // A member who collapses it again has seen it: later changes do not open it again.
    await user.click(screen.getByRole('button', { name: 'Call' }));
    await user.click(await screen.findByRole('button', { name: /^Log the .* anyway$/ }));
    await waitFor(() => expect(screen.getAllByTestId('activity-item')[0]).toHaveTextContent('You called'));
    expect(frame.reveal).toHaveBeenCalledTimes(1);

    await user.click(tab);
    expect(frame.setOpen).toHaveBeenCalledWith(true);
    await user.click(screen.getByRole('button', { name: 'Hide sidebar (Alt+Shift+T)' }));
    expect(frame.setOpen).toHaveBeenLastCalledWith(false);
  });
});

describe('the sidebar’s width', () => {
  it('is set in Options: narrow, and pushing the page aside', async () => {
    const user = userEvent.setup();
    render(<SidebarLayoutFields />);
    await user.selectOptions(screen.getByLabelText('Sidebar width'), 'narrow');
    await waitFor(async () => expect(await sidebarLayout.getValue()).toEqual({ width: 'narrow', push: false }));
    await user.click(screen.getByLabelText('Push the page aside instead of covering it'));
    await waitFor(async () => expect(await sidebarLayout.getValue()).toEqual({ width: 'narrow', push: true }));
  });

  it('switches from the sidebar itself, and follows a change made elsewhere', async () => {
    const user = userEvent.setup();
    render(<WidthButton />);
    await user.click(await screen.findByRole('button', { name: 'Narrower sidebar' }));
    await waitFor(async () => expect(await sidebarLayout.getValue()).toEqual({ width: 'narrow', push: false }));
    expect(screen.getByRole('button', { name: 'Wider sidebar' })).toBeInTheDocument();
    await act(async () => void (await sidebarLayout.setValue({ width: 'standard', push: true })));
    expect(await screen.findByRole('button', { name: 'Narrower sidebar' })).toBeInTheDocument();
  });
});

describe('focus on the start', () => {
  it('stays on the person’s name when it is drawn again elsewhere, even if it was focused before the sidebar started watching', async () => {
    const header = () => {
      const h = document.createElement('header');
      const name = document.createElement('h1');
      name.dataset.testid = 'prospect-name';
      name.textContent = 'Ada Lovelace';
      h.append(name);
      return h;
    };
    const root = document.createElement('div');
    const gate = document.createElement('div');
    gate.append(header());
    root.append(gate);
    document.body.append(root);
    focusStart(document);
    const stop = keepFocusInside(root);
    // The suppression check answered: the panel draws its own header, with buttons after it.
    const panel = document.createElement('div');
    const button = document.createElement('button');
    button.textContent = 'InMail sent';
    panel.append(header(), button);
    root.replaceChildren(panel);
    await waitFor(() => expect(root.querySelector('[data-testid="prospect-name"]')).toHaveFocus());
    stop();
    root.remove();
  });
});

describe('the first paint', () => {
  it('hands the keyboard on to the app when the app replaces it', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    paintFirst(container, { status: 'identified', identity: identity() });
    focusStart(document);
    expect(document.activeElement?.textContent).toBe(identity().name);

    await renderSidebar();
    removeFirstPaint();
    expect(document.getElementById(FIRST_PAINT_ID)).toBeNull();
    expect(screen.getByTestId('prospect-name')).toHaveFocus();
    container.remove();
  });

  it('takes a request that came before anything was painted to the name, then on to the app', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    requestSidebarFocus(document);
    expect(document.activeElement).toBe(document.body);
    paintFirst(container, { status: 'identified', identity: identity() });
    focusAfterPaint(document);
    expect(document.activeElement?.textContent).toBe(identity().name);

    await renderSidebar();
    removeFirstPaint();
    expect(screen.getByTestId('prospect-name')).toHaveFocus();
    container.remove();
  });

  it('takes a request that came with nothing painted to the app’s start when there is no first paint', async () => {
    requestSidebarFocus(document);
    await renderSidebar();
    removeFirstPaint();
    expect(screen.getByTestId('prospect-name')).toHaveFocus();
  });

  it('tries again when the frame opens to its width, if the start was still hidden (collapsed) when asked', async () => {
    await renderSidebar();
    // Collapsed, the name is not rendered and cannot take focus: the browser ignores focus().
    const ignored = vi.spyOn(HTMLElement.prototype, 'focus').mockImplementationOnce(() => undefined);
    requestSidebarFocus(document);
    expect(document.activeElement).toBe(document.body);
    ignored.mockRestore();
    window.dispatchEvent(new Event('resize'));
    expect(screen.getByTestId('prospect-name')).toHaveFocus();
  });

  it('drops a waiting request when the keyboard went somewhere meanwhile', async () => {
    requestSidebarFocus(document);
    const { user } = await renderSidebar();
    await user.click(screen.getByTestId('note-input'));
    removeFirstPaint();
    expect(screen.getByTestId('note-input')).toHaveFocus();
    // And it is not kept for a later paint either.
    (document.activeElement as HTMLElement).blur();
    focusAfterPaint(document);
    expect(document.activeElement).toBe(document.body);
  });

  it('leaves focus alone when the keyboard was elsewhere', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    paintFirst(container, { status: 'identified', identity: identity() });
    const { user } = await renderSidebar();
    await user.click(screen.getByTestId('note-input'));
    removeFirstPaint();
    expect(screen.getByTestId('note-input')).toHaveFocus();
    container.remove();
  });
});
