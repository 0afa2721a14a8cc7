import type { Requisition } from '@/lib/model';
import { MIN_DECIDED, passThrough } from './pass-through';
import type { StageMove } from './stage-history';
import { DAY_MS } from '@/lib/time-units';
import { median } from './stats';
import { stageDays } from './time-in-stage';

export interface StageForecast {
  stage: string;
  /** The figures the forecast used for this stage (null: no history at all). */
  passThrough: number | null;
  medianDays: number | null;
  /** 'team': fewer than MIN_DECIDED decided here, so the team's history for this stage name was used. */
  source: 'requisition' | 'team';
  /** People needed at this stage to make the hires; null when a later stage has no pass-through (or 0). */
  needed: number | null;
  /** Expected days from this stage to a hire; null when a stage on the way has no time yet. */
  daysToHire: number | null;
  /** Active entries at this stage now. */
  inPipeline: number;
}

export interface Forecast {
  hires: number;
  stages: StageForecast[];
  /** Whether any stage fell back to the team's history, which the forecast has to say. */
  fellBack: boolean;
}

/** Ratios like 7 ÷ (4/7 × 1/2 … ) land a hair above a whole number in floating point; that hair must not cost a person. */
const EPSILON = 1e-9;

/**
 * The forecast (DESIGN.md "Pipeline and the numbers"): to make `hires` hires, needed at Sk =
 * ceil(hires ÷ the product of pass-through from Sk to the end), expected days = the sum of the
 * median time in stage from Sk on. The team's history for a stage name pools every requisition
 * of the team (this one included) that has a stage of that name.
 */
export function forecast(requisition: Requisition, teamRequisitions: readonly Requisition[], moves: readonly StageMove[], hires: number, now: number): Forecast {
  const own = passThrough(requisition, moves).stages;
  const ownDays = stageDays(requisition, moves, now);
  const team = new Map<string, { passed: number; decided: number; days: number[] }>();
  for (const req of teamRequisitions) {
    if (req.deletedAt !== null) continue;
    const days = stageDays(req, moves, now);
    for (const row of passThrough(req, moves).stages) {
      if (row.passed === null) continue;
      const pooled = team.get(row.stage) ?? { passed: 0, decided: 0, days: [] };
      pooled.passed += row.passed;
      pooled.decided += row.decided;
      pooled.days.push(...days.get(row.stage)!.days);
      team.set(row.stage, pooled);
    }
  }
  const last = own.length - 1;
  const stages: StageForecast[] = own.map((row, k) => {
    if (k === last || row.decided >= MIN_DECIDED) {
      return { stage: row.stage, passThrough: row.passThrough, medianDays: k === last ? null : median(ownDays.get(row.stage)!.days), source: 'requisition', needed: null, daysToHire: null, inPipeline: row.inStage };
    }
    const pooled = team.get(row.stage);
    return {
      stage: row.stage,
      passThrough: pooled && pooled.decided > 0 ? pooled.passed / pooled.decided : null,
      medianDays: pooled ? median(pooled.days) : null,
      source: 'team',
      needed: null,
      daysToHire: null,
      inPipeline: row.inStage,
    };
  });
  let product: number | null = 1;
  let days: number | null = 0;
  for (let k = last; k >= 0; k--) {
    const stage = stages[k]!;
    if (k < last) {
      product = product === null || !stage.passThrough ? null : product * stage.passThrough;
      days = days === null || stage.medianDays === null ? null : days + stage.medianDays;
    }
    stage.needed = product === null ? null : Math.ceil(hires / product - EPSILON);
    stage.daysToHire = days;
  }
  return { hires, stages, fellBack: stages.some((s) => s.source === 'team') };
}

export interface ForecastDeadline {
  /**
   * The stage the hires can come from: the furthest along at which the people in the pipeline at
   * it or later are at least the people needed there (each counted as if at that stage, which
   * undercounts those further on); the first stage when nowhere is covered and new people are needed.
   */
  stage: string;
  /** Whether the pipeline now covers the hires from `stage` (false: it is the first stage, and short). */
  covered: boolean;
  daysToHire: number | null;
  /** Days from now to the target date; negative once it has passed; null without a target date. */
  daysLeft: number | null;
  /** daysToHire ≤ daysLeft; null when either is unknown. */
  realistic: boolean | null;
}

/** Whether a target date is realistic ("historically 45 days from Screen to hire; the target leaves 21"). */
export function forecastDeadline(result: Forecast, targetDate: number | null, now: number): ForecastDeadline {
  const working = result.stages.slice(0, -1);
  let from = 0;
  let covered = false;
  let atOrLater = 0;
  for (let k = working.length - 1; k >= 0; k--) {
    atOrLater += working[k]!.inPipeline;
    const needed = working[k]!.needed;
    if (needed !== null && atOrLater >= needed) {
      from = k;
      covered = true;
      break;
    }
  }
  const stage = result.stages[from]!;
  const daysLeft = targetDate === null ? null : (targetDate - now) / DAY_MS;
  return {
    stage: stage.stage,
    covered,
    daysToHire: stage.daysToHire,
    daysLeft,
    realistic: daysLeft === null || stage.daysToHire === null ? null : stage.daysToHire <= daysLeft,
  };
}
