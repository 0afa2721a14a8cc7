import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { useDb } from '@/components/ui/db-context';
import { plural } from '@/components/ui/plural';
import { Parts } from '@/components/ui/user-text';
import { joined } from '@/lib/text-parts';
import { requestsForRequisition } from '@/lib/db/review-queries';
import { canEditRequisition, type Me, type Member, type Requisition } from '@/lib/model';
import { REQUISITION_STATUS_LABELS, formatDay, intakeSummaryText } from '@/lib/review/summaries';
import { CopyButton } from './copy-button';
import { ReviewRequestCard, useFocusTarget } from './review-request-card';
import { nameOf } from './team';

interface Props {
  requisition: Requisition;
  me: Me;
  members: ReadonlyMap<string, Member>;
  now: number;
  onEdit: () => void;
  /** Move focus to the heading when shown (after choosing it, saving or cancelling an edit). */
  focusHeading: boolean;
  notice: string | null;
}

/** The intake as agreed, its scorecard, and every review request sent for it. */
export function RequisitionView({ requisition, me, members, now, onEdit, focusHeading, notice }: Props) {
  const db = useDb();
  const heading = useRef<HTMLHeadingElement>(null);
  const requests = useLiveQuery(() => requestsForRequisition(db, requisition.id), [db, requisition.id]);
  const focusTarget = useFocusTarget();
  const canEdit = canEditRequisition(requisition, me.memberId, me.role);
  const name = (id: string) => nameOf(members, id);

  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading, requisition.id]);

  const open = (requests ?? []).filter((r) => r.status === 'open').sort((a, b) => a.dueAt - b.dueAt);
  const past = (requests ?? []).filter((r) => r.status !== 'open');
  const recruiters = requisition.recruiterIds.map(name);
  const hires = plural(requisition.targetHires, 'hire', 'hires');

  return (
    <article className="requisition-view" aria-labelledby="requisition-title" data-testid="requisition-view">
      <header className="requisition-header">
        <div>
          <h2 id="requisition-title" ref={heading} tabIndex={-1} dir="auto">
            {requisition.title}
          </h2>
          <p className="muted">
            <span className={`status-pill status-${requisition.status}`}>{REQUISITION_STATUS_LABELS[requisition.status]}</span>
            {!canEdit && <span className="small"> Read only: recruiters, admins and its hiring manager edit this intake.</span>}
          </p>
        </div>
        <div className="button-row">
          {canEdit && (
            <button type="button" onClick={onEdit} data-testid="requisition-edit">
              Edit intake
            </button>
          )}
          <a className="button-link" href={`dashboard.html#board/${requisition.id}`} data-testid="requisition-board-link">
            Pipeline board
          </a>
          <a className="button-link" href={`dashboard.html#checkin/${requisition.id}`}>
            Weekly check-in
          </a>
          <CopyButton label="Copy intake summary" testId="copy-intake" text={() => intakeSummaryText(requisition, { member: name })} />
        </div>
      </header>
      <p role="status" className="saved">
        {notice}
      </p>

      <section aria-labelledby="intake-heading" className="intake">
        <h3 id="intake-heading">Intake</h3>
        <dl className="intake-facts">
          <div>
            <dt>Hiring manager</dt>
            <dd data-testid="intake-manager" dir="auto">
              {name(requisition.hiringManagerId)}
            </dd>
          </div>
          <div>
            <dt>Recruiters</dt>
            <dd>{recruiters.length === 0 ? 'None yet' : <Parts parts={joined(recruiters)} />}</dd>
          </div>
          <div>
            <dt>Feedback deadline</dt>
            <dd>{`${plural(requisition.feedbackSlaHours, 'hour', 'hours')} after a review is sent`}</dd>
          </div>
          <div>
            <dt>Target</dt>
            <dd>{requisition.targetDate === null ? hires : `${hires} by ${formatDay(requisition.targetDate)}`}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="scorecard-heading">
        <h3 id="scorecard-heading">Scorecard</h3>
        <div className="scorecard-columns">
          <ScorecardList title="Must-haves" items={requisition.mustHaves} testId="scorecard-must" canEdit={canEdit} />
          <ScorecardList title="Nice-to-haves" items={requisition.niceToHaves} testId="scorecard-nice" canEdit={canEdit} />
        </div>
      </section>

      <section aria-labelledby="stages-heading">
        <h3 id="stages-heading">Stages</h3>
        <ol className="stage-chain" data-testid="stages-view">
          {requisition.stages.map((s, i) => (
            <li key={`${i}-${s}`} dir="auto">
              {s}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="open-reviews-heading">
        <h3 id="open-reviews-heading">{`Open reviews (${open.length})`}</h3>
        {requests !== undefined && open.length === 0 && (
          <p className="muted">Nothing waiting for a reviewer. Add people to a review batch from the sidebar on their profile, then send it.</p>
        )}
        <ul className="review-cards" data-testid="open-reviews">
          {open.map((r) => (
            <ReviewRequestCard key={r.id} request={r} requisition={requisition} me={me} members={members} now={now} focusTarget={focusTarget} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="past-reviews-heading">
        <h3 id="past-reviews-heading">{`Past reviews (${past.length})`}</h3>
        {requests !== undefined && past.length === 0 && <p className="muted">Completed, withdrawn and reassigned reviews appear here.</p>}
        <ul className="review-cards" data-testid="past-reviews">
          {past.map((r) => (
            <ReviewRequestCard key={r.id} request={r} requisition={requisition} me={me} members={members} now={now} focusTarget={focusTarget} />
          ))}
        </ul>
      </section>
    </article>
  );
}

function ScorecardList({ title, items, testId, canEdit }: { title: string; items: string[]; testId: string; canEdit: boolean }) {
  return (
    <div className="scorecard-list">
      <h4>{title}</h4>
      {items.length === 0 ? (
        <p className="muted small">{canEdit ? 'None yet. Add them with Edit intake.' : 'None yet.'}</p>
      ) : (
        <ol data-testid={testId}>
          {items.map((item, i) => (
            <li key={`${i}-${item}`} dir="auto">
              {item}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
