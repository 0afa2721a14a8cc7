import { memo } from 'react';
import { CLOSED_STATUSES, type BoardLayout, type ClosedStatus } from './board-model';

const LABELS: Record<ClosedStatus, string> = { hired: 'Hired', rejected: 'Rejected by us', withdrew: 'Withdrew' };

/**
 * People whose process ended are not in the stage columns; they are counted here (folded away,
 * since the board is about who is still in process), so the board accounts for everyone.
 */
export const ClosedEntries = memo(function ClosedEntries({ closed }: { closed: BoardLayout['closed'] }) {
  const total = CLOSED_STATUSES.reduce((n, s) => n + closed[s].length, 0);
  return (
    <details className="board-closed" data-testid="board-closed">
      <summary>
        Closed: <span data-metric="board-closed" data-value={total}>{total}</span>
        {CLOSED_STATUSES.map((status) => (
          <span key={status}>
            {' · '}
            {LABELS[status]} <span data-metric={`board-closed:${status}`} data-value={closed[status].length}>{closed[status].length}</span>
          </span>
        ))}
      </summary>
      {CLOSED_STATUSES.filter((s) => closed[s].length > 0).map((status) => (
        <div key={status}>
          <h3>{LABELS[status]}</h3>
          <ul className="board-closed-list">
            {closed[status].map((card) => (
              <li key={card.prospectId} data-prospect-id={card.prospectId}>
                <span dir="auto">{card.name}</span>
                <span className="small muted">
                  {' '}
                  (at <span dir="auto">{card.stage}</span>)
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </details>
  );
});
