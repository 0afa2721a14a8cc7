import { useDroppable } from '@dnd-kit/core';
import { memo, useId } from 'react';
import { BoardCard } from './board-card';
import type { BoardColumn as Column } from './board-model';

interface Props {
  column: Column;
  now: number;
  stages: readonly string[] | null;
  filtered: boolean;
  onMove: (prospectId: string, name: string, from: string, to: string) => void;
}

/** A stage's column: its count, then its cards; a drop target unless the stage is gone from the requisition. */
export const BoardColumn = memo(function BoardColumn({ column, now, stages, filtered, onMove }: Props) {
  const { stage, current, count, cards } = column;
  const { setNodeRef, isOver } = useDroppable({ id: stage, disabled: !current || stages === null });
  const heading = useId();
  return (
    <section ref={setNodeRef} className={`board-column${isOver ? ' board-column-over' : ''}`} data-testid="board-column" data-stage={stage} aria-labelledby={heading}>
      <h3 id={heading}>
        <span dir="auto">{stage}</span>
        {!current && <span className="small muted"> (no longer a stage)</span>}{' '}
        <span className="board-count" data-metric={`board-count:${stage}`} data-value={count}>
          {filtered && cards.length !== count ? `${cards.length} of ${count}` : count}
        </span>
      </h3>
      {cards.length === 0 ? (
        <p className="small muted">{count === 0 ? 'Nobody here.' : 'Nobody here needs attention.'}</p>
      ) : (
        <ul className="board-cards">
          {cards.map((card) => (
            <BoardCard key={card.prospectId} {...card} now={now} stages={stages} onMove={onMove} />
          ))}
        </ul>
      )}
    </section>
  );
});
