import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ulid } from 'ulidx';
import { afterEach, describe, expect, it } from 'vitest';
import { SidebarApp } from '@/components/sidebar/sidebar-app';
import { DbProvider } from '@/components/ui/db-context';
import { useUndo } from '@/components/ui/undo-store';
import type { TandemDB } from '@/lib/db/database';
import { findProspectByKey } from '@/lib/db/queries';
import { type PipelineEntry, type Requisition, pipelineEntryId } from '@/lib/model';
import { arrived, freshDb, identity, member, signInAs } from '../support/db';

let db: TandemDB;
const person = identity();

function requisition(patch: Partial<Requisition> = {}): Requisition {
  return {
    id: ulid(), teamId: 'local', version: 1, deletedAt: null, title: 'Staff Platform Engineer', hiringManagerId: ulid(), recruiterIds: [],
    mustHaves: [], niceToHaves: [], feedbackSlaHours: 48, targetHires: 1, targetDate: null, stages: ['Sourced', 'Screen', 'Onsite', 'Offer'], status: 'open', createdAt: 1, ...patch,
  };
}

/** The sidebar on Ada's profile for a member of `role`, with requisitions (and Ada's entries) from the server. */
async function renderSidebar(role: Parameters<typeof member>[0], requisitions: Requisition[], entries: Omit<PipelineEntry, 'id' | 'teamId' | 'version' | 'deletedAt' | 'prospectId'>[] = []) {
  db = freshDb();
  const me = member(role, 'Riley Recruiter');
  await signInAs(db, me);
  await arrived(db, 'requisitions', ...requisitions);
  const view = render(
    <DbProvider db={db}>
      <SidebarApp connection={{ phase: 'ready', state: { status: 'identified', url: person.url, at: 0, identity: person } }} />
    </DbProvider>,
  );
  if (entries.length) {
    await waitFor(async () => expect(await findProspectByKey(db, person.key)).toBeDefined());
    const prospectId = (await findProspectByKey(db, person.key))!.id;
    await arrived(db, 'pipeline', ...entries.map((e) => ({ ...e, id: pipelineEntryId(prospectId, e.requisitionId), teamId: 'local', version: 2, deletedAt: null, prospectId })));
  }
  return { ...view, user: userEvent.setup() };
}

const stageSelect = () => screen.findByRole('combobox', { name: 'Stage for Staff Platform Engineer' });
const feed = () => screen.getByTestId('activity-feed');

afterEach(() => {
  useUndo.getState().dismiss();
  db?.close();
});

