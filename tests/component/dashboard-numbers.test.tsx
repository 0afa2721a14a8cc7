import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Papa from 'papaparse';
import { ulid } from 'ulidx';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DashboardApp } from '@/components/dashboard/dashboard-app';
import { DbProvider } from '@/components/ui/db-context';
import type { TandemDB } from '@/lib/db/database';
import { mutate } from '@/lib/db/mutate';
import { isoWeek } from '@/lib/metrics';
import type { Me } from '@/lib/model';
import { MUTATIONS } from '@/lib/mutations';
import { arrived, freshDb, member, signInAs } from '../support/db';
import { DAY, MEMBERS, type Writer, expectedMetrics, historyStart, numbersHistory } from '../support/numbers-history';

const download = vi.hoisted(() => vi.fn());
vi.mock('@/components/ui/download-file', () => ({ downloadFile: download }));

let db: TandemDB;
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

beforeEach(() => {
  db = freshDb();
  download.mockReset();
});

afterEach(() => {
  cleanup();
  db.close();
  window.history.replaceState(null, '', '/');
});

/** The team of the history, on this device: a viewer signed in, the three writers as members, and their history applied. */
async function seed() {
  const viewer = member('admin', 'Vera Viewer');
  await signInAs(db, viewer);
  const writers = Object.fromEntries(
    (Object.keys(MEMBERS) as Writer[]).map((key) => {
      const me: Me = { memberId: ulid(), teamId: viewer.me.teamId, name: MEMBERS[key].name, email: MEMBERS[key].email, role: MEMBERS[key].role };
      return [key, me];
    }),
  ) as Record<Writer, Me>;
  for (const me of Object.values(writers)) await arrived(db, 'members', { id: me.memberId, teamId: me.teamId, version: 0, deletedAt: null, name: me.name, email: me.email, role: me.role });
  const requisitionId = ulid();
  const t0 = historyStart(Date.now());
  const { steps } = numbersHistory(t0, { requisitionId, members: { rita: writers.rita.memberId, hannah: writers.hannah.memberId, omar: writers.omar.memberId } });
  for (const step of steps) await mutate(db, MUTATIONS.get(step.name)!, step.args as never, { actor: writers[step.by] });
  const weeks: [string, string] = [isoWeek(t0, zone), isoWeek(t0 + 7 * DAY, zone)];
  return { requisitionId, t0, writers, weeks, expected: expectedMetrics({ rita: MEMBERS.rita.email, hannah: MEMBERS.hannah.email, omar: MEMBERS.omar.email }, requisitionId, weeks) };
}

function renderDashboard(hash: string) {
  window.history.replaceState(null, '', `/dashboard.html${hash}`);
  const user = userEvent.setup();
  const view = render(
    <DbProvider db={db}>
      <DashboardApp />
    </DbProvider>,
  );
  return { user, container: view.container };
}

const metric = (container: HTMLElement, name: string) => container.querySelector<HTMLElement>(`[data-metric="${CSS.escape(name)}"]`);

/** Every `data-metric` on the page, name → data-value. */
const metrics = (container: HTMLElement) => Object.fromEntries([...container.querySelectorAll<HTMLElement>('[data-metric]')].map((el) => [el.dataset.metric!, el.dataset.value!]));

