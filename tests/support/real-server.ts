import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '@/server/main';
import { rotateEpoch } from '@/server/sync/epoch';

export type Running = Awaited<ReturnType<typeof startServer>>;

/** The run's migrated PGlite database (pglite-template.ts): a data folder, or a tarball of one. */
export type MigratedTemplate = { folder: string } | { tarball: string };

/**
 * Fills `dataDir`'s PGlite folder (`<dataDir>/pglite`, where the server and the admin CLI look)
 * with a copy of the run's migrated database, unless it has one: a new folder costs seconds of
 * initdb and migrations. Says whether it copied. The copy keeps the template's sync epoch.
 */
export function copyMigratedFolder(dataDir: string, template: MigratedTemplate): boolean {
  const folder = path.join(dataDir, 'pglite');
  if (existsSync(folder)) return false;
  if ('folder' in template) cpSync(template.folder, folder, { recursive: true });
  else {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    execFileSync('tar', ['-xf', template.tarball, '-C', folder]);
  }
  return true;
}

/**
 * `startServer` on `env`, its PGlite folder first filled with a copy of the run's migrated
 * database when it has none (`copyMigratedFolder`). The copy gets its own sync epoch, as a new
 * server's migration gives it; a restart on the folder keeps it.
 */
export async function startServerOnCopy(env: NodeJS.ProcessEnv, template: MigratedTemplate): Promise<Running> {
  const copy = !env.DATABASE_URL && copyMigratedFolder(env.TANDEM_DATA_DIR!, template);
  const running = await startServer(env);
  if (copy) await rotateEpoch(running.db);
  return running;
}
