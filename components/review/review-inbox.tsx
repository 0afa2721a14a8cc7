import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '@/components/ui/db-context';
import { memberName } from '@/components/ui/member-name';
import { plural } from '@/components/ui/plural';
import { LongText } from '@/components/ui/long-text';
import { RelativeTime } from '@/components/ui/relative-time';
import { useNow } from '@/components/ui/use-now';
import { readMe } from '@/lib/db/local-state';
import { membersById } from '@/lib/db/queries';
import { decisionsForRequest, openRequestsForReviewer } from '@/lib/db/review-queries';
import { DueLabel } from './due-label';

/** The requests waiting for the signed-in member, the most overdue first. */
export function ReviewInbox() {
  const db = useDb();
  const now = useNow();
  const view = useLiveQuery(async () => {
    const [me, members, requisitions] = await Promise.all([readMe(db), membersById(db), db.requisitions.toArray()]);
    const requests = me ? await openRequestsForReviewer(db, me.memberId) : [];
    const decided = await Promise.all(requests.map(async (r) => (await decisionsForRequest(db, r.id)).length));
    const titles = new Map(requisitions.filter((r) => r.deletedAt === null).map((r) => [r.id, r.title]));
    return { me, members, rows: requests.map((request, i) => ({ request, decided: decided[i]!, title: titles.get(request.requisitionId) })) };
  }, [db]);

  return (
    <div className="review-page review-inbox">
      <h1>Waiting for your review</h1>
      {view === undefined ? (
        <p className="muted" aria-busy="true">
          Loading…
        </p>
      ) : view.rows.length === 0 ? (
        <div className="state" data-testid="review-inbox-empty">
          <p>Nothing is waiting for your review.</p>
          <p className="muted">When a recruiter sends you people to review, they appear here and Tandem lets you know.</p>
        </div>
      ) : (
        <ol className="review-requests" data-testid="review-inbox">
          {view.rows.map(({ request, decided, title }) => (
            <li key={request.id} data-testid="review-inbox-item" data-overdue={now > request.dueAt}>
              <a href={`review.html?request=${encodeURIComponent(request.id)}`} className="request-title" dir={title ? 'auto' : undefined}>
                {title ?? 'A role not on this device yet'}
              </a>
              <p className="muted small">
                {plural(request.prospectIds.length, 'person', 'people')}
                {decided > 0 && ` · ${decided} decided`} · from <span dir="auto">{memberName(request.requesterId, view.members, view.me?.memberId)}</span>{' '}
                <RelativeTime at={request.createdAt} now={now} />
              </p>
              <DueLabel dueAt={request.dueAt} now={now} />
              {request.message && <LongText className="request-message" text={request.message} />}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
