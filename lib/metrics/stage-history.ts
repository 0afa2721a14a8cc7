import type { Activity, OfferDeclineReason, PipelineStatus, Requisition } from '@/lib/model';

/** A `stage_changed` activity: one move of a pipeline entry. */
export type StageMove = Extract<Activity, { kind: 'stage_changed' }>;

export const isStageMove = (activity: Activity): activity is StageMove => activity.kind === 'stage_changed';

/** One stay at a stage while active: from the move into it to the move out of it or the close. */
export interface StageVisit {
  stage: string;
  enteredAt: number;
  /** null: still there and active. */
  leftAt: number | null;
}

export interface EntryHistory {
  prospectId: string;
  visits: StageVisit[];
  /** Where the entry stands after its last move. */
  stage: string;
  status: PipelineStatus;
  /** The last move's reason and declined offer: why it was closed, when it is. */
  reason: string | null;
  declinedOffer: OfferDeclineReason | null;
  /**
   * Index in `requisition.stages` of the furthest stage reached (moving back does not undo it;
   * status `hired` counts as reaching the last stage); -1 when every move named a stage the
   * requisition no longer has.
   */
  furthest: number;
}

/**
 * Server order first: `version` is the order the server accepted the moves in, which `at` (a
 * device clock) may contradict. A move not yet acknowledged (version 0) happened after every
 * acknowledged one this device has seen, so it goes last rather than first.
 */
function serverOrder(a: StageMove, b: StageMove): number {
  const va = a.version === 0 ? Infinity : a.version;
  const vb = b.version === 0 ? Infinity : b.version;
  return va === vb ? a.at - b.at : va - vb;
}

/**
 * Replays each person's moves in one requisition. Erased moves (`deletedAt`) are left out so an
 * erased person drops out of every figure.
 */
export function stageHistory(requisition: Requisition, moves: readonly StageMove[]): EntryHistory[] {
  const byProspect = new Map<string, StageMove[]>();
  for (const move of moves) {
    if (move.requisitionId !== requisition.id || move.deletedAt !== null) continue;
    const list = byProspect.get(move.prospectId) ?? [];
    list.push(move);
    byProspect.set(move.prospectId, list);
  }
  const last = requisition.stages.length - 1;
  const histories: EntryHistory[] = [];
  for (const [prospectId, list] of byProspect) {
    list.sort(serverOrder);
    const visits: StageVisit[] = [];
    let open: StageVisit | null = null;
    let furthest = -1;
    for (const { at, data } of list) {
      // A move elsewhere, or a close, ends the stay; a reopen (or an add) starts a new one, so
      // the time an entry spent closed never counts as time in a stage.
      if (open && (open.stage !== data.to || data.status !== 'active')) {
        open.leftAt = at;
        open = null;
      }
      if (!open && data.status === 'active') {
        open = { stage: data.to, enteredAt: at, leftAt: null };
        visits.push(open);
      }
      furthest = Math.max(furthest, data.status === 'hired' ? last : requisition.stages.indexOf(data.to));
    }
    const final = list[list.length - 1]!.data;
    histories.push({ prospectId, visits, stage: final.to, status: final.status, reason: final.reason, declinedOffer: final.declinedOffer, furthest });
  }
  return histories;
}
