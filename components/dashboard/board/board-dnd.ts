import type { Active, Announcements, KeyboardCoordinateGetter, Over, ScreenReaderInstructions } from '@dnd-kit/core';
import type { CardDragData } from './board-card';

/**
 * With the keyboard a picked-up card jumps a whole column per arrow key (dnd-kit's default
 * nudges it 25 px); up and down do nothing, since order within a column is not ours to set.
 */
export const columnByColumn: KeyboardCoordinateGetter = (event, { context: { active, over, collisionRect, droppableRects, droppableContainers } }) => {
  const step = event.code === 'ArrowRight' ? 1 : event.code === 'ArrowLeft' ? -1 : 0;
  if (step === 0 || !collisionRect) return undefined;
  event.preventDefault();
  const columns = droppableContainers
    .getEnabled()
    .flatMap((c) => {
      const rect = droppableRects.get(c.id);
      return rect ? [{ id: c.id, rect }] : [];
    })
    .sort((a, b) => a.rect.left - b.rect.left);
  const from = over?.id ?? dragData(active)?.stage;
  const target = columns[columns.findIndex((c) => c.id === from) + step];
  if (!target) return undefined;
  return { x: target.rect.left + Math.max(0, (target.rect.width - collisionRect.width) / 2), y: target.rect.top + Math.min(40, target.rect.height / 4) };
};

const dragData = (active: Active | null) => active?.data.current as CardDragData | undefined;
const nameOf = (active: Active) => dragData(active)?.name ?? 'The person';
const overStage = (over: Over | null) => (over ? String(over.id) : null);

export const SCREEN_READER_INSTRUCTIONS: ScreenReaderInstructions = {
  draggable: 'To move this person to another stage, press Space or Enter, then the left and right arrow keys to choose the stage, Space or Enter to drop, Escape to cancel. The “Move to…” button does the same from a list.',
};

/** What a screen reader hears while a card is dragged: the person and the stages by name. */
export const ANNOUNCEMENTS: Announcements = {
  onDragStart: ({ active }) => `Picked up ${nameOf(active)} from ${dragData(active)?.stage ?? 'their stage'}.`,
  onDragOver: ({ active, over }) => (overStage(over) ? `${nameOf(active)} is over ${overStage(over)}.` : `${nameOf(active)} is not over a stage.`),
  onDragEnd: ({ active, over }) => {
    const to = overStage(over);
    return to && to !== dragData(active)?.stage ? `${nameOf(active)} moved to ${to}.` : `${nameOf(active)} stays at ${dragData(active)?.stage ?? 'their stage'}.`;
  },
  onDragCancel: ({ active }) => `Cancelled. ${nameOf(active)} stays at ${dragData(active)?.stage ?? 'their stage'}.`,
};
