import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { PopupApp } from '@/components/popup/popup-app';
import { RequisitionsApp } from '@/components/requisitions/requisitions-app';
import { ReviewApp } from '@/components/review/review-app';
import { SidebarApp } from '@/components/sidebar/sidebar-app';
import { DbProvider } from '@/components/ui/db-context';
import type { TandemDB } from '@/lib/db/database';
import { addToTray } from '@/lib/review/batch-tray';
import type { ProspectIdentity } from '@/lib/model';
import { freshDb, signInAs } from '../support/db';
import { expectRtlIsolated, seedRtlTeam } from '../support/rtl';

let db: TandemDB;
afterEach(() => {
  db.close();
  window.history.replaceState(null, '', '/');
});

const page = (ui: React.ReactNode) => render(<DbProvider db={db}>{ui}</DbProvider>);
const onProfile = (identity: ProspectIdentity) => ({ status: 'identified' as const, url: identity.url, at: 0, identity });

describe('right-to-left text reads right to left everywhere (dir="auto")', () => {
  it('in the sidebar: header, guard, notes, feed, review batch', async () => {
    db = freshDb();
    const team = await seedRtlTeam(db);
    await addToTray(db, team.requisitionId, team.otherId);
    page(<SidebarApp connection={{ phase: 'ready', state: onProfile(team.person) }} />);
    const guard = await screen.findByTestId('outreach-warning');
    await waitFor(() => expect(within(guard).getAllByRole('listitem').map((li) => li.dataset.warning)).toEqual(['do_not_contact', 'rejected', 'not_interested', 'in_process', 'open_review', 'open_review', 'recent_outreach']));
    await waitFor(() => expect(screen.getAllByTestId('note-item')).toHaveLength(2));
    await screen.findByTestId('batch-tray');
    await screen.findByTestId('already-in-review');
    expectRtlIsolated();
  });

  it('in the sidebar of the hiring manager the review waits for', async () => {
    db = freshDb();
    const team = await seedRtlTeam(db);
    await signInAs(db, team.hm);
    page(<SidebarApp connection={{ phase: 'ready', state: onProfile(team.other) }} />);
    await screen.findByTestId('sidebar-review');
    await screen.findByTestId('review-scorecard');
    expectRtlIsolated();
  });

  it('on the review page and the list of reviews', async () => {
    db = freshDb();
    const team = await seedRtlTeam(db);
    await signInAs(db, team.hm);
    const view = page(<ReviewApp requestId={team.decidedRequestId} />);
    // It opens on the person still waiting; K goes back to the one decided, with the team's notes.
    await waitFor(() => expect(screen.getByTestId('review-person-name')).toHaveTextContent(team.other.name));
    expectRtlIsolated();
    await userEvent.setup().keyboard('k');
    await waitFor(() => expect(screen.getByTestId('review-person-name')).toHaveTextContent(team.person.name));
    await screen.findByTestId('review-notes');
    await screen.findByTestId('review-decision');
    expectRtlIsolated();
    view.unmount();
    page(<ReviewApp requestId={null} />);
    await screen.findByTestId('review-inbox-item');
    expectRtlIsolated();
  });

  it('in the popup', async () => {
    db = freshDb();
    const team = await seedRtlTeam(db);
    await signInAs(db, team.hm);
    page(<PopupApp active={{ phase: 'ready', tabId: 1, state: onProfile(team.person) }} />);
    await screen.findByTestId('popup-reviews');
    await screen.findByTestId('popup-follow-ups');
    await screen.findByTestId('popup-counts');
    expectRtlIsolated();
  });

  it('on the requisitions page', async () => {
    db = freshDb();
    const team = await seedRtlTeam(db);
    window.history.replaceState(null, '', `/requisitions.html#${team.requisitionId}`);
    page(<RequisitionsApp />);
    await waitFor(() => expect(screen.getAllByTestId('review-request')).toHaveLength(2));
    await waitFor(() => expect(screen.getAllByTestId('request-result').map((p) => p.textContent)).toContain('0 approved, 1 rejected; most given reason: لغة غو'));
    expectRtlIsolated();
  });
});