describe('the Numbers view', () => {
  it('shows the hand-computed figures of a history, the bottleneck marked', async () => {
    const { requisitionId, expected, weeks } = await seed();
    const { container } = renderDashboard(`#numbers/${requisitionId}`);
    await waitFor(() => expect(metric(container, `sourcing-viewed:${MEMBERS.rita.email}:${weeks[0]}`)).not.toBeNull());
    expect(metrics(container)).toMatchObject(expected);
    // A figure that is not there says why.
    expect(metric(container, 'pass-through:Hired')).toHaveTextContent('last stage');
    expect(metric(container, 'time-in-stage-median:Hired')).toHaveTextContent('nobody has left it');
    // The bottleneck's row, and only it, is marked.
    const marked = container.querySelectorAll('tr[data-bottleneck="true"]');
    expect([...marked].map((row) => row.querySelector('th')!.textContent)).toEqual(['Sourced (bottleneck)']);
    expect(screen.getByTestId('bottleneck')).toHaveTextContent('Bottleneck: Sourced');
    expect(screen.getByTestId('hm-fastest')).toHaveTextContent('Fastest to answer: Omar Manager, a median of 4 hours.');
  });

  it('shows each chart as a table with a caption and headers, and downloads it as CSV', async () => {
    const { requisitionId } = await seed();
    const { user } = renderDashboard(`#numbers/${requisitionId}`);
    const show = await screen.findByRole('button', { name: 'Table of pass-through per stage, Platform Engineer' });
    expect(screen.queryByRole('table', { name: /Pass-through per stage/ })).toBeNull();
    await user.click(show);
    expect(show).toHaveAttribute('aria-pressed', 'true');
    const table = screen.getByRole('table', { name: 'Pass-through per stage, Platform Engineer' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Stage', 'Reached', 'Moved on', 'Rejected', 'Withdrew', 'In stage now', 'Pass-through']);
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['Sourced (bottleneck)', 'Screen', 'Onsite', 'Offer', 'Hired']);
    expect(within(within(table).getByRole('rowheader', { name: 'Screen' }).closest('tr')!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['5', '3', '1', '0', '1', '75%']);

    await user.click(screen.getByRole('button', { name: 'Download CSV of pass-through per stage, Platform Engineer' }));
    expect(download).toHaveBeenCalledTimes(1);
    const [name, text, type] = download.mock.calls[0] as [string, string, string];
    expect([name, type]).toEqual(['pass-through.csv', 'text/csv']);
    // Unrounded, as the data-value: 5/7, 3/4, 2/3, 1/2; the last stage has none.
    expect(Papa.parse<string[]>(text).data).toEqual([
      ['Stage', 'Reached', 'Moved on', 'Rejected', 'Withdrew', 'In stage now', 'Pass-through'],
      ['Sourced', '7', '5', '1', '1', '0', String(5 / 7)],
      ['Screen', '5', '3', '1', '0', '1', '0.75'],
      ['Onsite', '3', '2', '1', '0', '0', String(2 / 3)],
      ['Offer', '2', '1', '0', '1', '0', '0.5'],
      ['Hired', '1', 'last stage', '0', '0', '0', ''],
    ]);
    // The chart beside it has a name.
    await user.click(screen.getByRole('button', { name: 'Chart of time to feedback per reviewer (hours)' }));
    expect(screen.getByRole('button', { name: 'Table of time to feedback per reviewer (hours)' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('applies the filters to every section, and keeps them in the URL', async () => {
    const { requisitionId, t0, writers, weeks } = await seed();
    const { user, container } = renderDashboard(`#numbers/${requisitionId}`);
    await waitFor(() => expect(metric(container, 'pass-through:Sourced')).not.toBeNull());

    // From day 1: P1–P3 (added on day 0) and R1 (sent on day 0) drop out. Sourced: P4 P6 moved
    // on, P5 rejected, P7 withdrew → 2 / 4. Hannah: R2's 5 and 20 hours → median (rank 1) 5;
    // in time 2, late 1 (R3 open past due) → 2 / 3. Rita's first week from day 1: no views.
    const day1 = new Date(t0 + DAY);
    const iso = `${day1.getFullYear()}-${String(day1.getMonth() + 1).padStart(2, '0')}-${String(day1.getDate()).padStart(2, '0')}`;
    // A date field's value changes as a whole, as the browser's date picker sets it.
    fireEvent.change(screen.getByLabelText('From'), { target: { value: iso } });
    await waitFor(() => expect(metric(container, 'pass-through:Sourced')).toHaveAttribute('data-value', '0.5'));
    expect(metric(container, `hm-feedback-median-hours:${MEMBERS.hannah.email}`)).toHaveAttribute('data-value', '5');
    expect(metric(container, `hm-within-deadline:${MEMBERS.hannah.email}`)).toHaveAttribute('data-value', String(2 / 3));
    expect(metric(container, 'hires')).toHaveAttribute('data-value', '0');
    await waitFor(() => expect(metric(container, `sourcing-viewed:${MEMBERS.rita.email}:${weeks[0]}`)).toHaveAttribute('data-value', '0'));
    expect(new URLSearchParams(window.location.search).get('from')).toBe(iso);

    // Omar: only the review he was sent; nobody he added; no sourcing of Rita's.
    await user.selectOptions(screen.getByLabelText('Member'), writers.omar.memberId);
    await waitFor(() => expect(metric(container, `hm-feedback-median-hours:${MEMBERS.hannah.email}`)).toBeNull());
    expect(metric(container, `hm-feedback-median-hours:${MEMBERS.omar.email}`)).toHaveAttribute('data-value', '4');
    expect(metric(container, 'pass-through-reached:Sourced')).toHaveAttribute('data-value', '0');
    expect(metric(container, `sourcing-viewed:${MEMBERS.rita.email}:${weeks[0]}`)).toBeNull();
    expect(screen.getByTestId('numbers-filter-notes')).toHaveTextContent('added to a requisition in these dates by this member');
    expect(new URLSearchParams(window.location.search).get('member')).toBe(writers.omar.memberId);

    // All requisitions: the per-stage sections ask for one; the rest stay, one approval rate per requisition.
    await user.selectOptions(screen.getByLabelText('Requisition'), '');
    await waitFor(() => expect(window.location.hash).toBe('#numbers'));
    expect(metric(container, 'pass-through:Sourced')).toBeNull();
    expect(screen.getByText(/choose one in the filters to see its pass-through/)).toBeInTheDocument();
    expect(metric(container, `approval-rate:${requisitionId}`)).toHaveAttribute('data-value', '1');
  });

  it('says what is wrong with dates the wrong way round', async () => {
    const { requisitionId } = await seed();
    renderDashboard(`#numbers/${requisitionId}`);
    fireEvent.change(await screen.findByLabelText('To'), { target: { value: '2001-01-01' } });
    expect(await screen.findByRole('alert')).toHaveTextContent('The first day is after the last day');
  });
});
