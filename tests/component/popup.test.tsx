import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PopupApp } from '@/components/popup/popup-app';
import type { ActiveTab } from '@/components/popup/use-active-tab';
import { DbProvider } from '@/components/ui/db-context';
import { activityLog, mutate, noteAdd, prospectUpsert } from '@/lib/mutations';
import { freshDb, identity, member, signInAs } from '../support/db';

const onProfile: ActiveTab = { phase: 'ready', tabId: 3, state: { status: 'identified', url: 'u', at: 0, identity: identity() } };

describe('popup', () => {
  it("shows the current tab's person with the team's counts", async () => {
    const db = freshDb();
    const ctx = member();
    await signInAs(db, ctx);
    const { result: prospectId } = await mutate(db, prospectUpsert, { identity: identity() }, ctx);
    await mutate(db, noteAdd, { prospectId: prospectId!, body: 'a' }, ctx);
    await mutate(db, noteAdd, { prospectId: prospectId!, body: 'mine', visibility: 'private' }, member());
    await mutate(db, activityLog, { prospectId: prospectId!, kind: 'outreach', data: { channel: 'email' } }, ctx);
    const onShow = vi.fn();
    render(
      <DbProvider db={db}>
        <PopupApp active={onProfile} onShowSidebar={onShow} />
      </DbProvider>,
    );
    expect(screen.getByTestId('popup-name')).toHaveTextContent('Ada Lovelace');
    const counts = await screen.findByTestId('popup-counts');
    expect(within(counts).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['1 activity', '1 note', '1 warning']);
    await userEvent.click(screen.getByRole('button', { name: 'Show sidebar' }));
    expect(onShow).toHaveBeenCalledWith(3);
  });

  it('says when the tab shows nobody, or someone it cannot identify', () => {
    const db = freshDb();
    const { rerender } = render(
      <DbProvider db={db}>
        <PopupApp active={{ phase: 'ready', tabId: 1, state: null }} />
      </DbProvider>,
    );
    expect(screen.getByText(/does not show a profile/)).toBeInTheDocument();
    rerender(
      <DbProvider db={db}>
        <PopupApp active={{ phase: 'ready', tabId: 1, state: { status: 'unidentified', url: 'u', at: 0 } }} />
      </DbProvider>,
    );
    expect(screen.getByText(/could not identify/)).toBeInTheDocument();
  });
});
