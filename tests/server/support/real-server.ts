import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { startServer } from '@/server/main';
import { rotateEpoch } from '@/server/sync/epoch';

export type Running = Awaited<ReturnType<typeof startServer>>;

/**
 * `startServer` on `env`, its PGlite folder first filled with a copy of the run's migrated
 * database (global-setup.ts) when it has none: a new folder costs seconds of initdb. The copy
 * gets its own sync epoch, as a new server's migration gives it; a restart on the folder keeps it.
 */
export async function startServerOnCopy(env: Record<string, string>): Promise<Running> {
  const folder = path.join(env.TANDEM_DATA_DIR!, 'pglite');
  const copy = !env.DATABASE_URL && !existsSync(folder);
  if (copy) {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    execFileSync('tar', ['-xf', inject('pgliteMigrated'), '-C', folder]);
  }
  const running = await startServer(env);
  if (copy) await rotateEpoch(running.db);
  return running;
}
