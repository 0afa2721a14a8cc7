import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dashboardHash, parseDashboardHash } from '@/components/dashboard/dashboard-route';
import type { TandemDB } from '@/lib/db/database';
import { mutate } from '@/lib/db/mutate';
import { requisitionSave } from '@/lib/mutations';
import { freshDb, member, signInAs } from '../support/db';
import { renderDashboard as renderWith } from '../support/render-dashboard';

const REQ = '01JD0000000000000000000000';

let db: TandemDB;

beforeEach(() => {
  db = freshDb();
});

afterEach(() => {
  cleanup();
  db.close();
  window.history.replaceState(null, '', '/');
});

const renderDashboard = (hash = '') => renderWith(db, hash);

async function requisition(by: ReturnType<typeof member>, title: string, status: 'open' | 'on_hold' | 'closed' = 'open') {
  const { result } = await mutate(db, requisitionSave, { title, hiringManagerId: by.me.memberId, recruiterIds: [by.me.memberId], mustHaves: [], niceToHaves: [], targetHires: 1, targetDate: null, stages: ['Sourced', 'Screen'], status }, by);
  return result!;
}

describe('dashboard route', () => {
  it('reads a view and a requisition from the fragment, and falls back to People', () => {
    expect(parseDashboardHash(`#board/${REQ.toLowerCase()}`)).toEqual({ view: 'board', requisitionId: REQ });
    expect(parseDashboardHash('#numbers')).toEqual({ view: 'numbers', requisitionId: null });
    expect(parseDashboardHash('#nonsense')).toEqual({ view: 'people', requisitionId: null });
    expect(parseDashboardHash('#board/not-an-id')).toEqual({ view: 'people', requisitionId: null });
    expect(parseDashboardHash('#%E0%A4%A')).toEqual({ view: 'people', requisitionId: null });
    expect(dashboardHash({ view: 'checkin', requisitionId: REQ })).toBe(`#checkin/${REQ}`);
  });
});

describe('DashboardApp', () => {
  it('switches views by link and by the number keys, keeping the chosen requisition', async () => {
    const riley = member('admin', 'Ada Admin');
    await signInAs(db, riley);
    const closed = await requisition(riley, 'Archivist', 'closed');
    const open = await requisition(riley, 'Backend Engineer');
    const user = renderDashboard('#board');
    // The first open requisition, not the first by title (a closed one).
    expect(await screen.findByRole('combobox', { name: 'Requisition' })).toHaveValue(open);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Requisition' }), closed);
    expect(window.location.hash).toBe(`#board/${closed}`);
    // The select has the focus (digits there pick an option); from a link they switch views.
    screen.getByRole('link', { name: 'Pipeline board' }).focus();
    await user.keyboard('4');
    expect(screen.getByRole('link', { name: 'Forecast' })).toHaveAttribute('aria-current', 'page');
    expect(window.location.hash).toBe(`#forecast/${closed}`);
    await user.click(screen.getByRole('link', { name: 'People' }));
    expect(window.location.hash).toBe(`#people/${closed}`);
    expect(screen.queryByRole('combobox', { name: 'Requisition' })).toBeNull();
  });

  it('does not switch views while the member types a digit', async () => {
    const riley = member('admin', 'Ada Admin');
    await signInAs(db, riley);
    await requisition(riley, 'Backend Engineer');
    const user = renderDashboard('#board');
    await user.type(await screen.findByRole('combobox', { name: 'Requisition' }), '3');
    expect(screen.getByRole('link', { name: 'Pipeline board' })).toHaveAttribute('aria-current', 'page');
  });

  it('says so when a per-requisition view has no requisition to show', async () => {
    await signInAs(db, member('recruiter'));
    renderDashboard('#checkin');
    expect(await screen.findByText(/No requisitions yet/)).toBeInTheDocument();
  });
});
