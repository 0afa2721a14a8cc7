import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { ulid } from 'ulidx';
import { afterEach, describe, expect, it } from 'vitest';
import type { TandemDB } from '@/lib/db/database';
import type { Prospect } from '@/lib/model';
import { arrived, freshDb, member, signInAs } from '../support/db';
import { renderDashboard } from '../support/render-dashboard';

const DAY = 86_400_000;
let db: TandemDB;
afterEach(() => {
  cleanup();
  db?.close();
});

function person(name: string, daysAgo: number, createdBy: string): Prospect {
  const slug = name.toLowerCase().replace(/\W+/g, '-');
  const createdAt = Date.now() - daysAgo * DAY;
  return {
    id: ulid(), teamId: 'local', version: 1, deletedAt: null, name, headline: null, company: null, location: null,
    profiles: [{ site: 'linkedin', key: `linkedin:${slug}`, url: `https://www.linkedin.com/in/${slug}/` }], emails: [], doNotContact: null, createdAt, createdBy, updatedAt: createdAt,
  };
}

describe('the dashboard’s privacy notices due', () => {
  it('lists the people whose notice is not logged, most urgent first, with who added them and a link to their profile', async () => {
    db = freshDb();
    const riley = member('recruiter', 'Riley Recruiter');
    const sam = member('sourcer', 'Sam Sourcer');
    await signInAs(db, sam);
    await signInAs(db, riley);
    const [told, soon, late] = [person('Ada Told', 40, riley.me.memberId), person('Bo Soon', 25, riley.me.memberId), person('Cy Late', 33, sam.me.memberId)];
    await arrived(db, 'prospects', soon, told, late);
    await arrived(db, 'activities', { id: ulid(), teamId: 'local', version: 1, deletedAt: null, prospectId: told.id, actorId: riley.me.memberId, at: Date.now(), requisitionId: null, kind: 'privacy_notice_sent', data: { channel: 'email', sentAt: Date.now() } });

    const user = renderDashboard(db, '#privacy');
    await waitFor(() => expect(screen.getAllByTestId('notice-due-item')).toHaveLength(2));
    const [first, second] = screen.getAllByTestId('notice-due-item');
    expect(first).toHaveTextContent(/^Cy Late — Privacy notice overdue by 3 days \(due .+, added by Sam Sourcer\)$/);
    expect(second).toHaveTextContent(/^Bo Soon — Privacy notice due in 5 days \(due .+, added by You\)$/);
    expect(within(first!).getByRole('link', { name: 'Open profile of Cy Late on LinkedIn (new tab)' })).toHaveAttribute('href', 'https://www.linkedin.com/in/cy-late/');
    expect(screen.getByRole('link', { name: 'Privacy notices' })).toHaveAttribute('aria-current', 'page');
    await user.keyboard('1');
    await waitFor(() => expect(screen.queryByTestId('notice-due-item')).toBeNull());
  });
});
