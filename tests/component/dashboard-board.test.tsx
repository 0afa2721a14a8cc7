import { cleanup, screen, within } from '@testing-library/react';
import { ulid } from 'ulidx';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RelativeTime } from '@/components/ui/relative-time';
import { useUndo } from '@/components/ui/undo-store';
import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import { mutate } from '@/lib/db/mutate';
import type { PipelineStatus, ReviewRequest } from '@/lib/model';
import { pipelineMove, prospectUpsert, requisitionSave } from '@/lib/mutations';
import { arrived, freshDb, identity, member, signInAs } from '../support/db';
import { renderDashboard } from '../support/render-dashboard';

// Every card draws one RelativeTime (its last activity): counting those counts cards drawn.
const drawn = vi.hoisted(() => ({ cards: 0 }));
vi.mock('@/components/ui/relative-time', async (original) => {
  const real = await original<{ RelativeTime: typeof RelativeTime }>();
  return { RelativeTime: (props: Parameters<typeof RelativeTime>[0]) => (drawn.cards++, real.RelativeTime(props)) };
});

const DAY = 86_400_000;
const HOUR = 3_600_000;
const STAGES = ['Sourced', 'Screen', 'Onsite'];

let db: TandemDB;
let riley: ReturnType<typeof member>;
let hannah: ReturnType<typeof member>;
let now: number;

beforeEach(async () => {
  db = freshDb();
  now = Date.now();
  riley = member('recruiter', 'Riley Recruiter');
  hannah = member('hiring_manager', 'Hannah Manager');
  await arrived(db, 'members', { id: hannah.me.memberId, teamId: 'local', version: 1, deletedAt: null, name: hannah.me.name, email: 'hannah@example.com', role: 'hiring_manager' });
  await signInAs(db, riley);
});

afterEach(() => {
  cleanup();
  useUndo.getState().dismiss();
  db.close();
  window.history.replaceState(null, '', '/');
});

async function openRequisition(status: 'open' | 'closed' = 'open') {
  const { result } = await mutate(db, requisitionSave, { title: 'Backend Engineer', hiringManagerId: hannah.me.memberId, recruiterIds: [riley.me.memberId], mustHaves: [], niceToHaves: [], targetHires: 1, targetDate: null, stages: STAGES, status: 'open' }, riley);
  if (status === 'closed') await mutate(db, requisitionSave, { id: result!, title: 'Backend Engineer', hiringManagerId: hannah.me.memberId, stages: STAGES, status: 'closed' }, riley);
  return result!;
}

async function person(name: string, headline = `${name}'s headline`) {
  const { result } = await mutate(db, prospectUpsert, { identity: identity(name.toLowerCase().replace(/ /g, '-'), { name, headline }) }, riley);
  return result!;
}

/** Moves a person through stages at given days ago (the last one may close the entry). */
async function history(requisitionId: string, prospectId: string, steps: [stage: string, daysAgo: number, status?: PipelineStatus][]) {
  for (const [stage, daysAgo, status = 'active'] of steps) {
    await mutate(db, pipelineMove, { prospectId, requisitionId, stage, status, reason: status === 'rejected' ? 'Not enough Go' : null, at: now - daysAgo * DAY }, riley);
  }
}

function request(requisitionId: string, prospectIds: string[], dueAt: number): ReviewRequest {
  return { id: ulid(), teamId: 'local', version: 1, deletedAt: null, requisitionId, requesterId: riley.me.memberId, reviewerId: ulid(), prospectIds, message: '', createdAt: dueAt - 48 * HOUR, dueAt, status: 'open', reassignedFrom: null, history: [] };
}

/**
 * Screen's median, over the people who left it, is 2 days (stays of 2 and 4; nearest rank takes
 * the lower middle): Ada, 10 days there, needs attention. Dan waits on a review past due, Eve on
 * one that is not; Fay was rejected.
 */
