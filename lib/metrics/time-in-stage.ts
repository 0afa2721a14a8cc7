import type { Requisition } from '@/lib/model';
import { stageHistory, type StageMove } from './stage-history';
import { DAY_MS } from '@/lib/time-units';
import { median, percentile } from './stats';

export interface StageTime {
  stage: string;
  /** Entries that left the stage (moved on, moved back, or closed there) and are not back in it. */
  left: number;
  /** Days, over the entries that left (percentiles by nearest rank, see stats.ts); null when none did. */
  medianDays: number | null;
  p75Days: number | null;
  /** Active entries at the stage now and how long they have been there, for "days in stage" and "needs attention". */
  inStage: { prospectId: string; days: number }[];
}

/**
 * Days each entry spent at each stage it left. An entry that was at a stage more than once
 * (moved back, or reopened) counts once, with the sum of its stays, so a person who bounced does
 * not weigh twice; while it is back at the stage it has not left it, and waits in `inStage` with
 * the days of its current stay.
 */
export function stageDays(requisition: Requisition, moves: readonly StageMove[], now: number): Map<string, { days: number[]; inStage: StageTime['inStage'] }> {
  const rows = new Map(requisition.stages.map((stage) => [stage, { days: [] as number[], inStage: [] as StageTime['inStage'] }]));
  for (const entry of stageHistory(requisition, moves)) {
    const spent = new Map<string, number>();
    for (const visit of entry.visits) {
      const row = rows.get(visit.stage);
      if (!row) continue;
      if (visit.leftAt === null) row.inStage.push({ prospectId: entry.prospectId, days: (now - visit.enteredAt) / DAY_MS });
      else spent.set(visit.stage, (spent.get(visit.stage) ?? 0) + (visit.leftAt - visit.enteredAt) / DAY_MS);
    }
    for (const [stage, days] of spent) {
      if (!entry.visits.some((v) => v.stage === stage && v.leftAt === null)) rows.get(stage)!.days.push(days);
    }
  }
  return rows;
}

/** Time in each stage (DESIGN.md "Pipeline and the numbers"), as `stageDays` counts it. */
export function timeInStage(requisition: Requisition, moves: readonly StageMove[], now: number): StageTime[] {
  return [...stageDays(requisition, moves, now)].map(([stage, { days, inStage }]) => ({
    stage,
    left: days.length,
    medianDays: median(days),
    p75Days: percentile(days, 75),
    inStage,
  }));
}
