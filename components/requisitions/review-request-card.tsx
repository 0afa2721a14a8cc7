import { formatDistanceStrict } from 'date-fns';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ulid } from 'ulidx';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { TextLimit, isTooLong, limitProps, measureText } from '@/components/ui/text-limit';
import { useAction } from '@/components/ui/use-action';
import { useFleeting } from '@/components/ui/use-fleeting';
import { LongText } from '@/components/ui/long-text';
import { RelativeTime } from '@/components/ui/relative-time';
import { Parts } from '@/components/ui/user-text';
import { type TextPart, joined, user } from '@/lib/text-parts';
import { decisionsForRequest } from '@/lib/db/review-queries';
import { resolvePeople } from '@/lib/db/queries';
import { MESSAGE_MAX_BYTES, canNudgeReview, canReassignReview, canReviewFor, type Me, type Member, type Requisition, type ReviewDecision, type ReviewRequest } from '@/lib/model';
import { reviewCancel, reviewNudge, reviewReassign } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { readSession } from '@/lib/sync/session';
import { withdrawReviewLink } from '@/lib/sync/review-links';
import { profileLink } from '@/lib/sites/profile-link';
import { isOverdue } from '@/lib/deadlines';
import {
  eventText,
  formatDateTime,
  latenessText,
  progressText,
  requestResultText,
  resultText,
  tallyRequest,
  type Names,
} from '@/lib/review/summaries';
import { CopyButton } from './copy-button';
import { MemberOptions } from './member-options';
import { nameOf, rolesFirst } from './team';

/**
 * Which request card should take focus when it next renders: after a withdrawal the card moves
 * to "Past reviews", after a reassignment a new card appears; focus goes to its heading rather
 * than falling back to the page.
 */
export interface FocusTarget {
  set(requestId: string): void;
  take(requestId: string): boolean;
}

export function useFocusTarget(): FocusTarget {
  const target = useRef<string | null>(null);
  return useMemo(
    () => ({
      set: (id) => void (target.current = id),
      take: (id) => {
        if (target.current !== id) return false;
        target.current = null;
        return true;
      },
    }),
    [],
  );
}

interface Props {
  request: ReviewRequest;
  requisition: Requisition;
  me: Me;
  members: ReadonlyMap<string, Member>;
  now: number;
  focusTarget: FocusTarget;
}

const STATUS_LABELS: Record<ReviewRequest['status'], string> = { open: 'Open', completed: 'Complete', cancelled: 'Withdrawn', reassigned: 'Reassigned' };

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The deadline as it stands: "due 30 Jun, 14:05" while open; for a completed review, when and
 * how it finished against the deadline ("completed 29 Jun, 10:00, 1 day before the deadline");
 * for a withdrawn or reassigned one, just the deadline it had.
 */
function deadlineText(request: ReviewRequest, decisions: readonly ReviewDecision[]): string {
  const due = formatDateTime(request.dueAt);
  if (request.status === 'open') return `due ${due}`;
  if (request.status !== 'completed' || decisions.length === 0) return `deadline ${due}`;
  const finishedAt = Math.max(...decisions.map((d) => d.decidedAt));
  const side = finishedAt <= request.dueAt ? 'before' : 'after';
  return `completed ${formatDateTime(finishedAt)}, ${formatDistanceStrict(finishedAt, request.dueAt)} ${side} the deadline`;
}

