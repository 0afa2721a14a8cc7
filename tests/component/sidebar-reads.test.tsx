import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { SidebarApp } from '@/components/sidebar/sidebar-app';
import { DbProvider } from '@/components/ui/db-context';
import { mutate } from '@/lib/db/mutate';
import { activitiesFor } from '@/lib/db/queries';
import { followUpSet, noteAdd, prospectUpsert } from '@/lib/mutations';
import type { TandemDB } from '@/lib/db/database';
import { freshDb, identity, member, signInAs } from '../support/db';
import { recordWholeTableReads } from '../support/whole-table-reads';

// Issue 13: nothing on the sidebar's path reads a table whole, so opening a profile costs the
// same whoever the person is and however much the team has done. The tables read whole here
// are bounded by the team itself, not its history.
const BOUNDED_BY_TEAM = new Set(['members', 'local']);

let db: TandemDB;
afterEach(() => db?.close());

it('opens a profile reading only that person’s rows', async () => {
  db = freshDb();
  const reads = recordWholeTableReads(db);
  const me = member('recruiter', 'Riley Recruiter');
  await signInAs(db, me);
  // Another person with history of their own, and this one with a note and a follow-up.
  const other = (await mutate(db, prospectUpsert, { identity: identity('grace-hopper', { name: 'Grace Hopper' }) }, me)).result!;
  await mutate(db, noteAdd, { prospectId: other, body: 'Someone else' }, me);
  await mutate(db, followUpSet, { prospectId: other, dueAt: 10 }, me);
  const ada = (await mutate(db, prospectUpsert, { identity: identity() }, me)).result!;
  await mutate(db, noteAdd, { prospectId: ada, body: 'Strong on Kotlin' }, me);
  await mutate(db, followUpSet, { prospectId: ada, dueAt: 20 }, me);
  reads.length = 0;

  render(
    <DbProvider db={db}>
      <SidebarApp connection={{ phase: 'ready', state: { status: 'identified', url: identity().url, at: 0, identity: identity() } }} />
    </DbProvider>,
  );
  await screen.findByText('Strong on Kotlin');
  expect(await screen.findAllByTestId('follow-up-item')).toHaveLength(1);
  // Recording the visit is on the path too.
  await waitFor(async () => expect((await activitiesFor(db, ada)).map((a) => a.kind)).toContain('viewed'));
  expect([...new Set(reads)].filter((r) => !BOUNDED_BY_TEAM.has(r.split('.')[0]!))).toEqual([]);
});
