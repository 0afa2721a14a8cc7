import type { BoardData } from '@/lib/db/board-queries';
import { isOverdue } from '@/lib/deadlines';
import { timeInStage } from '@/lib/metrics';
import type { PipelineStatus, Requisition } from '@/lib/model';

/** What a card shows; primitives only, so a memoised card re-renders only when one of them changes. */
export interface CardFacts {
  prospectId: string;
  name: string;
  headline: string;
  stage: string;
  status: PipelineStatus;
  /** Days at the current stage (lib/metrics time in stage); null when no move of theirs is on this device. */
  days: number | null;
  lastActivityAt: number | null;
  /** In an open review request of this requisition that has no decision on them yet. */
  waiting: boolean;
  /** …and that request is past due. */
  overdue: boolean;
  /** Longer at the stage than the requisition's median time there, or a review of them past due. */
  needsAttention: boolean;
}

export interface BoardFacts {
  /** Every entry's card, by `prospectId`. */
  cards: Map<string, CardFacts>;
  /** The requisition's median days per stage (null: nobody has left it yet). */
  medianDays: Map<string, number | null>;
}

/** People in an open review of theirs with no decision yet, and whether any such review is past due. */
function waitingOnReview({ openRequests, decisions }: BoardData, now: number): Map<string, { overdue: boolean }> {
  const decided = new Set(decisions.map((d) => `${d.requestId}:${d.prospectId}`));
  const waiting = new Map<string, { overdue: boolean }>();
  for (const request of openRequests) {
    for (const prospectId of request.prospectIds) {
      if (decided.has(`${request.id}:${prospectId}`)) continue;
      const overdue = (waiting.get(prospectId)?.overdue ?? false) || isOverdue(request, now);
      waiting.set(prospectId, { overdue });
    }
  }
  return waiting;
}

/**
 * The facts of every card of a requisition's board. Days in stage and the medians are lib/metrics'
 * time in stage, so the board, the numbers and the check-in agree on them.
 */
export function boardFacts(requisition: Requisition, data: BoardData, now: number): BoardFacts {
  const times = timeInStage(requisition, data.moves, now);
  const medianDays = new Map(times.map((t) => [t.stage, t.medianDays]));
  const daysIn = new Map(times.flatMap((t) => t.inStage.map((s) => [s.prospectId, s.days] as const)));
  const waiting = waitingOnReview(data, now);
  const cards = new Map<string, CardFacts>();
  for (const entry of data.entries) {
    const person = data.people.get(entry.prospectId);
    if (!person) continue;
    const days = entry.status === 'active' ? (daysIn.get(person.id) ?? null) : null;
    const review = waiting.get(entry.prospectId) ?? (person.id !== entry.prospectId ? waiting.get(person.id) : undefined);
    const median = medianDays.get(entry.stage) ?? null;
    cards.set(entry.prospectId, {
      prospectId: entry.prospectId,
      name: person.name,
      headline: person.headline ?? '',
      stage: entry.stage,
      status: entry.status,
      days,
      lastActivityAt: data.lastActivityAt.get(entry.prospectId) ?? null,
      waiting: review !== undefined,
      overdue: review?.overdue ?? false,
      needsAttention: (review?.overdue ?? false) || (days !== null && median !== null && days > median),
    });
  }
  return { cards, medianDays };
}

/** Where a card is drawn while its move is on its way: the stage it was moved to. */
export interface PendingMove {
  stage: string;
  /** The move's time: once the entry says it was updated then or later, the move has landed. */
  at: number;
}

export interface BoardColumn {
  stage: string;
  /** False for a stage the requisition no longer has (entries still at it show, but nothing moves there). */
  current: boolean;
  /** Active entries at the stage, and the ones shown (the filter may hide some). */
  count: number;
  cards: CardFacts[];
}

export type ClosedStatus = Exclude<PipelineStatus, 'active'>;
export const CLOSED_STATUSES: readonly ClosedStatus[] = ['hired', 'rejected', 'withdrew'];

export interface BoardLayout {
  columns: BoardColumn[];
  closed: Record<ClosedStatus, CardFacts[]>;
}

/** Longest at the stage first (the ones to look at), then by name. */
const byDaysThenName = (a: CardFacts, b: CardFacts) => (b.days ?? -1) - (a.days ?? -1) || a.name.localeCompare(b.name);

/**
 * The columns: one per stage of the requisition, in order, then any stage entries are still at
 * that the requisition no longer has. A pending move draws its card at the stage it went to
 * until the entry itself says so (or says something newer).
 */
export function boardLayout(requisition: Requisition, facts: BoardFacts, entriesUpdatedAt: ReadonlyMap<string, number>, pending: ReadonlyMap<string, PendingMove>, onlyNeedingAttention: boolean): BoardLayout {
  const columns = new Map<string, BoardColumn>(requisition.stages.map((stage) => [stage, { stage, current: true, count: 0, cards: [] }]));
  const closed: BoardLayout['closed'] = { hired: [], rejected: [], withdrew: [] };
  for (const card of facts.cards.values()) {
    const move = pending.get(card.prospectId);
    const landed = !move || (entriesUpdatedAt.get(card.prospectId) ?? 0) >= move.at || (card.status === 'active' && card.stage === move.stage);
    const stage = landed ? card.stage : move.stage;
    if (landed && card.status !== 'active') {
      closed[card.status].push(card);
      continue;
    }
    let column = columns.get(stage);
    if (!column) {
      column = { stage, current: false, count: 0, cards: [] };
      columns.set(stage, column);
    }
    column.count++;
    if (!onlyNeedingAttention || card.needsAttention) column.cards.push(card.stage === stage ? card : { ...card, stage, days: null });
  }
  for (const column of columns.values()) column.cards.sort(byDaysThenName);
  for (const list of Object.values(closed)) list.sort((a, b) => a.name.localeCompare(b.name));
  return { columns: [...columns.values()], closed };
}
