import type { Requisition } from '@/lib/model';
import { stageHistory, type StageMove } from './stage-history';

/** Fewer decided entries than this and a stage's pass-through is too noisy to call a bottleneck. */
export const MIN_DECIDED = 5;

export interface StagePassThrough {
  stage: string;
  /** Entries that were ever at this stage or a later one. */
  reached: number;
  /** Entries that reached the next stage; null for the last stage, which has none. */
  passed: number | null;
  /** Closed as rejected / withdrew with this as the furthest stage they reached. */
  rejected: number;
  withdrew: number;
  /** Active entries standing at this stage now (not counted in the ratio). */
  inStage: number;
  /** passed + rejected + withdrew: the entries whose outcome at this stage is known. */
  decided: number;
  /** passed ÷ decided; null for the last stage and for a stage nobody has been decided at. */
  passThrough: number | null;
}

export interface PassThrough {
  stages: StagePassThrough[];
  /** Entries that reached the last stage or were marked hired. */
  hires: number;
  /** The stage with the lowest pass-through among those with ≥ MIN_DECIDED decided; null if none. */
  bottleneck: string | null;
}

/**
 * Pass-through per stage (DESIGN.md "Pipeline and the numbers"). A closed entry counts as ended
 * at the furthest stage it reached, not the stage it was moved back to before the close: it has
 * already counted as passing the stages before its furthest, and counting it again as ending at
 * one of them would put it on both sides of that stage's ratio.
 */
export function passThrough(requisition: Requisition, moves: readonly StageMove[]): PassThrough {
  const { stages } = requisition;
  const last = stages.length - 1;
  const rows: StagePassThrough[] = stages.map((stage, k) => ({
    stage,
    reached: 0,
    passed: k === last ? null : 0,
    rejected: 0,
    withdrew: 0,
    inStage: 0,
    decided: 0,
    passThrough: null,
  }));
  let hires = 0;
  for (const entry of stageHistory(requisition, moves)) {
    for (let k = 0; k <= entry.furthest; k++) {
      rows[k]!.reached++;
      if (k > 0) rows[k - 1]!.passed!++;
    }
    if (entry.furthest === last) hires++;
    else if (entry.furthest >= 0 && (entry.status === 'rejected' || entry.status === 'withdrew')) rows[entry.furthest]![entry.status]++;
    if (entry.status === 'active') {
      const at = stages.indexOf(entry.stage);
      if (at >= 0) rows[at]!.inStage++;
    }
  }
  let bottleneck: StagePassThrough | null = null;
  for (const row of rows) {
    if (row.passed === null) continue;
    row.decided = row.passed + row.rejected + row.withdrew;
    row.passThrough = row.decided === 0 ? null : row.passed / row.decided;
    if (row.decided >= MIN_DECIDED && (bottleneck === null || row.passThrough! < bottleneck.passThrough!)) bottleneck = row;
  }
  return { stages: rows, hires, bottleneck: bottleneck?.stage ?? null };
}
