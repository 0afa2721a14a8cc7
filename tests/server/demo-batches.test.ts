import { describe, expect, it } from 'vitest';
import { pushBatches } from '@/server/demo/batches';
import type { DemoMemberKey } from '@/server/demo/demo-data';
import type { DemoMutation } from '@/server/demo/demo-history';

const HOUR = 3_600_000;
const change = (author: DemoMemberKey, name: string, hour: number, args: Record<string, unknown> = {}): DemoMutation => ({ author, name, args: { ...args, at: hour * HOUR } });
const shape = (batches: DemoMutation[][]) => batches.map((b) => b.map((m) => `${m.author}@${m.args.at / HOUR}`));

describe('the pushes that send the demo history', () => {
  it('sends a member’s changes within the window in one push, ahead of unrelated changes by others', () => {
    const ms = [change('sam', 'activity.log', 1, { prospectId: 'A' }), change('riley', 'activity.log', 2, { prospectId: 'B' }), change('sam', 'activity.log', 3, { prospectId: 'C' }), change('sam', 'activity.log', 30, { prospectId: 'C' })];
    expect(shape(pushBatches(ms, 24 * HOUR, 100))).toEqual([['sam@1', 'sam@3'], ['riley@2'], ['sam@30']]);
  });

  it('keeps a person’s and a review’s changes in the order they happened', () => {
    const samePerson = [change('sam', 'prospect.upsert', 1, { id: 'A' }), change('riley', 'pipeline.move', 2, { prospectId: 'A' }), change('sam', 'activity.log', 3, { prospectId: 'A' })];
    expect(shape(pushBatches(samePerson, 24 * HOUR, 100))).toEqual([['sam@1'], ['riley@2'], ['sam@3']]);
    const sameReview = [change('riley', 'review.request', 1, { id: 'R', prospectIds: ['A'] }), change('hannah', 'review.decide', 2, { requestId: 'R', prospectId: 'A' }), change('riley', 'review.cancel', 3, { requestId: 'R' })];
    expect(shape(pushBatches(sameReview, 24 * HOUR, 100))).toEqual([['riley@1'], ['hannah@2'], ['riley@3']]);
  });

  it('lets nothing pass a requisition change, and caps a push', () => {
    const ms = [change('sam', 'activity.log', 1, { prospectId: 'A' }), change('riley', 'requisition.save', 2, { id: 'Q' }), change('sam', 'activity.log', 3, { prospectId: 'B' })];
    expect(shape(pushBatches(ms, 24 * HOUR, 100))).toEqual([['sam@1'], ['riley@2'], ['sam@3']]);
    const many = [1, 2, 3].map((h) => change('sam', 'activity.log', h, { prospectId: `P${h}` }));
    expect(shape(pushBatches(many, 24 * HOUR, 2))).toEqual([['sam@1', 'sam@2'], ['sam@3']]);
  });
});
