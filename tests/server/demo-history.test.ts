import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { PipelineMoveArgs, RequisitionSaveArgs, ReviewDecideArgs, ReviewRequestArgs, SetDoNotContactArgs } from '@/lib/model';
import { DEMO_MEMBERS, DEMO_REQUISITIONS, LOST_WAITING, type DemoMemberKey } from '@/server/demo/demo-data';
import { demoHistory, type DemoMutation } from '@/server/demo/demo-history';

const memberIds = Object.fromEntries(DEMO_MEMBERS.map((m, i) => [m.key, `01J00000000000000000000M0${i}`])) as Record<DemoMemberKey, string>;
const HOUR = 3_600_000;
// Clocks at odd hours over three weeks: weekends, nights and Monday mornings included.
const CLOCKS = Array.from({ length: 40 }, (_, k) => Date.UTC(2026, 10, 30, 15) + k * 13 * HOUR + k * 1_234_567);

/** The changes of one mutation, read through its arguments' schema. */
const args = <S extends z.ZodType>(ms: DemoMutation[], name: string, schema: S): z.output<S>[] => ms.filter((m) => m.name === name).map((m) => schema.parse(m.args));

describe('the demo history', () => {
  it('is the same for the same clock and seed, and another with another seed', () => {
    const now = CLOCKS[0]!;
    expect(demoHistory({ now, memberIds })).toEqual(demoHistory({ now, memberIds }));
    expect(demoHistory({ now, memberIds, seed: 8 })).not.toEqual(demoHistory({ now, memberIds }));
  });

  it.each(CLOCKS.map((now) => [new Date(now).toISOString(), now] as const))('tells the whole story up to %s', (_, now) => {
    const ms = demoHistory({ now, memberIds });
    expect(ms.every((m, i) => m.args.at <= now && (i === 0 || m.args.at >= ms[i - 1]!.args.at))).toBe(true);
    // The server refuses a move or a review for a requisition it does not have yet.
    const saved = new Set<unknown>();
    for (const m of ms) {
      if (m.name === 'requisition.save') saved.add(m.args.id);
      else if (typeof m.args.requisitionId === 'string') expect(saved, `${m.name} at ${new Date(m.args.at).toISOString()} before its requisition was opened`).toContain(m.args.requisitionId);
    }
    const opened = (key: string) => args(ms, 'requisition.save', RequisitionSaveArgs).find((r) => r.title === DEMO_REQUISITIONS.find((d) => d.key === key)!.title)!;
    const [payments, platform, design] = [opened('payments'), opened('platform'), opened('design')];
    const moves = args(ms, 'pipeline.move', PipelineMoveArgs);
    const hires = (req: { id: string }) => moves.filter((m) => m.requisitionId === req.id && m.status === 'hired');
    expect(hires(payments)).toHaveLength(1);
    expect(hires(platform)).toHaveLength(0);
    expect(hires(design)).toHaveLength(1);
    const closed = args(ms, 'requisition.save', RequisitionSaveArgs).find((r) => r.status === 'closed')!;
    expect(closed.id).toBe(design.id);
    expect(closed.at).toBeGreaterThan(hires(design)[0]!.at);
    expect(moves.filter((m) => m.reason === LOST_WAITING)).toHaveLength(1);
    // Reviews sent to the slow hiring manager, undecided and past their 48 hours now.
    const decided = new Set(args(ms, 'review.decide', ReviewDecideArgs).map((d) => `${d.requestId}:${d.prospectId}`));
    const overdue = args(ms, 'review.request', ReviewRequestArgs).filter((r) => r.reviewerId === memberIds.omar && r.at + 48 * HOUR < now && r.prospectIds.some((p) => !decided.has(`${r.id}:${p}`)));
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    expect(args(ms, 'prospect.setDoNotContact', SetDoNotContactArgs)).toHaveLength(1);
  });

  it('spreads what would have happened overnight or at the weekend over the next working day', () => {
    const ms = demoHistory({ now: CLOCKS[0]!, memberIds });
    const perHour = new Map<number, Map<number, number>>();
    for (const { args } of ms) {
      const d = new Date(args.at);
      expect(d.getUTCDay() % 6, 'nothing at the weekend').not.toBe(0);
      const day = perHour.get(d.getUTCDay()) ?? new Map<number, number>();
      day.set(d.getUTCHours(), (day.get(d.getUTCHours()) ?? 0) + 1);
      perHour.set(d.getUTCDay(), day);
    }
    // Before, every night and weekend landed at 8:00: six times a day's average hour.
    for (const [weekday, hours] of perHour) {
      const counts = [...hours.values()];
      const mean = counts.reduce((a, b) => a + b, 0) / 10;
      expect(Math.max(...counts), `the busiest hour of weekday ${weekday}`).toBeLessThanOrEqual(2.5 * mean);
    }
  });
});
