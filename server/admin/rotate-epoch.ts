// `npm run -s admin -- rotate-epoch`: run after restoring the database from a backup.
import type { DatabaseConfig } from '@/server/db/open';
import { openDatabase } from '@/server/db/open';
import { rotateEpoch } from '@/server/sync/epoch';
import { runningServer } from './running-server';

/**
 * Gives the server a new sync epoch: every device forgets its copy of the team's rows and pulls
 * again from zero on its next sync, keeping its unsent changes. Devices that synced after the
 * backup was taken hold cursors the restored database has not reached yet, and would otherwise
 * miss what is written next. It opens the database itself: with PGlite, run it while the server
 * is stopped (as it is for a restore).
 */
export async function rotateEpochCommand(config: DatabaseConfig): Promise<string> {
  const server = config.databaseUrl ? null : runningServer(config.dataDir);
  if (server) throw new Error(`stop the server first (pid ${server.pid} holds ${config.dataDir}); run this after restoring the backup and before starting the server`);
  const db = await openDatabase(config);
  try {
    const epoch = await rotateEpoch(db);
    return `new sync epoch ${epoch}: on their next sync, devices pull the team's data again from the start (their unsent changes are kept)`;
  } finally {
    await db.close();
  }
}
