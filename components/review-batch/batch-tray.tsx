import { useState } from 'react';
import { ulid } from 'ulidx';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { TextLimit, isTooLong, limitProps, measureText } from '@/components/ui/text-limit';
import { useAction } from '@/components/ui/use-action';
import { plural } from '@/components/ui/plural';
import { pickerLabel } from '@/components/ui/member-name';
import { MESSAGE_MAX_BYTES, canRequestReview, canReviewFor, isPickable } from '@/lib/model';
import { reviewCancel, reviewRequest } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { clearTray, moveInTray, removeFromTray, restoreTray } from '@/lib/review/batch-tray';
import { useTray } from './use-tray';

/**
 * The batch gathered across pages: reorder, remove, and send it to the requisition's hiring
 * manager (or another member) with a message. Shown in the sidebar and the popup.
 */
export function BatchTray({ compact = false }: { compact?: boolean }) {
  const db = useDb();
  const view = useTray();
  const [reviewerId, setReviewerId] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const { run, error } = useAction();
  /** What emptied the batch (sent, or cleared), with how to take it back: one click here is never final. */
  const [emptied, setEmptied] = useState<{ text: string; from: string[]; undo: () => Promise<void> } | null>(null);
  if (!view) return null;
  const { tray, people, members, openRequisitions, me } = view;
  if (people.length === 0) {
    if (!emptied) return null;
    const undo = () =>
      run(async () => {
        await emptied.undo();
        setEmptied(null);
      });
    return (
      <div className="saved" role="status">
        <span>{emptied.text}</span>{' '}
        <button type="button" className="link" data-testid="batch-undo" onClick={() => void undo()}>
          Undo
        </button>
        <ErrorMessage error={error} />
      </div>
    );
  }
  // Gathering a new batch retires the offer to bring back the last one. (The tray as it was
  // before emptying can still show for a moment, while the live query catches up.)
  if (emptied && tray.prospectIds.join() !== emptied.from.join()) setEmptied(null);
  const requisition = openRequisitions.find((r) => r.id === tray.requisitionId);
  // Never the sender: a review is someone else's look. Invited members can be sent one already.
  const reviewers = [...members.values()].filter((m) => isPickable(m) && (!me || canReviewFor({ requesterId: me.memberId }, m.id))).sort((a, b) => Number(b.role === 'hiring_manager') - Number(a.role === 'hiring_manager') || a.name.localeCompare(b.name));
  const reviewer = reviewerId ?? reviewers.find((m) => m.id === requisition?.hiringManagerId)?.id ?? '';
  const mayRequest = me ? canRequestReview(me.role) : false;
  const reviewerName = members.get(reviewer)?.name ?? 'the reviewer';
  // The server refuses a second open review of one person by one reviewer for one role.
  const alreadyWith = new Set(people.filter((p) => p.openReviews.some((r) => r.reviewerId === reviewer && r.requisitionId === requisition?.id)).map((p) => p.id));
  const blocked = people.filter((p) => alreadyWith.has(p.id));
  const messageSize = measureText(message, MESSAGE_MAX_BYTES);

  const send = () =>
    run(async () => {
      if (!requisition) throw new Error('choose an open requisition for this batch');
      const { result: requestId } = await mutate(db, reviewRequest, {
        requisitionId: requisition.id,
        reviewerId: reviewer,
        prospectIds: tray.prospectIds,
        activityIds: tray.prospectIds.map(() => ulid()),
        message,
      });
      await clearTray(db);
      setMessage('');
      setEmptied({
        from: tray.prospectIds,
        text: `Sent ${plural(people.length, 'person', 'people')} to ${reviewerName} for review.`,
        // Withdraws the request and puts the batch back, to change and send again.
        undo: async () => {
          if (requestId) await mutate(db, reviewCancel, { requestId });
          await restoreTray(db, tray);
        },
      });
    });

  const clear = () =>
    run(async () => {
      await clearTray(db);
      setEmptied({ text: 'Batch cleared.', from: tray.prospectIds, undo: async () => void (await restoreTray(db, tray)) });
    });

  return (
    <section className="batch-tray" aria-labelledby="tray-heading" data-testid="batch-tray">
      <h2 id="tray-heading">
        Review batch
        {requisition && (
          <>
            {' · '}
            <span dir="auto">{requisition.title}</span>
          </>
        )}{' '}
        ({people.length})
      </h2>
      <ol className="tray-list">
        {people.map((p, i) => (
          <li key={p.id} data-testid="tray-item">
            <span className="tray-name" dir="auto">
              {p.name}
            </span>
            {alreadyWith.has(p.id) && (
              <span className="muted small">
                {' '}
                · already in review with <span dir="auto">{reviewerName}</span>
              </span>
            )}
            <span className="tray-actions">
              <button type="button" className="icon small" aria-label={`Move ${p.name} up`} disabled={i === 0} onClick={() => void moveInTray(db, p.id, -1)}>
                ↑
              </button>
              <button type="button" className="icon small" aria-label={`Move ${p.name} down`} disabled={i === people.length - 1} onClick={() => void moveInTray(db, p.id, 1)}>
                ↓
              </button>
              <button type="button" className="icon small" aria-label={`Remove ${p.name} from the batch`} onClick={() => void removeFromTray(db, p.id)}>
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      {mayRequest ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <label htmlFor="tray-reviewer">Reviewer</label>
          <select id="tray-reviewer" value={reviewer} onChange={(e) => setReviewerId(e.target.value)} required>
            <option value="" disabled>
              Choose a reviewer
            </option>
            {reviewers.map((m) => (
              <option key={m.id} value={m.id}>
                {pickerLabel(m, { withRole: true })}
              </option>
            ))}
          </select>
          {!compact && (
            <>
              <label htmlFor="tray-message">Message</label>
              <textarea
                id="tray-message"
                rows={2}
                dir="auto"
                {...limitProps('tray-message', messageSize)}
                value={message}
                placeholder="What should they look for?"
                onChange={(e) => setMessage(e.target.value)}
              />
              <TextLimit id="tray-message" size={messageSize} />
            </>
          )}
          {blocked.length > 0 && (
            <p className="error small" data-testid="tray-blocked" id="tray-blocked">
              <span dir="auto">{blocked.map((p) => p.name).join(', ')}</span> {blocked.length === 1 ? 'is' : 'are'} already in review with{' '}
              <span dir="auto">{reviewerName}</span> for this requisition: remove them from the batch or choose another reviewer.
            </p>
          )}
          <div className="row">
            <button type="button" onClick={() => void clear()}>
              Clear
            </button>
            <button type="submit" data-testid="send-for-review" disabled={!reviewer || !requisition || blocked.length > 0 || isTooLong(messageSize)} aria-describedby={blocked.length > 0 ? 'tray-blocked' : undefined}>
              Send for review
            </button>
          </div>
        </form>
      ) : (
        <p className="muted small">Hiring managers review batches; a recruiter or sourcer sends them.</p>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