describe('the sidebar pipeline', () => {
  it('adds the person to a requisition at a stage, focuses the stage, and says it in the feed and the guard', async () => {
    const req = requisition();
    const { user } = await renderSidebar('recruiter', [req, requisition({ title: 'Closed role', status: 'closed' })]);
    await user.click(await screen.findByRole('button', { name: 'Add to a requisition' }));
    const form = screen.getByRole('form', { name: 'Add to a requisition' });
    const requisitions = within(form).getByRole('combobox', { name: 'Requisition' });
    expect(requisitions).toHaveFocus();
    expect(within(requisitions).getAllByRole('option').map((o) => o.textContent)).toEqual(['Staff Platform Engineer']);
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Stage' }), 'Screen');
    await user.click(within(form).getByRole('button', { name: 'Add' }));
    const stage = await stageSelect();
    expect(stage).toHaveValue('stage:Screen');
    await waitFor(() => expect(stage).toHaveFocus());
    expect(screen.getByTestId('outreach-warning')).toHaveTextContent('In process for Staff Platform Engineer at Screen.');
    await waitFor(() => expect(within(feed()).getAllByTestId('activity-item')[0]).toHaveTextContent(/^You added Ada Lovelace to Staff Platform Engineer at Screen/));
    // Nowhere else to add them: every open requisition has them.
    expect(screen.queryByRole('button', { name: 'Add to a requisition' })).toBeNull();
  });

  it('moves only when asked: choosing a stage prepares it, Move makes it, Esc puts the select back', async () => {
    const req = requisition();
    const { user } = await renderSidebar('sourcer', [req], [{ requisitionId: req.id, stage: 'Screen', status: 'active', reason: null, declinedOffer: null, updatedAt: 1 }]);
    const stage = await stageSelect();
    await user.selectOptions(stage, 'Offer');
    expect(await db.activities.filter((a) => a.kind === 'stage_changed').count()).toBe(0);
    await user.keyboard('{Escape}');
    expect(stage).toHaveValue('stage:Screen');
    expect(screen.queryByTestId('pipeline-move')).toBeNull();
    await user.selectOptions(stage, 'Onsite');
    await user.click(screen.getByRole('button', { name: 'Move' }));
    await waitFor(() => expect(within(feed()).getAllByTestId('activity-item')[0]).toHaveTextContent(/^You moved Ada Lovelace to Onsite for Staff Platform Engineer/));
    expect(stage).toHaveValue('stage:Onsite');
    expect(screen.getByTestId('outreach-warning')).toHaveTextContent('In process for Staff Platform Engineer at Onsite.');
  });

  it('asks why before rejecting (Esc cancels back to the stage), then says so in the feed and the guard', async () => {
    const req = requisition();
    const { user } = await renderSidebar('recruiter', [req], [{ requisitionId: req.id, stage: 'Onsite', status: 'active', reason: null, declinedOffer: null, updatedAt: 1 }]);
    const stage = await stageSelect();
    await user.selectOptions(stage, 'Rejected by us…');
    await user.click(screen.getByRole('button', { name: 'Reject…' }));
    const reason = screen.getByRole('textbox', { name: 'Why are we rejecting them?' });
    expect(reason).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Reject for Staff Platform Engineer' })).toBeNull();
    await waitFor(() => expect(stage).toHaveFocus());
    expect(stage).toHaveValue('stage:Onsite');

    await user.selectOptions(stage, 'Rejected by us…');
    await user.click(screen.getByRole('button', { name: 'Reject…' }));
    const form = screen.getByRole('form', { name: 'Reject for Staff Platform Engineer' });
    expect(within(form).getByRole('button', { name: 'Mark rejected' })).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: 'Why are we rejecting them?' }), 'Not enough Go');
    await user.click(within(form).getByRole('button', { name: 'Mark rejected' }));
    await waitFor(() => expect(within(feed()).getAllByTestId('activity-item')[0]).toHaveTextContent(/^You rejected Ada Lovelace for Staff Platform Engineer: Not enough Go/));
    expect(stage).toHaveValue('close:rejected');
    expect(screen.getByTestId('pipeline-status')).toHaveTextContent('Rejected by us at Onsite: Not enough Go');
    expect(screen.getByTestId('outreach-warning')).toHaveTextContent(/Rejected by us for Staff Platform Engineer just now: Not enough Go\./);
    // Reopening is choosing a stage again.
    await user.selectOptions(stage, 'Screen');
    await user.click(screen.getByRole('button', { name: 'Reopen' }));
    await waitFor(() => expect(within(feed()).getAllByTestId('activity-item')[0]).toHaveTextContent(/^You reopened Ada Lovelace for Staff Platform Engineer at Screen/));
  });

  it('records a declined offer with the candidate’s reason from the list', async () => {
    const req = requisition();
    const { user } = await renderSidebar('recruiter', [req], [{ requisitionId: req.id, stage: 'Offer', status: 'active', reason: null, declinedOffer: null, updatedAt: 1 }]);
    await user.selectOptions(await stageSelect(), 'Withdrew…');
    await user.click(screen.getByRole('button', { name: 'Record withdrawal…' }));
    // At the offer stage a withdrawal starts as a declined offer.
    expect(screen.getByRole('combobox', { name: 'What happened?' })).toHaveValue('declined');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Their reason' }), 'Compensation');
    await user.click(screen.getByRole('button', { name: 'Record withdrawal' }));
    await waitFor(() => expect(within(feed()).getAllByTestId('activity-item')[0]).toHaveTextContent(/^You noted Ada Lovelace withdrew from Staff Platform Engineer: declined the offer \(compensation\)/));
    expect(screen.getByTestId('outreach-warning')).toHaveTextContent('Withdrew from Staff Platform Engineer just now: declined the offer (compensation).');
    const [entry] = await db.pipeline.toArray();
    expect(entry).toMatchObject({ stage: 'Offer', status: 'withdrew', declinedOffer: 'compensation', reason: null });
  });

  it('marks a hire, which the guard keeps saying', async () => {
    const req = requisition();
    const { user } = await renderSidebar('admin', [req], [{ requisitionId: req.id, stage: 'Offer', status: 'active', reason: null, declinedOffer: null, updatedAt: 1 }]);
    await user.selectOptions(await stageSelect(), 'Hired');
    await user.click(screen.getByRole('button', { name: 'Mark hired' }));
    await waitFor(() => expect(screen.getByTestId('outreach-warning')).toHaveTextContent('Hired for Staff Platform Engineer just now.'));
    expect(within(feed()).getAllByTestId('activity-item')[0]).toHaveTextContent(/^You marked Ada Lovelace hired for Staff Platform Engineer/);
  });

  it('shows a hiring manager the stage as text, with nothing to move or add', async () => {
    const req = requisition();
    await renderSidebar('hiring_manager', [req, requisition({ title: 'Data Engineer' })], [{ requisitionId: req.id, stage: 'Onsite', status: 'active', reason: null, declinedOffer: null, updatedAt: 1 }]);
    expect(await screen.findByTestId('pipeline-stage-text')).toHaveTextContent('Staff Platform Engineer: Onsite');
    expect(screen.queryByTestId('pipeline-stage')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add to a requisition' })).toBeNull();
  });

  it('keeps right-to-left titles and stages in their own direction', async () => {
    const req = requisition({ title: 'مهندس منصات', stages: ['مقابلة أولى', 'عرض'] });
    await renderSidebar('hiring_manager', [req], [{ requisitionId: req.id, stage: 'مقابلة أولى', status: 'active', reason: null, declinedOffer: null, updatedAt: 1 }]);
    const text = await screen.findByTestId('pipeline-stage-text');
    expect([...text.querySelectorAll('[dir="auto"]')].map((e) => e.textContent)).toEqual(['مهندس منصات', 'مقابلة أولى']);
  });
});
