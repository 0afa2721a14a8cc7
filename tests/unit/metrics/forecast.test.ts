import { describe, expect, it } from 'vitest';
import { type Forecast, forecast, forecastDeadline, type StageForecast } from '@/lib/metrics';
import { day, history, move, requisition } from './fixtures';

const old = requisition({ id: 'OLD', stages: ['Sourced', 'Onsite', 'Offer', 'Hired'] });
const on = (p: string, d: number, from: string | null, to: string, status: 'active' | 'hired' | 'rejected' | 'withdrew' = 'active') => move(p, d, from, to, status, { requisitionId: 'OLD' });
// OLD: O1 hired; O2 withdrew at Offer; O3 rejected at Onsite.
const oldHistory = [
  on('O1', 0, null, 'Sourced'), on('O1', 1, 'Sourced', 'Onsite'), on('O1', 3, 'Onsite', 'Offer'), on('O1', 5, 'Offer', 'Hired', 'hired'),
  on('O2', 0, null, 'Sourced'), on('O2', 2, 'Sourced', 'Onsite'), on('O2', 4, 'Onsite', 'Offer'), on('O2', 5, 'Offer', 'Offer', 'withdrew'),
  on('O3', 0, null, 'Sourced'), on('O3', 1, 'Sourced', 'Onsite'), on('O3', 4, 'Onsite', 'Onsite', 'rejected'),
];

describe('forecast', () => {
  it('matches the hand-computed table, falling back to the team for stages with fewer than 5 decided', () => {
    // Own (see pass-through and time-in-stage tables): Sourced 6/7, 2 days; Screen 5/6, 3 days.
    // Onsite has 4 decided, Offer 2: pooled with OLD. Onsite: passed 2+2 of 4+3 = 4/7, days
    // [1,1,4,4]+[2,2,3] → median 2. Offer: 1+1 of 2+2 = 1/2, days [3,3]+[2,1] → median 2.
    // For 2 hires: Offer 2 ÷ 1/2 = 4; Onsite 2 ÷ 2/7 = 7; Screen 2 ÷ 5/21 = 8.4 → 9;
    // Sourced 2 ÷ 10/49 = 9.8 → 10. Days: Offer 2, Onsite 4, Screen 7, Sourced 9.
    const req = requisition();
    const result = forecast(req, [req, old], [...history, ...oldHistory], 2, day(20));
    expect(result).toEqual({
      hires: 2,
      fellBack: true,
      stages: [
        { stage: 'Sourced', passThrough: 6 / 7, medianDays: 2, source: 'requisition', needed: 10, daysToHire: 9, inPipeline: 1 },
        { stage: 'Screen', passThrough: 5 / 6, medianDays: 3, source: 'requisition', needed: 9, daysToHire: 7, inPipeline: 0 },
        { stage: 'Onsite', passThrough: 4 / 7, medianDays: 2, source: 'team', needed: 7, daysToHire: 4, inPipeline: 1 },
        { stage: 'Offer', passThrough: 1 / 2, medianDays: 2, source: 'team', needed: 4, daysToHire: 2, inPipeline: 0 },
        { stage: 'Hired', passThrough: null, medianDays: null, source: 'requisition', needed: 2, daysToHire: 0, inPipeline: 0 },
      ],
    });
  });

  it('cannot say how many are needed before anyone has passed a stage', () => {
    const req = requisition({ stages: ['Sourced', 'Hired'] });
    const result = forecast(req, [req], [], 1, day(1));
    expect(result.stages[0]).toMatchObject({ source: 'team', passThrough: null, needed: null, daysToHire: null });
    expect(result.stages[1]).toMatchObject({ needed: 1, daysToHire: 0 });
  });
});

describe('forecastDeadline', () => {
  const stage = (name: string, needed: number | null, inPipeline: number, daysToHire: number | null): StageForecast => ({ stage: name, passThrough: null, medianDays: null, source: 'requisition', needed, inPipeline, daysToHire });
  const result = (stages: StageForecast[]): Forecast => ({ hires: 1, fellBack: false, stages });

  it('counts from the furthest stage the pipeline covers: people there or later at least the people needed there', () => {
    // Offer needs 2 and has 1; Screen needs 2 and has 1 there and 1 further on: the hires can come
    // from Screen, historically 4 days away.
    const f = result([stage('Sourced', 8, 3, 10), stage('Screen', 2, 1, 4), stage('Offer', 2, 1, 1), stage('Hired', 1, 0, 0)]);
    expect(forecastDeadline(f, day(23), day(20))).toEqual({ stage: 'Screen', covered: true, daysToHire: 4, daysLeft: 3, realistic: false });
    expect(forecastDeadline(f, day(24), day(20))).toMatchObject({ daysLeft: 4, realistic: true });
  });

  it('falls back to the first stage when nothing is covered, and cannot judge without a date or a history', () => {
    // The hand-computed table above, for 2 hires: 1 at Sourced and 1 at Onsite cover nothing (10, 9, 7, 4 needed).
    const req = requisition();
    const f = forecast(req, [req, old], [...history, ...oldHistory], 2, day(20));
    expect(forecastDeadline(f, day(25), day(20))).toEqual({ stage: 'Sourced', covered: false, daysToHire: 9, daysLeft: 5, realistic: false });
    expect(forecastDeadline(f, null, day(20))).toMatchObject({ daysLeft: null, realistic: null });
    expect(forecastDeadline(result([stage('Sourced', null, 0, null), stage('Hired', 1, 0, 0)]), day(30), day(20))).toEqual({ stage: 'Sourced', covered: false, daysToHire: null, daysLeft: 10, realistic: null });
  });
});