async function team() {
  const req = await openRequisition();
  const [ada, ben, cy, dan, eve, fay] = await Promise.all(['Ada Lovelace', 'Ben Okafor', 'Cy Tan', 'Dan Wu', 'Eve Moss', 'Fay Bloom'].map((n) => person(n)));
  await history(req, ada!, [['Sourced', 12], ['Screen', 10]]);
  await history(req, ben!, [['Screen', 5], ['Onsite', 3]]);
  await history(req, cy!, [['Screen', 6], ['Onsite', 2]]);
  await history(req, dan!, [['Sourced', 1]]);
  await history(req, eve!, [['Sourced', 1]]);
  await history(req, fay!, [['Screen', 3], ['Screen', 1, 'rejected']]);
  await arrived(db, 'reviewRequests', request(req, [dan!], now - 2 * HOUR), request(req, [eve!], now + 24 * HOUR));
  return { req, ada: ada!, ben: ben!, cy: cy!, dan: dan!, eve: eve!, fay: fay! };
}

const renderBoard = (req: string) => renderDashboard(db, `#board/${req}`);

const column = (stage: string) => screen.getAllByTestId('board-column').find((c) => c.dataset.stage === stage)!;
const count = (stage: string) => Number(document.querySelector(`[data-metric="board-count:${stage}"]`)?.getAttribute('data-value'));
const namesIn = (stage: string) => within(column(stage)).queryAllByTestId('board-card').map((c) => c.querySelector('.board-card-name')!.textContent);
const card = (prospectId: string) => screen.getAllByTestId('board-card').find((c) => c.dataset.prospectId === prospectId)!;
const marks = (prospectId: string) => [...card(prospectId).querySelectorAll('[data-mark]')].map((m) => m.getAttribute('data-mark'));

