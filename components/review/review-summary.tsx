import type { Verdict } from '@/lib/model';
import type { ReviewPerson } from './use-review-data';

/** "5 approved, 3 rejected" (and how many wait, while some do). */
export function resultText(verdicts: (Verdict | null)[]): string {
  const approved = verdicts.filter((v) => v === 'approve').length;
  const rejected = verdicts.filter((v) => v === 'reject').length;
  const waiting = verdicts.length - approved - rejected;
  return `${approved} approved, ${rejected} rejected${waiting ? `, ${waiting} waiting` : ''}`;
}

interface ResultsProps {
  people: ReviewPerson[];
  verdictOf: (person: ReviewPerson) => Verdict | null;
  /** When given, each name opens that person. */
  onOpen?: (index: number) => void;
}

/** Everyone in the request with where they stand. */
export function PeopleResults({ people, verdictOf, onOpen }: ResultsProps) {
  return (
    <ol className="review-results" data-testid="review-results">
      {people.map((person, i) => {
        const verdict = verdictOf(person);
        const name = person.prospect?.name ?? 'Someone no longer in Tandem';
        const dir = person.prospect ? 'auto' : undefined;
        return (
          <li key={person.key} data-verdict={verdict ?? 'none'}>
            <span className={`verdict-tag verdict-${verdict ?? 'none'}`}>{verdict === 'approve' ? 'Approved' : verdict === 'reject' ? 'Rejected' : 'Waiting'}</span>
            {onOpen ? (
              <button type="button" className="link" dir={dir} onClick={() => onOpen(i)}>
                {name}
              </button>
            ) : (
              <span dir={dir}>{name}</span>
            )}
            {verdict && person.decision?.note && (
              <span className="muted small">
                {' — “'}
                <span dir="auto">{person.decision.note}</span>”
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

interface SummaryProps extends ResultsProps {
  canUndo: boolean;
}

/** What the reviewer sees once every person has a decision. */
export function ReviewSummary({ people, verdictOf, onOpen, canUndo }: SummaryProps) {
  return (
    <article className="review-summary" aria-labelledby="review-complete-heading">
      <h1 id="review-complete-heading" data-testid="review-complete">
        Review complete
      </h1>
      <p className="review-tally" data-testid="review-result">
        {resultText(people.map(verdictOf))}
      </p>
      <p className="muted">Every decision is in each person’s history, where the whole team sees it.</p>
      <PeopleResults people={people} verdictOf={verdictOf} onOpen={onOpen} />
      <p className="row start">
        <a href="review.html">Back to your reviews</a>
        {canUndo && (
          <span className="muted small">
            Press <kbd>U</kbd> to undo your last decision.
          </span>
        )}
      </p>
    </article>
  );
}
