import { liveQuery } from 'dexie';
import type { TandemDB } from '@/lib/db/database';
import { readMe, readSettings } from '@/lib/db/local-state';
import { openRequestsForReviewer, pendingFollowUps } from '@/lib/db/review-queries';

/**
 * Calls `onChange` now and whenever the reminder engine's inputs change in Dexie: who is signed
 * in, their open requests, their follow-ups, the settings. That covers every way a row arrives
 * (a pull, a decision on the review page, a reassignment, a sign-in) without hooking each of
 * them. Returns the unsubscribe. The alarm tick is the backstop if the subscription fails.
 */
export function watchReminderInputs(db: TandemDB, onChange: () => void, onError: (e: unknown) => void = (e) => console.warn('Tandem reminders:', e)): () => void {
  const subscription = liveQuery(async () => {
    const me = await readMe(db);
    if (!me) return null;
    const [requests, followUps, settings] = await Promise.all([openRequestsForReviewer(db, me.memberId), pendingFollowUps(db, me.memberId), readSettings(db)]);
    return { me, requests, followUps, settings };
  }).subscribe({ next: () => onChange(), error: onError });
  return () => subscription.unsubscribe();
}