/** One review request: who, when, how late, how far along, the result, its history and what the recruiter can do. */
export function ReviewRequestCard({ request, requisition, me, members, now, focusTarget }: Props) {
  const db = useDb();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const reassignButton = useRef<HTMLButtonElement>(null);
  const [mode, setMode] = useState<'idle' | 'reassign' | 'withdraw'>('idle');
  const [notice, setNotice] = useState<TextPart[]>([]);
  useFleeting(notice, useCallback(() => setNotice([]), []));
  const { run: runAction, error, busy, clearError } = useAction();

  const ids = request.prospectIds.join(' ');
  const data = useLiveQuery(async () => {
    const prospectIds = ids.split(' ');
    const [decisions, people, previous] = await Promise.all([
      decisionsForRequest(db, request.id),
      resolvePeople(db, prospectIds),
      request.reassignedFrom ? db.reviewRequests.get(request.reassignedFrom) : undefined,
    ]);
    const byId = new Map(prospectIds.map((id, i) => [id, people[i]]));
    return { decisions, people: byId, previousReviewer: previous?.reviewerId ?? null };
  }, [db, request.id, ids, request.reassignedFrom]);

  // On mount only: the card that asked for focus re-renders first, and must not take it itself.
  useEffect(() => {
    if (focusTarget.take(request.id)) heading.current?.focus();
  }, [focusTarget, request.id]);

  const names: Names = {
    member: (id) => nameOf(members, id),
    person: (id) => {
      const p = data?.people.get(id);
      return p && p.deletedAt === null ? p.name : 'A person no longer in Tandem';
    },
  };
  const decisions = data?.decisions ?? [];
  const tally = tallyRequest(request, decisions, [...requisition.mustHaves, ...requisition.niceToHaves]);
  const overdue = isOverdue(request, now);
  const lateness = latenessText(request, now);
  const reviewer = names.member(request.reviewerId);
  const open = request.status === 'open';
  const mayNudge = open && canNudgeReview(request, requisition, me.memberId, me.role);
  const mayReassign = open && canReassignReview(request, me.memberId, me.role);
  // Mailed links come from the team server: a device that is not signed in to one has none to withdraw.
  const signedIn = useLiveQuery(async () => (await readSession(db)) !== undefined, [db]) ?? false;
  const mayWithdrawLink = mayNudge && signedIn;

  const run = (action: () => Promise<unknown>) => {
    setNotice([]);
    return runAction(action);
  };

  const nudge = async () => {
    if (await run(() => mutate(db, reviewNudge, { requestId: request.id }))) setNotice(['Nudged ', user(reviewer), ': they get a reminder now.']);
  };

  const withdrawLink = async () => {
    let revoked = 0;
    if (await run(async () => void (revoked = await withdrawReviewLink(db, request.id)))) {
      setNotice([revoked > 0 ? 'Withdrew the mailed link: it no longer opens this review, and no mail carries it again.' : 'The mailed link was already withdrawn.']);
    }
  };

  // The card moves to "Past reviews" (and a reassignment adds a new one): say where focus goes
  // before the write, as the live query may re-render before the mutation's promise settles.
  const withdraw = async () => {
    focusTarget.set(request.id);
    if (await run(() => mutate(db, reviewCancel, { requestId: request.id }))) setMode('idle');
    else focusTarget.take(request.id);
  };

  const reassign = async (reviewerId: string, message: string) => {
    const newRequestId = ulid();
    focusTarget.set(newRequestId);
    if (await run(() => mutate(db, reviewReassign, { requestId: request.id, newRequestId, reviewerId, message }))) setMode('idle');
    else focusTarget.take(newRequestId);
  };

  const closeMode = () => {
    const opener = mode === 'reassign' ? reassignButton : withdrawButton;
    setMode('idle');
    clearError();
    opener.current?.focus();
  };

  return (
    <li className={`review-card${overdue ? ' overdue' : ''}`} data-testid="review-request" data-status={overdue ? 'overdue' : request.status} aria-labelledby={headingId}>
      <div className="review-card-head">
        <h4 id={headingId} ref={heading} tabIndex={-1}>
          Review by <span dir="auto">{reviewer}</span>
        </h4>
        <span className={`status-pill request-${overdue ? 'overdue' : request.status}`}>{overdue ? 'Overdue' : STATUS_LABELS[request.status]}</span>
      </div>
      <p className="small muted review-dates">
        Sent by <span dir="auto">{names.member(request.requesterId)}</span>{' '}
        <RelativeTime at={request.createdAt} now={now} />
        {` (${formatDateTime(request.createdAt)}) · ${deadlineText(request, tally.decisions)}`}
      </p>
      {lateness && (
        <p className="lateness" data-testid="request-lateness">
          {sentence(lateness)}
        </p>
      )}
      {data?.previousReviewer && (
        <p className="small muted">
          Took over the people <span dir="auto">{names.member(data.previousReviewer)}</span> had not decided.
        </p>
      )}
      <div className="review-progress">
        <progress max={tally.total} value={tally.decided} aria-hidden="true" />
        <span data-testid="request-progress">{progressText(tally)}</span>
      </div>
      <p className="review-result" data-testid="request-result">
        {resultText({ ...tally, topReason: null })}
        {tally.topReason !== null && (
          <>
            ; most given reason: <span dir="auto">{tally.topReason}</span>
          </>
        )}
      </p>
      {request.message && (
        <div className="review-message">
          <span className="muted">Message: </span>
          <LongText className="review-message-text" text={request.message} />
        </div>
      )}
      {request.history.length > 0 && (
        <ul className="review-history" aria-label="History" data-testid="request-history">
          {request.history.map((e) => (
            <li key={`${e.kind}-${e.by}-${e.at}`}>
              <Parts parts={eventText(e, names)} />{' '}
              <RelativeTime at={e.at} now={now} />
            </li>
          ))}
        </ul>
      )}
      <details className="review-people">
        <summary>{`People (${request.prospectIds.length})`}</summary>
        <ul>
          {request.prospectIds.map((id) => (
            <PersonOutcome key={id} name={names.person(id)} url={profileLink(data?.people.get(id)?.profiles[0])} decision={tally.decisions.find((d) => d.prospectId === id)} />
          ))}
        </ul>
      </details>

      <div className="button-row review-actions">
        {mayNudge && (
          <button type="button" disabled={busy} aria-describedby={headingId} onClick={() => void nudge()}>
            Nudge
          </button>
        )}
        {mayWithdrawLink && (
          <button type="button" disabled={busy} aria-describedby={headingId} onClick={() => void withdrawLink()}>
            Withdraw mailed link
          </button>
        )}
        {mayReassign && (
          <button
            type="button"
            ref={reassignButton}
            disabled={busy}
            aria-expanded={mode === 'reassign'}
            aria-describedby={headingId}
            onClick={() => (mode === 'reassign' ? closeMode() : (clearError(), setMode('reassign')))}
          >
            Reassign…
          </button>
        )}
        {mayReassign && (
          <button
            type="button"
            ref={withdrawButton}
            className="danger-outline"
            disabled={busy}
            aria-expanded={mode === 'withdraw'}
            aria-describedby={headingId}
            onClick={() => (mode === 'withdraw' ? closeMode() : (clearError(), setMode('withdraw')))}
          >
            Withdraw
          </button>
        )}
        <CopyButton
          label="Copy result"
          testId="copy-result"
          text={() => requestResultText({ requisition, request, decisions, names, now: Date.now() })}
        />
      </div>

      {mode === 'reassign' && (
        <ReassignForm
          request={request}
          requisition={requisition}
          members={members}
          waiting={tally.waiting.length}
          busy={busy}
          onCancel={closeMode}
          onSubmit={reassign}
        />
      )}
      {mode === 'withdraw' && (
        <div className="confirm" role="group" aria-labelledby={`${headingId}-confirm`} onKeyDown={(e) => e.key === 'Escape' && closeMode()}>
          <p id={`${headingId}-confirm`}>
            Withdraw this review?{' '}
            {tally.waiting.length > 0 && (
              <>
                <span dir="auto">{reviewer}</span> will no longer be asked about the {tally.waiting.length} waiting.{' '}
              </>
            )}
            Decisions already made stay.
          </p>
          <div className="button-row">
            <button type="button" className="danger" disabled={busy} onClick={() => void withdraw()}>
              Withdraw review
            </button>
            <button type="button" autoFocus onClick={closeMode}>
              Keep it
            </button>
          </div>
        </div>
      )}
      <p className="small muted" role="status">
        <Parts parts={notice} />
      </p>
      <ErrorMessage error={error} />
    </li>
  );
}

