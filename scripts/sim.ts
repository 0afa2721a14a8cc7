// `npm run -s sim -- --seed N [--steps S] [--quiet]`: replays one seed of the sync fault-injection
// simulation (tests/sync/simulation.ts) with its log, and prints the report as JSON.
import 'fake-indexeddb/auto';
import { parseArgs } from 'node:util';
import { migrate } from '@/server/db/migrate';
import { openPglite } from '@/server/db/pglite';
import { runSimulation } from '../tests/sync/simulation';

const { values } = parseArgs({ options: { seed: { type: 'string' }, steps: { type: 'string' }, quiet: { type: 'boolean' } } });
const seed = Number(values.seed);
if (!Number.isInteger(seed)) {
  console.error('usage: npm run -s sim -- --seed N [--steps S] [--quiet]');
  process.exit(2);
}
const server = await openPglite();
await migrate(server);
try {
  const report = await runSimulation(server, {
    seed,
    steps: values.steps ? Number(values.steps) : undefined,
    log: values.quiet ? undefined : (line) => console.error(line),
  });
  console.log(JSON.stringify(report));
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await server.close();
}
