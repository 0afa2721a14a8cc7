import { addDays, format, setHours, startOfHour } from 'date-fns';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { useAction } from '@/components/ui/use-action';
import { readMe } from '@/lib/db/local-state';
import { pendingFollowUpsOn } from '@/lib/db/review-queries';
import type { ProspectIdentity } from '@/lib/model';
import { followUpDone, followUpSet } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { ensureProspect } from '@/lib/prospects/record-visit';

const CHOICES = [3, 7, 14, 30];

/** When a follow-up set "in N days" falls due: that morning at 9, local time. */
export function followUpDueAt(days: number, now = Date.now()): number {
  return startOfHour(setHours(addDays(now, days), 9)).getTime();
}

/** "Follow up in N days" on the person, and the member's follow-ups on them still open. */
export function FollowUpControl({ identity, prospectId }: { identity: ProspectIdentity; prospectId: string | null }) {
  const db = useDb();
  const [days, setDays] = useState(7);
  const { run, error } = useAction();
  const pending = useLiveQuery(async () => {
    const me = await readMe(db);
    if (!me || !prospectId) return [];
    return pendingFollowUpsOn(db, me.memberId, prospectId);
  }, [db, prospectId]);

  return (
    <section aria-labelledby="followup-heading" className="follow-up">
      <h2 id="followup-heading">Follow up</h2>
      {pending?.map((f) => (
        <p key={f.id} data-testid="follow-up-item" className="row follow-up-item">
          <span>Due {format(f.dueAt, 'EEE d MMM')}</span>
          <button type="button" className="link" onClick={() => void run(() => mutate(db, followUpDone, { id: f.id }))}>
            Done
          </button>
        </p>
      ))}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => mutate(db, followUpSet, { prospectId: prospectId ?? (await ensureProspect(db, identity)), dueAt: followUpDueAt(days) }));
        }}
      >
        <label className="inline" htmlFor="followup-days">
          Remind me in
        </label>
        <select id="followup-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {CHOICES.map((d) => (
            <option key={d} value={d}>
              {d} days
            </option>
          ))}
        </select>
        <button type="submit" data-testid="follow-up-set">
          Set reminder
        </button>
      </form>
      <ErrorMessage error={error} />
    </section>
  );
}