describe('BoardView', () => {
  it('shows a column per stage with its count, the cards with days in stage, last activity and marks, and the closed apart', async () => {
    const { req, ada, ben, dan, eve, fay } = await team();
    renderBoard(req);
    await screen.findAllByTestId('board-card');
    expect(screen.getAllByTestId('board-column').map((c) => c.dataset.stage)).toEqual(STAGES);
    expect(STAGES.map(count)).toEqual([2, 1, 2]);
    expect(namesIn('Sourced')).toEqual(['Dan Wu', 'Eve Moss']);
    expect(namesIn('Screen')).toEqual(['Ada Lovelace']);
    // Longest in stage first.
    expect(namesIn('Onsite')).toEqual(['Ben Okafor', 'Cy Tan']);
    expect(card(ada)).toHaveTextContent("Ada Lovelace's headline");
    expect(Number(card(ada).querySelector('[data-metric^="days-in-stage:"]')!.getAttribute('data-value'))).toBeCloseTo(10, 3);
    expect(card(ada)).toHaveTextContent('10 days in stage · last activity 10 days ago');
    expect(card(ben)).toHaveTextContent('3 days in stage');
    expect(marks(ada)).toEqual(['needs-attention']);
    expect(marks(ben)).toEqual([]);
    expect(marks(dan)).toEqual(['review-overdue']);
    expect(card(dan)).toHaveTextContent('Review overdue');
    expect(marks(eve)).toEqual(['waiting-on-review']);
    expect(card(eve)).toHaveTextContent('Waiting on review');
    // Fay's process ended: counted under Closed, in no column.
    expect(screen.queryAllByTestId('board-card').some((c) => c.dataset.prospectId === fay)).toBe(false);
    const closed = screen.getByTestId('board-closed');
    expect(closed.querySelector('[data-metric="board-closed:rejected"]')).toHaveAttribute('data-value', '1');
    expect(closed.querySelector('[data-metric="board-closed"]')).toHaveAttribute('data-value', '1');
    expect(within(closed).getByText('Fay Bloom')).toBeInTheDocument();
  });

  it('moves a person with the keyboard through “Move to…”: a pipeline.move, drawn at once, with an undo', async () => {
    const { req, ben } = await team();
    const user = renderBoard(req);
    const button = await screen.findByRole('button', { name: 'Move to… (Ben Okafor)' });
    button.focus();
    await user.keyboard('{Enter}');
    const menu = screen.getByRole('menu', { name: 'Move Ben Okafor to' });
    expect(within(menu).getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Sourced', 'Screen']);
    expect(within(menu).getByRole('menuitem', { name: 'Sourced' })).toHaveFocus();
    await user.keyboard('{ArrowDown}{Enter}');
    expect(namesIn('Screen')).toContain('Ben Okafor');
    expect(namesIn('Onsite')).toEqual(['Cy Tan']);
    expect(card(ben).dataset.stage).toBe('Screen');
    // The focus follows the card to its new column.
    expect(screen.getByRole('button', { name: 'Move to… (Ben Okafor)' })).toHaveFocus();
    // Drawn before the write commits; the write follows.
    await expect.poll(async () => (await db.outbox.toArray()).at(-1)).toMatchObject({ name: 'pipeline.move', args: { prospectId: ben, requisitionId: req, stage: 'Screen', status: 'active' } });
    await expect.poll(() => count('Screen')).toBe(2);
    expect(count('Onsite')).toBe(1);

    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    // Back at Onsite, a new stay: 0 days, after Cy's 2.
    await expect.poll(() => namesIn('Onsite')).toEqual(['Cy Tan', 'Ben Okafor']);
    await expect.poll(async () => (await db.outbox.toArray()).at(-1)).toMatchObject({ name: 'pipeline.move', args: { prospectId: ben, stage: 'Onsite' } });
  });

  it('draws again only the card that moved, not the whole board', async () => {
    const { req, ben } = await team();
    const user = renderBoard(req);
    await screen.findAllByTestId('board-card');
    // Let the first reads settle (the dashboard's own queries redraw the view once or twice).
    await new Promise((r) => setTimeout(r, 300));
    drawn.cards = 0;
    await user.click(screen.getByRole('button', { name: 'Move to… (Ben Okafor)' }));
    await user.click(screen.getByRole('menuitem', { name: 'Sourced' }));
    await expect.poll(async () => (await db.pipeline.toArray()).find((e) => e.prospectId === ben)?.stage).toBe('Sourced');
    await new Promise((r) => setTimeout(r, 300));
    expect(namesIn('Sourced')).toContain('Ben Okafor');
    // Ben, drawn in his new column, then again with his days there once the move landed; five others untouched.
    expect(drawn.cards).toBeLessThanOrEqual(3);
  });

  it('filters to who needs attention, keeping every column’s count', async () => {
    const { req } = await team();
    const user = renderBoard(req);
    await screen.findAllByTestId('board-card');
    await user.click(screen.getByRole('checkbox', { name: 'Only who needs attention' }));
    expect(namesIn('Sourced')).toEqual(['Dan Wu']);
    expect(namesIn('Screen')).toEqual(['Ada Lovelace']);
    expect(namesIn('Onsite')).toEqual([]);
    expect(STAGES.map(count)).toEqual([2, 1, 2]);
    expect(within(column('Sourced')).getByRole('heading')).toHaveTextContent('1 of 2');
    expect(column('Onsite')).toHaveTextContent('Nobody here needs attention.');
  });

  it('explains a refused move and puts the card back', async () => {
    const { req, ada } = await team();
    const user = renderBoard(req);
    await screen.findAllByTestId('board-card');
    const outboxBefore = await db.outbox.count();
    await db.local.put({ key: LOCAL_KEYS.signedOut, value: { teamId: riley.me.teamId, teamName: 'Acme', memberId: riley.me.memberId, at: now } });
    await user.click(screen.getByRole('button', { name: 'Move to… (Ada Lovelace)' }));
    await user.click(screen.getByRole('menuitem', { name: 'Onsite' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Ada Lovelace stays at Screen: you are signed out: sign in to Acme again/);
    expect(namesIn('Screen')).toEqual(['Ada Lovelace']);
    expect(card(ada).dataset.stage).toBe('Screen');
    expect(await db.outbox.count()).toBe(outboxBefore);
  });

  it('is read only for hiring managers, and on a closed requisition, saying why', async () => {
    const req = await openRequisition('closed');
    const ada = await person('Ada Lovelace');
    await arrived(db, 'pipeline', { id: ulid(), teamId: 'local', version: 1, deletedAt: null, prospectId: ada, requisitionId: req, stage: 'Screen', status: 'active', reason: null, declinedOffer: null, updatedAt: now });
    renderBoard(req);
    expect(await screen.findByText(/Backend Engineer is closed: reopen it on the Requisitions page to move people\./)).toBeInTheDocument();
    expect(await screen.findAllByTestId('board-card')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: /^Move / })).toBeNull();
    cleanup();

    await signInAs(db, hannah);
    renderBoard(req);
    expect(await screen.findByText(/Hiring managers see the board; recruiters, sourcers and admins move people on it\./)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Move / })).toBeNull();
  });
});
