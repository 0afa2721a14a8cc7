import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CheckInView } from '@/components/dashboard/checkin/checkin-view';
import { DbProvider } from '@/components/ui/db-context';
import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import type { Prospect } from '@/lib/model';
import { buildCheckIn } from '@/lib/reports/check-in';
import { checkInMarkdown } from '@/lib/reports/check-in-markdown';
import { arrived, freshDb } from '../support/db';
import { input, members, NOW } from '../unit/reports/check-in-fixture';

const download = vi.hoisted(() => vi.fn());
vi.mock('@/components/ui/download-file', () => ({ downloadFile: download }));

let db: TandemDB;

beforeEach(async () => {
  db = freshDb();
  // The fixture's team on this device, signed in as the recruiter, whose zone is UTC.
  await db.local.put({ key: LOCAL_KEYS.me, value: { memberId: 'REC', teamId: 'team', name: 'Riley Recruiter', email: 'riley@example.com', role: 'recruiter' } });
  await arrived(db, 'members', ...members.map((m) => ({ ...m, timeZone: m.id === 'REC' ? 'UTC' : null })));
  await arrived(db, 'requisitions', input.requisition);
  const unique = new Map([...input.moves, ...input.activities].map((a) => [a.id, a]));
  await arrived(db, 'activities', ...unique.values());
  await arrived(db, 'reviewRequests', ...input.requests);
  await arrived(db, 'reviewDecisions', ...input.decisions);
  await arrived(db, 'prospects', ...[...input.people].map(([id, name]) => prospect(id, name)));
});

afterEach(() => {
  cleanup();
  db.close();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  download.mockReset();
});

function prospect(id: string, name: string): Prospect {
  return { id, teamId: 'team', version: 1, deletedAt: null, name, headline: null, company: null, location: null, profiles: [], emails: [], doNotContact: null, createdAt: NOW, updatedAt: NOW };
}

function renderCheckIn() {
  const user = userEvent.setup();
  render(
    <DbProvider db={db}>
      <CheckInView me={{ memberId: 'REC', teamId: 'team', name: 'Riley Recruiter', email: 'riley@example.com', role: 'recruiter' }} members={members} requisitions={[input.requisition]} requisition={input.requisition} route={{ view: 'checkin', requisitionId: input.requisition.id }} now={NOW} navigate={() => {}} />
    </DbProvider>,
  );
  return user;
}

const metric = (name: string) => document.querySelector(`[data-metric="${CSS.escape(name)}"]`);

describe('CheckInView', () => {
  it('shows the hand-computed figures from Dexie, with the Numbers view’s hooks', async () => {
    renderCheckIn();
    expect(await screen.findByRole('heading', { name: 'Weekly check-in: Backend engineer' })).toBeInTheDocument();
    expect(metric('pass-through:Sourced')).toHaveAttribute('data-value', String(6 / 7));
    expect(metric('pass-through:Sourced')).toHaveTextContent('86%');
    expect(metric('pass-through:Screen')).toHaveAttribute('data-value', String(5 / 6));
    expect(metric('pass-through:Hired')).toBeNull();
    expect(metric('time-in-stage-median:Onsite')).toHaveAttribute('data-value', '1');
    expect(metric('hm-feedback-median-hours:hana@example.com')).toHaveAttribute('data-value', '12');
    expect(metric('hm-within-deadline:hana@example.com')).toHaveAttribute('data-value', '0.75');
    expect(metric('sourcing-reply-rate:sam@example.com:2025-W04')).toHaveAttribute('data-value', '0.5');
    expect(metric('sourcing-viewed:sam@example.com:2025-W03')).toHaveAttribute('data-value', '2');
    expect(metric('sourcing-reply-rate:riley@example.com:2025-W03')).toHaveAttribute('data-value', '');
    expect(metric('offer-decline:compensation')).toHaveAttribute('data-value', '1');
    // Top candidates at Sourced: approved first, then the latest activity; a name is text, never markup.
    const sourced = screen.getAllByTestId('checkin-stage')[0]!;
    expect(within(sourced).getAllByTestId('checkin-candidate').map((li) => li.textContent)).toEqual(['Cy Young (approved), 6 days', 'Bo Li, 15 days', 'Di | *Evil* [name](http://x), 2 days']);
    expect(sourced.querySelector('a')).toBeNull();
    expect(screen.getAllByTestId('checkin-action').map((li) => [li.dataset.kind, li.textContent])).toEqual([
      ['overdue-review', 'Decide on Bo Li — overdue by 1 day'],
      ['long-in-stage', 'Move on or close Bo Li: 15 days in Sourced (median 2)'],
      ['long-in-stage', 'Move on or close Cy Young: 6 days in Sourced (median 2)'],
      ['long-in-stage', 'Move on or close Ada Lovelace: 8 days in Onsite (median 1)'],
    ]);
  });

  it('copies the same check-in as Markdown, downloads it as CSV and prints', async () => {
    const user = renderCheckIn();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    // happy-dom has no print dialog: the button's call is what is checked.
    const print = vi.fn();
    vi.stubGlobal('print', print);
    await user.click(await screen.findByRole('button', { name: 'Copy as Markdown' }));
    expect(writeText).toHaveBeenCalledWith(checkInMarkdown(buildCheckIn(input)));
    expect(await screen.findByText('Copied')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(download).toHaveBeenCalledWith('check-in Backend engineer 2025-W04.csv', expect.stringContaining(`pipeline,Sourced,pass-through,${6 / 7}`), 'text/csv;charset=utf-8');

    await user.click(screen.getByRole('button', { name: 'Print / Save as PDF' }));
    expect(print).toHaveBeenCalledOnce();
  });
});
