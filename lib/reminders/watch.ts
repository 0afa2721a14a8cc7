import { liveQuery } from 'dexie';
import type { TandemDB } from '@/lib/db/database';
import { readMe, readSettings } from '@/lib/db/local-state';
import { openRequestsForReviewer, pendingFollowUps } from '@/lib/db/review-queries';
import { noticesDueFrom, teamPrivacyRow } from '@/lib/db/privacy-queries';
import { NOTICE_REMINDERS_FOR_DAYS } from './runner';
import { DAY_MS } from '@/lib/time-units';

/**
 * Calls `onChange` now and whenever the reminder engine's inputs change in Dexie: who is signed
 * in, their open requests, their follow-ups, the settings. That covers every way a row arrives
 * (a pull, a decision on the review page, a reassignment, a sign-in) without hooking each of
 * them, the people whose privacy notice the member is to be reminded of, and the requisitions
 * (the weekly check-in's). Returns the unsubscribe. The alarm tick is the backstop if the subscription fails.
 */
export function watchReminderInputs(db: TandemDB, onChange: () => void, onError: (e: unknown) => void = (e) => console.warn('Tandem reminders:', e)): () => void {
  const subscription = liveQuery(async () => {
    const me = await readMe(db);
    if (!me) return null;
    const [requests, followUps, settings, notices, privacy, requisitions] = await Promise.all([
      openRequestsForReviewer(db, me.memberId),
      pendingFollowUps(db, me.memberId),
      readSettings(db),
      noticesDueFrom(db, me.memberId, Date.now() - NOTICE_REMINDERS_FOR_DAYS * DAY_MS),
      teamPrivacyRow(db),
      // The weekly check-in's: a requisition the member joins is known from its first run.
      db.requisitions.toArray(),
    ]);
    return { me, requests, followUps, settings, notices, privacy, requisitions };
  }).subscribe({ next: () => onChange(), error: onError });
  return () => subscription.unsubscribe();
}
