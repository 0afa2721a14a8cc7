import { type DraggableAttributes, type DraggableSyntheticListeners, useDraggable } from '@dnd-kit/core';
import { memo } from 'react';
import { RelativeTime } from '@/components/ui/relative-time';
import type { CardFacts } from './board-model';
import { MoveMenu } from './move-menu';

/** What a drag carries: enough for the drop to know the move without looking anything up. */
export interface CardDragData {
  name: string;
  stage: string;
}

type Move = (prospectId: string, name: string, from: string, to: string) => void;

interface Props extends CardFacts {
  now: number;
  /** The stages a card may be moved to; null when this member cannot move it (read only). */
  stages: readonly string[] | null;
  onMove: Move;
}

const days = (n: number) => {
  const whole = Math.floor(n);
  return `${whole} ${whole === 1 ? 'day' : 'days'}`;
};

/**
 * One person on the board. dnd-kit's context changes at every drag's start and end, which
 * re-renders each draggable: this wrapper takes that, and the card's body (everything drawn)
 * only re-renders when its own facts change, so a move on a 500-card board touches two cards.
 */
export const BoardCard = memo(function BoardCard(props: Props) {
  const data: CardDragData = { name: props.name, stage: props.stage };
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({ id: props.prospectId, data, disabled: props.stages === null });
  return <CardBody {...props} attributes={props.stages ? attributes : null} listeners={listeners} setNodeRef={setNodeRef} setActivatorNodeRef={setActivatorNodeRef} isDragging={isDragging} />;
});

interface BodyProps extends Props {
  attributes: DraggableAttributes | null;
  listeners: DraggableSyntheticListeners;
  setNodeRef: (element: HTMLElement | null) => void;
  setActivatorNodeRef: (element: HTMLElement | null) => void;
  isDragging: boolean;
}

const CardBody = memo(function CardBody(props: BodyProps) {
  const { prospectId, name, headline, stage, days: inStage, lastActivityAt, waiting, overdue, needsAttention, now, stages, onMove } = props;
  return (
    <li
      ref={props.setNodeRef}
      {...props.listeners}
      className={`board-card${props.isDragging ? ' board-card-dragging' : ''}${needsAttention ? ' board-card-attention' : ''}`}
      data-testid="board-card"
      data-prospect-id={prospectId}
      data-stage={stage}
    >
      <div ref={props.setActivatorNodeRef} {...props.attributes} className="board-card-handle">
        <span className="board-card-name" dir="auto">
          {name}
        </span>
        {headline && (
          <span className="board-card-headline small muted" dir="auto">
            {headline}
          </span>
        )}
      </div>
      <p className="board-card-facts small">
        {inStage !== null && (
          <span data-metric={`days-in-stage:${prospectId}`} data-value={inStage}>
            {days(inStage)} in stage
          </span>
        )}
        {lastActivityAt !== null && (
          <span className="muted">
            {' · last activity '}
            <RelativeTime at={lastActivityAt} now={now} />
          </span>
        )}
      </p>
      {(waiting || needsAttention) && (
        <p className="board-card-marks small">
          {waiting && (
            <span className={`board-mark${overdue ? ' board-mark-overdue' : ''}`} data-mark={overdue ? 'review-overdue' : 'waiting-on-review'}>
              {overdue ? 'Review overdue' : 'Waiting on review'}
            </span>
          )}
          {needsAttention && !overdue && (
            <span className="board-mark" data-mark="needs-attention">
              Longer than usual here
            </span>
          )}
        </p>
      )}
      {stages && <MoveMenu name={name} stage={stage} stages={stages} onMove={(to) => onMove(prospectId, name, stage, to)} />}
    </li>
  );
});
