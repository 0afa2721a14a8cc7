import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { memberObjectName } from '@/components/ui/member-name';
import { useAction } from '@/components/ui/use-action';
import { openRequestsForProspect } from '@/lib/db/review-queries';
import { canCreateRequisition, canRequestReview, type ProspectIdentity } from '@/lib/model';
import { ensureProspect } from '@/lib/prospects/record-visit';
import { addToTray, setTrayRequisition } from '@/lib/review/batch-tray';
import { useTray } from './use-tray';

/** "Add to review": puts the person on the page into the batch for a requisition. */
export function AddToReview({ identity, prospectId }: { identity: ProspectIdentity; prospectId: string | null }) {
  const db = useDb();
  const view = useTray();
  const openReviews = useLiveQuery(async () => (prospectId ? openRequestsForProspect(db, prospectId) : []), [db, prospectId]);
  const { run, error } = useAction();
  // Hiring managers review batches; they do not gather them.
  if (!view || (view.me && !canRequestReview(view.me.role))) return null;
  const { tray, openRequisitions, members, me } = view;
  const requisitionId = tray.requisitionId ?? openRequisitions[0]?.id ?? null;
  const inTray = prospectId !== null && tray.prospectIds.includes(prospectId);

  if (openRequisitions.length === 0) {
    if (me && !canCreateRequisition(me.role)) {
      return <p className="muted small">No open requisition yet. Recruiters and admins open them; then you can send people for review.</p>;
    }
    return (
      <p className="muted small">
        No open requisition yet.{' '}
        <button type="button" className="link" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/requisitions.html') })}>
          Open one
        </button>{' '}
        to send people for review.
      </p>
    );
  }

  const add = () => run(async () => addToTray(db, requisitionId!, await ensureProspect(db, identity)));
  const requisition = openRequisitions.find((r) => r.id === requisitionId);
  const reviewers = [...new Set((openReviews ?? []).filter((r) => r.requisitionId === requisitionId).map((r) => r.reviewerId))];

  return (
    <div className="add-to-review">
      <span aria-hidden="true">For</span>{' '}
      <select id="review-requisition" aria-label="Requisition for this review" value={requisitionId ?? ''} onChange={(e) => void setTrayRequisition(db, e.target.value)}>
        {openRequisitions.map((r) => (
          <option key={r.id} value={r.id} dir="auto">
            {r.title}
          </option>
        ))}
      </select>{' '}
      <button type="button" data-testid="add-to-review" disabled={inTray} onClick={() => void add()}>
        {inTray ? 'In the review batch' : 'Add to review'}
      </button>
      {reviewers.length > 0 && requisition && (
        <p className="small" data-testid="already-in-review">
          Already in review with{' '}
          {reviewers.map((id, i) => (
            <span key={id}>
              {i > 0 && (i === reviewers.length - 1 ? ' and ' : ', ')}
              <span dir="auto">{memberObjectName(id, members, me?.memberId)}</span>
            </span>
          ))}{' '}
          for <span dir="auto">{requisition.title}</span>.
        </p>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}