function PersonOutcome({ name, url, decision }: { name: string; url: string | undefined; decision: ReviewDecision | undefined }) {
  const items = decision ? (decision.verdict === 'approve' ? decision.met : decision.missing) : [];
  return (
    <li>
      {url ? (
        <a href={url} target="_blank" rel="noreferrer" dir="auto">
          {name}
        </a>
      ) : (
        <span dir="auto">{name}</span>
      )}
      {': '}
      <span className={decision ? `verdict verdict-${decision.verdict}` : 'verdict muted'}>{decision ? (decision.verdict === 'approve' ? 'Approved' : 'Rejected') : 'Waiting'}</span>
      {items.length > 0 && (
        <span className="muted">
          <Parts parts={[` · ${decision!.verdict === 'approve' ? 'met' : 'missing'}: `, ...joined(items)]} />
        </span>
      )}
      {decision?.note && (
        <span className="person-note">
          {' “'}
          <span dir="auto">{decision.note}</span>”
        </span>
      )}
    </li>
  );
}

interface ReassignProps {
  request: ReviewRequest;
  requisition: Requisition;
  members: ReadonlyMap<string, Member>;
  waiting: number;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (reviewerId: string, message: string) => Promise<void>;
}

function ReassignForm({ request, requisition, members, waiting, busy, onCancel, onSubmit }: ReassignProps) {
  const base = useId();
  const candidates = rolesFirst(
    [...members.values()].filter((m) => m.id !== request.reviewerId && canReviewFor(request, m.id)),
    ['hiring_manager'],
  );
  const all = [...candidates.preferred, ...candidates.others];
  // The role's hiring manager when they can take it; otherwise the requester chooses (a first
  // name in the list would be a guess, sent with one click).
  const [reviewerId, setReviewerId] = useState(() => (all.some((m) => m.id === requisition.hiringManagerId) ? requisition.hiringManagerId : ''));
  const [message, setMessage] = useState('');
  const size = measureText(message, MESSAGE_MAX_BYTES);

  return (
    <form
      className="reassign-form"
      aria-label="Reassign this review"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      onSubmit={(e) => {
        e.preventDefault();
        if (reviewerId) void onSubmit(reviewerId, message);
      }}
    >
      {all.length === 0 ? (
        <p className="muted">There is nobody else in the team to hand this review to.</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${base}-reviewer`}>New reviewer</label>
            <select id={`${base}-reviewer`} autoFocus value={reviewerId} onChange={(e) => setReviewerId(e.target.value)}>
              {reviewerId === '' && <option value="">Choose the new reviewer</option>}
              <MemberOptions {...candidates} />
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${base}-message`}>Message to the new reviewer (optional)</label>
            <textarea id={`${base}-message`} rows={2} dir="auto" {...limitProps(`${base}-message`, size)} value={message} onChange={(e) => setMessage(e.target.value)} />
            <TextLimit id={`${base}-message`} size={size} />
          </div>
          <p className="small muted">
            {`The ${waiting} not yet decided move to a new review, due ${requisition.feedbackSlaHours} hours after you reassign it. Decisions already made stay with this one.`}
          </p>
        </>
      )}
      <div className="button-row">
        <button type="submit" disabled={busy || !reviewerId || isTooLong(size)}>
          Reassign
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
