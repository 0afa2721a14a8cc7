import type { DemoMutation } from './demo-history';

/** The records a change reads or writes besides its own new rows: its person, people, review. */
function touches(m: DemoMutation): string[] {
  const { args } = m;
  const own = m.name === 'prospect.upsert' || m.name === 'review.request' ? [args.id] : [];
  return [args.prospectId, args.requestId, ...(Array.isArray(args.prospectIds) ? (args.prospectIds as unknown[]) : []), ...own].filter((x): x is string => typeof x === 'string');
}

/**
 * The pushes that send `mutations` (in the order they happened), as a member's device would:
 * it syncs what its member did over a while in one push. A push takes the first change waiting
 * and that member's later changes within `window` of it, unless a change by someone else in
 * between touches the same person or review (its order matters: a move's `from`, a decision on
 * an open request) or changes a requisition (which every move in it depends on). So each
 * person's, review's and requisition's history reaches the server in the order it happened,
 * and the seed needs a few hundred pushes rather than one per change.
 */
export function pushBatches(mutations: readonly DemoMutation[], window: number, maxBatch: number): DemoMutation[][] {
  const waiting = [...mutations];
  const batches: DemoMutation[][] = [];
  while (waiting.length > 0) {
    const head = waiting[0]!;
    const batch: DemoMutation[] = [];
    const blocked = new Set<string>();
    const rest: DemoMutation[] = [];
    let i = 0;
    for (; i < waiting.length && batch.length < maxBatch; i++) {
      const m = waiting[i]!;
      if (m.args.at > head.args.at + window || (m.name === 'requisition.save' && m !== head)) break;
      const keys = touches(m);
      if (m.author === head.author && !keys.some((k) => blocked.has(k))) batch.push(m);
      else {
        rest.push(m);
        for (const k of keys) blocked.add(k);
      }
    }
    batches.push(batch);
    waiting.splice(0, i, ...rest);
  }
  return batches;
}
