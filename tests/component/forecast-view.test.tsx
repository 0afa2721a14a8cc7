import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForecastView } from '@/components/dashboard/forecast/forecast-view';
import { DbProvider } from '@/components/ui/db-context';
import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import { LOCAL_TEAM_ID, type Me, type Member, type Requisition } from '@/lib/model';
import { arrived, freshDb } from '../support/db';
import { day, history, move, requisition } from '../unit/metrics/fixtures';

// The forecast's hand-computed table (tests/unit/metrics/forecast.test.ts), under ids the mutations accept.
const REQ = '01JD00000000000000000000RQ';
const OLD = '01JD00000000000000000000D0';
const HM = '01JD00000000000000000000HM';
const REC = '01JD0000000000000000000REC';

const req = requisition({ id: REQ, hiringManagerId: HM, recruiterIds: [REC], targetHires: 2, targetDate: day(25) });
const old = requisition({ id: OLD, hiringManagerId: HM, recruiterIds: [REC], stages: ['Sourced', 'Onsite', 'Offer', 'Hired'], status: 'closed' });
const on = (p: string, d: number, from: string | null, to: string, status: 'active' | 'hired' | 'rejected' | 'withdrew' = 'active') => move(p, d, from, to, status, { requisitionId: OLD });
const moves = [
  ...history.map((m) => ({ ...m, requisitionId: m.requisitionId === 'REQ' ? REQ : m.requisitionId })),
  on('O1', 0, null, 'Sourced'), on('O1', 1, 'Sourced', 'Onsite'), on('O1', 3, 'Onsite', 'Offer'), on('O1', 5, 'Offer', 'Hired', 'hired'),
  on('O2', 0, null, 'Sourced'), on('O2', 2, 'Sourced', 'Onsite'), on('O2', 4, 'Onsite', 'Offer'), on('O2', 5, 'Offer', 'Offer', 'withdrew'),
  on('O3', 0, null, 'Sourced'), on('O3', 1, 'Sourced', 'Onsite'), on('O3', 4, 'Onsite', 'Onsite', 'rejected'),
];

const member = (id: string, role: Member['role']): Member => ({ id, teamId: 'team', version: 1, deletedAt: null, name: role, email: `${role}@example.com`, role });

let db: TandemDB;

beforeEach(async () => {
  db = freshDb();
  await arrived(db, 'members', member(HM, 'hiring_manager'), member(REC, 'recruiter'));
  await arrived(db, 'requisitions', req, old);
  await arrived(db, 'activities', ...moves);
});

afterEach(() => {
  cleanup();
  db.close();
});

async function renderForecast(role: Me['role'], memberId: string) {
  // The device's own team (no server session), where mutations are recorded without signing in.
  const me: Me = { memberId, teamId: LOCAL_TEAM_ID, name: role, email: `${role}@example.com`, role };
  await db.local.put({ key: LOCAL_KEYS.me, value: me });
  const user = userEvent.setup();
  const view = (requisition: Requisition) => <ForecastView me={me} members={[]} requisitions={[req, old]} requisition={requisition} route={{ view: 'forecast', requisitionId: requisition.id }} now={day(20)} navigate={() => {}} />;
  const { rerender } = render(<DbProvider db={db}>{view(req)}</DbProvider>);
  return { user, rerender: (r: Requisition) => rerender(<DbProvider db={db}>{view(r)}</DbProvider>) };
}

const value = (name: string) => document.querySelector(`[data-metric="${name}"]`)?.getAttribute('data-value');

describe('ForecastView', () => {
  it('shows the hand-computed forecast for the requisition’s hires and date, says the date is not realistic and which stages used the team’s history', async () => {
    await renderForecast('recruiter', REC);
    expect(await screen.findByRole('heading', { name: 'Forecast: Backend engineer' })).toBeInTheDocument();
    expect(screen.getByRole('spinbutton', { name: 'Hires needed' })).toHaveValue(2);
    expect(screen.getByLabelText('Target date')).toHaveValue('2025-01-31');
    // For 2 hires: Sourced 10, Screen 9, Onsite 7, Offer 4; days to hire 9, 7, 4, 2.
    expect(['Sourced', 'Screen', 'Onsite', 'Offer', 'Hired'].map((s) => value(`forecast-needed:${s}`))).toEqual(['10', '9', '7', '4', '2']);
    expect(['Sourced', 'Screen', 'Onsite', 'Offer'].map((s) => value(`forecast-days-to-hire:${s}`))).toEqual(['9', '7', '4', '2']);
    expect(['Sourced', 'Screen', 'Onsite', 'Offer'].map((s) => value(`forecast-in-pipeline:${s}`))).toEqual(['1', '0', '1', '0']);
    expect(value('forecast-days-to-hire')).toBe('9');
    expect(value('forecast-days-left')).toBe('5');
    expect(screen.getByTestId('forecast-verdict')).toHaveTextContent(
      'The pipeline now is too thin for 2 hires: they need new people at Sourced. Historically 9 days from Sourced to hire; the target leaves 5. The date is not realistic.',
    );
    expect(screen.getByTestId('forecast-verdict')).toHaveTextContent('Onsite and Offer have fewer than 5 decided candidates on this requisition, so the team’s history for those stages');
  });

  it('answers a what-if without saving it, and saves it to the requisition when asked', async () => {
    const { user } = await renderForecast('recruiter', REC);
    const hires = await screen.findByRole('spinbutton', { name: 'Hires needed' });
    await user.clear(hires);
    await user.type(hires, '1');
    // For 1 hire: Offer 1 ÷ 1/2 = 2; Onsite 1 ÷ 2/7 = 3.5 → 4; Screen 1 ÷ 5/21 = 4.2 → 5; Sourced 1 ÷ 10/49 = 4.9 → 5.
    expect(['Sourced', 'Screen', 'Onsite', 'Offer', 'Hired'].map((s) => value(`forecast-needed:${s}`))).toEqual(['5', '5', '4', '2', '1']);
    await user.clear(screen.getByLabelText('Target date'));
    await user.type(screen.getByLabelText('Target date'), '2025-02-05');
    expect(value('forecast-days-left')).toBe('10');
    expect(screen.getByTestId('forecast-verdict')).toHaveTextContent('the target leaves 10. The date looks realistic.');
    expect(screen.getByText(/A what-if/)).toBeInTheDocument();
    expect((await db.requisitions.get(REQ))!.targetHires).toBe(2);

    await user.click(screen.getByRole('button', { name: 'Save to requisition' }));
    expect(await screen.findByText('Saved to the requisition.')).toBeInTheDocument();
    expect(await db.requisitions.get(REQ)).toMatchObject({ targetHires: 1, targetDate: day(30), title: 'Backend engineer', stages: req.stages });
  });

  it('offers no save to a member who may not edit the requisition, and refuses a hires figure out of range', async () => {
    const { user } = await renderForecast('sourcer', '01JD0000000000000000000SRC');
    const hires = await screen.findByRole('spinbutton', { name: 'Hires needed' });
    await user.clear(hires);
    await user.type(hires, '3');
    expect(value('forecast-needed:Hired')).toBe('3');
    expect(screen.queryByRole('button', { name: 'Save to requisition' })).toBeNull();
    await user.clear(hires);
    await user.type(hires, '0');
    expect(screen.getByRole('alert')).toHaveTextContent('Hires needed is a whole number from 1 to 1000.');
    expect(document.querySelector('[data-metric^="forecast-needed"]')).toBeNull();
  });
});
