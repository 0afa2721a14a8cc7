import { addDays, format } from 'date-fns';
import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { plural } from '@/components/ui/plural';
import { useAction } from '@/components/ui/use-action';
import { readMe } from '@/lib/db/local-state';
import { membersById, resolvePeople } from '@/lib/db/queries';
import { openRequestsForReviewer, pendingFollowUps } from '@/lib/db/review-queries';
import { dueText, isOverdue } from '@/lib/deadlines';
import { followUpDone, followUpSnooze } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { openProfile, profileLink } from '@/lib/sites/profile-link';

const open = (path: string) => void browser.tabs.create({ url: browser.runtime.getURL(path as '/review.html') });

/** What waits for the member: reviews (oldest first, with how late), and follow-ups that are due. */
export function WaitingWork({ now }: { now: number }) {
  const db = useDb();
  // A refusal (signed out, say) is said next to the list, not lost as an unhandled rejection.
  const { run, error, busy } = useAction();
  const work = useLiveQuery(async () => {
    const me = await readMe(db);
    if (!me) return null;
    const [requests, followUps, members, requisitions] = await Promise.all([
      openRequestsForReviewer(db, me.memberId),
      pendingFollowUps(db, me.memberId),
      membersById(db),
      db.requisitions.toArray(),
    ]);
    const due = followUps.filter((f) => f.dueAt <= now);
    const people = await resolvePeople(db, due.map((f) => f.prospectId));
    return {
      requests: requests.map((r) => ({ ...r, from: members.get(r.requesterId)?.name ?? 'A teammate', role: requisitions.find((q) => q.id === r.requisitionId)?.title ?? 'a role' })),
      followUps: due.map((f, i) => ({ ...f, name: people[i]?.name ?? 'Someone', profile: people[i]?.profiles[0] })),
    };
  }, [db, now]);
  if (!work) return null;
  return (
    <>
      {work.requests.length > 0 && (
        <section aria-labelledby="waiting-heading" data-testid="popup-reviews">
          <h2 id="waiting-heading">Waiting for your review</h2>
          <ul className="popup-list">
            {work.requests.map((r) => (
              <li key={r.id} className={isOverdue(r, now) ? 'overdue' : undefined}>
                <button type="button" className="link" onClick={() => open(`/review.html?request=${r.id}`)}>
                  {plural(r.prospectIds.length, 'person', 'people')} for <span dir="auto">{r.role}</span>
                </button>
                <span className="muted small">
                  {' '}
                  from <span dir="auto">{r.from}</span> · {dueText(r.dueAt, now)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {work.followUps.length > 0 && (
        <section aria-labelledby="followups-heading" data-testid="popup-follow-ups">
          <h2 id="followups-heading">Follow up today</h2>
          <ul className="popup-list">
            {work.followUps.map((f) => (
              <li key={f.id}>
                {profileLink(f.profile) ? (
                  <button type="button" className="link" dir="auto" onClick={() => void openProfile(f.profile)}>
                    {f.name}
                  </button>
                ) : (
                  <span dir="auto">{f.name}</span>
                )}
                <span className="muted small"> due {format(f.dueAt, 'EEE d MMM')}</span>{' '}
                <button type="button" className="link" disabled={busy} aria-label={`Done: follow up with ${f.name}`} onClick={() => void run(() => mutate(db, followUpDone, { id: f.id }))}>
                  Done
                </button>
                <button
                  type="button"
                  className="link"
                  disabled={busy}
                  aria-label={`Follow up with ${f.name} tomorrow`}
                  onClick={() => void run(() => mutate(db, followUpSnooze, { id: f.id, until: addDays(now, 1).getTime() }))}
                >
                  Tomorrow
                </button>
              </li>
            ))}
          </ul>
          <ErrorMessage error={error} />
        </section>
      )}
    </>
  );
}
