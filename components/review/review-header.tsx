import { memberName } from '@/components/ui/member-name';
import { plural } from '@/components/ui/plural';
import { RelativeTime } from '@/components/ui/relative-time';
import type { Member, ReviewRequest } from '@/lib/model';
import { DueLabel } from './due-label';
import type { ReviewHead } from './use-review-data';

/** The request itself: which role, from whom, the requester's message and how late it is. */
export function ReviewHeader({ head, request, now }: { head: ReviewHead; request: ReviewRequest; now: number }) {
  const name = (id: string) => memberName(id, head.members, head.me?.memberId);
  return (
    <header className="review-head">
      <p className="review-role">
        <strong dir={head.requisition ? 'auto' : undefined}>{head.requisition?.title ?? 'A role not on this device yet'}</strong>
      </p>
      <p className="muted small">
        {plural(request.prospectIds.length, 'person', 'people')} sent by <span dir="auto">{name(request.requesterId)}</span> <RelativeTime at={request.createdAt} now={now} />
        {request.status === 'open' && (
          <>
            {' · '}
            <DueLabel dueAt={request.dueAt} now={now} />
          </>
        )}
      </p>
      {request.message && (
        <blockquote className="review-request-message" data-testid="review-message" dir="auto">
          {request.message}
        </blockquote>
      )}
    </header>
  );
}

/** Why a request no longer takes decisions, in words, or null while it is open. */
export function StatusBanner({ request, members, meId, now }: { request: ReviewRequest; members: Map<string, Member>; meId: string | undefined; now: number }) {
  if (request.status === 'open') return null;
  const name = (id: string) => memberName(id, members, meId);
  const event = request.history.findLast((e) => e.kind === (request.status === 'reassigned' ? 'reassigned' : 'cancelled'));
  return (
    <div className="review-banner" data-testid="review-status" data-status={request.status} role="status">
      {request.status === 'completed' && <p>This review is complete.</p>}
      {request.status === 'cancelled' && (
        <p>
          This review was withdrawn
          {event && (
            <>
              {' '}
              by <span dir="auto">{name(event.by)}</span> <RelativeTime at={event.at} now={now} />
            </>
          )}
          . Decisions already made still count.
        </p>
      )}
      {request.status === 'reassigned' && (
        <>
          <p>
            This review was reassigned
            {event?.to && (
              <>
                {' to '}
                <span dir="auto">{event.to === meId ? 'you' : name(event.to)}</span>
              </>
            )}
            {event && (
              <>
                {' '}
                by <span dir="auto">{name(event.by)}</span> <RelativeTime at={event.at} now={now} />
              </>
            )}
            . Decisions already made here still count; the people without one moved to the new review.
          </p>
          {event?.requestId && event.to === meId && <a href={`review.html?request=${encodeURIComponent(event.requestId)}`}>Continue in your new review</a>}
        </>
      )}
    </div>
  );
}
