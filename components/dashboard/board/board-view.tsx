import { DndContext, type DragEndEvent, DragOverlay, type DragStartEvent, KeyboardSensor, PointerSensor, useSensor, useSensors } from '@dnd-kit/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ulid } from 'ulidx';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage, errorText } from '@/components/ui/error-message';
import { useUndo } from '@/components/ui/undo-store';
import { UndoToast } from '@/components/ui/undo-toast';
import { boardData } from '@/lib/db/board-queries';
import { mutate } from '@/lib/db/mutate';
import { canMovePipeline } from '@/lib/model';
import { pipelineMove } from '@/lib/mutations';
import type { DashboardViewProps } from '../dashboard-view-props';
import type { CardDragData } from './board-card';
import { BoardColumn } from './board-column';
import { ANNOUNCEMENTS, SCREEN_READER_INSTRUCTIONS, columnByColumn } from './board-dnd';
import { type PendingMove, boardFacts, boardLayout } from './board-model';
import { ClosedEntries } from './closed-entries';

// Module constants: dnd-kit memoises its sensors on these objects, and new ones at each render
// would hand every card new listeners, re-rendering all 500 cards on each move.
/** A press that moves less than 5 px is a click (on "Move to…", say), not a drag. */
const POINTER = { activationConstraint: { distance: 5 } };
const KEYBOARD = { coordinateGetter: columnByColumn };

/**
 * The pipeline board of one requisition (issue 10, point 2): a column per stage, a card per
 * person at it. Dragging a card (or "Move to…") is a `pipeline.move`; the card is drawn at its
 * new stage at once and goes back, with the reason, if the move is refused.
 */
export function BoardView({ me, requisition, now }: DashboardViewProps) {
  const db = useDb();
  const req = requisition!;
  const data = useLiveQuery(() => boardData(db, req.id), [db, req.id]);
  const [pending, setPending] = useState<ReadonlyMap<string, PendingMove>>(new Map());
  const [attentionOnly, setAttentionOnly] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dragged, setDragged] = useState<CardDragData | null>(null);
  const showUndo = useUndo((s) => s.show);
  const sensors = useSensors(useSensor(PointerSensor, POINTER), useSensor(KeyboardSensor, KEYBOARD));

  const facts = useMemo(() => (data ? boardFacts(req, data, now) : null), [req, data, now]);
  const updatedAt = useMemo(() => new Map(data?.entries.map((e) => [e.prospectId, e.updatedAt])), [data]);
  const layout = useMemo(() => (facts ? boardLayout(req, facts, updatedAt, pending, attentionOnly) : null), [req, facts, updatedAt, pending, attentionOnly]);

  // Moves that have landed (the entry says so, or something newer) need no drawing of their own.
  useEffect(() => {
    setPending((current) => {
      const left = new Map([...current].filter(([id, move]) => (updatedAt.get(id) ?? 0) < move.at));
      return left.size === current.size ? current : left;
    });
  }, [updatedAt]);

  const unpend = (prospectId: string) =>
    setPending((current) => {
      const left = new Map(current);
      left.delete(prospectId);
      return left;
    });

  const move = useCallback(
    async function moveCard(prospectId: string, name: string, from: string, to: string, offerUndo = true): Promise<void> {
      if (from === to) return;
      const at = Date.now();
      setError(null);
      setPending((current) => new Map(current).set(prospectId, { stage: to, at }));
      try {
        await mutate(db, pipelineMove, { prospectId, requisitionId: req.id, stage: to, status: 'active', at });
      } catch (e) {
        unpend(prospectId);
        setError(`${name} stays at ${from}: ${errorText(e)}`);
        return;
      }
      if (offerUndo) showUndo({ id: ulid(), message: `Moved ${name} to ${to}.`, undo: () => moveCard(prospectId, name, to, from, false) });
    },
    [db, req.id, showUndo],
  );
  // "Move to…" was pressed in the card's old column: the focus follows the card to its new one.
  const refocus = useRef<string | null>(null);
  const onMenuMove = useCallback(
    (prospectId: string, name: string, from: string, to: string) => {
      refocus.current = prospectId;
      void move(prospectId, name, from, to);
    },
    [move],
  );
  useLayoutEffect(() => {
    if (!refocus.current) return;
    document.querySelector<HTMLElement>(`[data-testid="board-card"][data-prospect-id="${refocus.current}"] .board-move-button`)?.focus();
    refocus.current = null;
  }, [layout]);

  const onDragStart = ({ active }: DragStartEvent) => setDragged((active.data.current as CardDragData | undefined) ?? null);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragged(null);
    const card = active.data.current as CardDragData | undefined;
    if (card && over) void move(String(active.id), card.name, card.stage, String(over.id));
  };

  const readOnly = !canMovePipeline(me.role) ? 'Hiring managers see the board; recruiters, sourcers and admins move people on it.' : req.status === 'closed' ? `${req.title} is closed: reopen it on the Requisitions page to move people.` : null;
  const stages = readOnly ? null : req.stages;

  return (
    <section className="board" aria-labelledby="board-heading">
      <div className="board-toolbar">
        <h2 id="board-heading">
          Pipeline board: <span dir="auto">{req.title}</span>
        </h2>
        <label className="board-filter">
          <input type="checkbox" checked={attentionOnly} onChange={(e) => setAttentionOnly(e.target.checked)} /> Only who needs attention
        </label>
      </div>
      <p className="small muted" id="board-help">
        {readOnly ??
          'Drag a card to another stage. With the keyboard: Tab to a person, Space to pick them up, ← → to choose the stage, Space to drop, Esc to cancel; or use “Move to…” on the card.'}{' '}
        Needs attention: longer at the stage than this requisition’s median there, or a review of them past due.
      </p>
      <ErrorMessage error={error} />
      {!layout ? (
        <p className="muted" role="status">
          Loading…
        </p>
      ) : (
        <>
          <DndContext sensors={sensors} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragged(null)} accessibility={{ announcements: ANNOUNCEMENTS, screenReaderInstructions: SCREEN_READER_INSTRUCTIONS }}>
            <div className="board-columns">
              {layout.columns.map((column) => (
                <BoardColumn key={column.stage} column={column} now={now} stages={stages} filtered={attentionOnly} onMove={onMenuMove} />
              ))}
            </div>
            {/* No drop animation: the card is drawn in its new column the moment it is dropped. */}
            <DragOverlay dropAnimation={null}>
              {dragged && (
                <div className="board-card board-card-overlay" dir="auto">
                  {dragged.name}
                </div>
              )}
            </DragOverlay>
          </DndContext>
          <ClosedEntries closed={layout.closed} />
        </>
      )}
      <div className="board-toast">
        <UndoToast />
      </div>
    </section>
  );
}
