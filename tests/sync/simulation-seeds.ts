import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/server/db/database';
import { freshDatabase } from '../server/support/databases';
import { type SimReport, runSimulation } from './simulation';

const SEEDS = Number(process.env.SIM_SEEDS ?? 200);
/** The seeds are shared among this many test files (simulation-N.test.ts), so both workers take some. */
const PARTS = 4;

/** Part `part` (1 to PARTS) of the run's seeds: each converges with nothing lost or duplicated. */
export function simulateSeeds(part: number) {
  const first = Math.floor(((part - 1) * SEEDS) / PARTS) + 1;
  const last = Math.floor((part * SEEDS) / PARTS);
  const seeds = Array.from({ length: last - first + 1 }, (_, i) => first + i);

  describe(`sync under faults (seeds ${first}–${last} of ${SEEDS})`, () => {
    let server: Database;
    const reports: SimReport[] = [];
    beforeAll(async () => {
      server = await freshDatabase('pglite');
    });
    afterAll(async () => {
      await server.close();
      const sum = (f: (r: SimReport) => number) => reports.reduce((n, r) => n + f(r), 0);
      console.log(
        JSON.stringify({
          seeds: reports.length,
          mutations: sum((r) => r.mutations),
          rejections: sum((r) => r.rejections),
          droppedRequests: sum((r) => r.faults.droppedRequests!),
          droppedResponses: sum((r) => r.faults.droppedResponses!),
          duplicates: sum((r) => r.faults.duplicates!),
          restarts: sum((r) => r.faults.restarts!),
          failedSyncs: sum((r) => r.failedSyncs),
          rowsByKind: reports.reduce<Record<string, number>>((all, r) => {
            for (const [kind, n] of Object.entries(r.rows)) all[kind] = (all[kind] ?? 0) + n;
            return all;
          }, {}),
        }),
      );
    });

    if (part === 1) {
      it('replays a seed exactly', async () => {
        const once = await runSimulation(server, { seed: 4242 });
        const again = await runSimulation(server, { seed: 4242 });
        expect(again).toEqual(once);
        expect((await runSimulation(server, { seed: 4243 })).fingerprint).not.toBe(once.fingerprint);
      });
    }

    it.each(seeds)('seed %i converges with nothing lost or duplicated', async (seed) => {
      const report = await runSimulation(server, { seed });
      reports.push(report);
      expect(report.mutations).toBeGreaterThan(0);
    });
  });
}
