import type { RefObject } from 'react';
import { ErrorMessage } from '@/components/ui/error-message';
import { RelativeTime } from '@/components/ui/relative-time';
import { TextLimit, limitProps, measureText } from '@/components/ui/text-limit';
import { Parts } from '@/components/ui/user-text';
import { joined } from '@/lib/text-parts';
import { MESSAGE_MAX_BYTES, type ReviewDecision, type Verdict } from '@/lib/model';
import type { Draft, Mark } from './review-store';
import { Scorecard, type ScorecardItem } from './scorecard';
import { ariaKeys, keyLabel } from './shortcuts';

interface Props {
  items: ScorecardItem[];
  draft: Draft;
  decided: boolean;
  /** The standing decision; undefined while a decision just made is on its way back from the database. */
  decision: ReviewDecision | undefined;
  /** The request takes no decisions (reassigned, withdrawn); the controls still ask the mutation, which explains. */
  closed: boolean;
  busy: boolean;
  error: string | null;
  now: number;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  onMark: (item: string, mark: Mark | null) => void;
  onNote: (note: string) => void;
  onDecide: (verdict: Verdict) => void;
  onUndoDecision: (decision: ReviewDecision) => void;
}

/** The reviewer's verdict on the person in view: scorecard, note, approve or reject. */
export function DecisionPanel({ items, draft, decided, decision, closed, busy, error, now, noteRef, onMark, onNote, onDecide, onUndoDecision }: Props) {
  // A decided person or a closed request: the buttons stay (and still explain via the
  // mutation's refusal when pressed), but say they are not expected to work.
  const unavailable = decided || closed;
  return (
    <section className="decision-panel" aria-labelledby="review-decision-heading">
      <h2 id="review-decision-heading">Your decision</h2>
      {decision ? (
        <DecisionSummary decision={decision} now={now} onUndo={closed ? undefined : () => onUndoDecision(decision)} />
      ) : decided ? (
        <p className="muted">Decision saved.</p>
      ) : (
        <>
          <Scorecard items={items} marks={draft.marks} onMark={onMark} />
          <label htmlFor="review-note">
            Note <span className="muted">(optional)</span>
          </label>
          <textarea
            id="review-note"
            ref={noteRef}
            data-testid="review-note"
            rows={3}
            dir="auto"
            {...limitProps('review-note', measureText(draft.note, MESSAGE_MAX_BYTES))}
            value={draft.note}
            placeholder="Why, for the recruiter and the team"
            onChange={(e) => onNote(e.target.value)}
          />
          <TextLimit id="review-note" size={measureText(draft.note, MESSAGE_MAX_BYTES)} />
        </>
      )}
      <div className="verdict-buttons">
        <VerdictButton verdict="approve" label="Approve" unavailable={unavailable || busy} onDecide={onDecide} />
        <VerdictButton verdict="reject" label="Reject" unavailable={unavailable || busy} onDecide={onDecide} />
      </div>
      <ErrorMessage error={error} />
    </section>
  );
}

/** One verdict's button, with its shortcut key; `unavailable` only marks it (see DecisionPanel). */
function VerdictButton({ verdict, label, unavailable, onDecide }: { verdict: Verdict; label: string; unavailable: boolean; onDecide: (verdict: Verdict) => void }) {
  return (
    <button type="button" className={verdict} data-testid={`review-${verdict}`} aria-disabled={unavailable} aria-keyshortcuts={ariaKeys(verdict)} onClick={() => onDecide(verdict)}>
      {label} <kbd aria-hidden="true">{keyLabel(verdict)}</kbd>
    </button>
  );
}

function DecisionSummary({ decision, now, onUndo }: { decision: ReviewDecision; now: number; onUndo: (() => void) | undefined }) {
  const approved = decision.verdict === 'approve';
  return (
    <div className={`decision-summary verdict-${decision.verdict}`} data-testid="review-decision" data-verdict={decision.verdict}>
      <p>
        <strong>{approved ? 'Approved' : 'Rejected'}</strong> <RelativeTime at={decision.decidedAt} now={now} />
      </p>
      {decision.met.length > 0 && (
        <p className="small">
          <Parts parts={['Meets: ', ...joined(decision.met)]} />
        </p>
      )}
      {decision.missing.length > 0 && (
        <p className="small">
          <Parts parts={['Missing: ', ...joined(decision.missing)]} />
        </p>
      )}
      {decision.note && (
        <p className="small decision-note">
          “<span dir="auto">{decision.note}</span>”
        </p>
      )}
      {onUndo && (
        <button type="button" className="link" onClick={onUndo}>
          Undo this decision
        </button>
      )}
    </div>
  );
}
