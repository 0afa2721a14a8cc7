import { afterEach, expect, it } from 'vitest';
import type { TandemDB } from '@/lib/db/database';
import { watchReminderInputs } from '@/lib/reminders/watch';
import { arrived, freshDb, member, signInAs } from '../../support/db';

let db: TandemDB;
afterEach(() => db.close());

const settle = () => new Promise((r) => setTimeout(r, 50));

it('runs the reminders again when a requisition changes (the weekly check-in’s), not only on requests, follow-ups and settings', async () => {
  db = freshDb();
  const me = member('recruiter');
  await signInAs(db, me);
  let changes = 0;
  const stop = watchReminderInputs(db, () => changes++);
  await settle();
  const before = changes;
  // A teammate adds the member to a requisition: it arrives by a pull.
  await arrived(db, 'requisitions', { id: 'REQ', teamId: me.me.teamId, version: 1, deletedAt: null, title: 'Data Engineer', hiringManagerId: 'HM', recruiterIds: [me.me.memberId], mustHaves: [], niceToHaves: [], feedbackSlaHours: 48, targetHires: 1, targetDate: null, stages: ['Sourced'], status: 'open', createdAt: 1 });
  await settle();
  stop();
  expect(changes).toBeGreaterThan(before);
});
