import { z } from 'zod';
import { type StoredRows, type TandemDB, fromStoredRow, syncedTables } from '@/lib/db/database';
import { readMe, readSettings, readSignedOut } from '@/lib/db/local-state';
import { ENTITIES, LOCAL_TEAM_ID, SYNCED_TABLES, Settings, type SyncedTable, TeamId, UnsentChanges } from '@/lib/model';
import { allUnsentChanges } from '@/lib/sync/outbox';
import { readSession } from '@/lib/sync/session';

/** The tables a backup carries: every synced record of the registry. */
export const BackupTables = z.object(
  Object.fromEntries(SYNCED_TABLES.map((t) => [t, z.array(ENTITIES[t].schema)])) as { [T in SyncedTable]: z.ZodArray<(typeof ENTITIES)[T]['schema']> },
);
export type BackupTables = z.infer<typeof BackupTables>;

/** Format 3 added the device's settings, its team and the member's unsent changes. */
export const BACKUP_FORMAT_VERSION = 3;

/** Formats 1 (before team sync: no aliases or follow-ups) and 2 read as format 3 with none of what they lacked. */
function fromOlderFormats(file: unknown): unknown {
  const old = file as { formatVersion?: unknown; tables?: unknown } | null;
  if ((old?.formatVersion !== 1 && old?.formatVersion !== 2) || typeof old.tables !== 'object' || old.tables === null) return file;
  return { ...old, formatVersion: 3, tables: { aliases: [], followUps: [], ...old.tables }, settings: null, team: null, unsent: [] };
}

export const Backup = z.preprocess(
  fromOlderFormats,
  z.object({
    format: z.literal('tandem-backup'),
    formatVersion: z.literal(BACKUP_FORMAT_VERSION),
    exportedAt: z.number().int(),
    /** The team the device was in (signed in, or signed out of); null before it joined one. */
    team: z.object({ id: TeamId, name: z.string() }).nullable(),
    tables: BackupTables,
    /** The device's own preferences (warning window, auto-logging, reminders); null in older files. */
    settings: Settings.nullable(),
    /** Changes that had not reached their team when the file was made, with whose they are. */
    unsent: z.array(UnsentChanges),
  }),
);
export type Backup = z.infer<typeof Backup>;

const fromStored = (table: SyncedTable, row: unknown) => fromStoredRow(table, row as StoredRows[SyncedTable]);

/** The team this device is in, signed in or signed out of; null before it joined one. */
async function deviceTeam(db: TandemDB): Promise<Backup['team']> {
  const session = await readSession(db);
  if (session) return { id: session.teamId, name: session.teamName };
  const me = await readMe(db);
  if (!me || me.teamId === LOCAL_TEAM_ID) return null;
  return { id: me.teamId, name: (await readSignedOut(db))?.teamName ?? '' };
}

/**
 * Every synced record on the device, its settings, and every change not yet sent with whose it
 * is (or only `unsent`: someone's changes kept apart on this device, exported for them).
 */
export async function exportBackup(db: TandemDB, now = Date.now(), unsent?: UnsentChanges[]): Promise<Backup> {
  return db.transaction('r', [...syncedTables(db), db.local, db.outbox, db.shadows], async () => {
    const tables: Partial<Record<SyncedTable, unknown[]>> = {};
    for (const table of SYNCED_TABLES) tables[table] = (await db.table(table).toArray()).map((row) => fromStored(table, row));
    return {
      format: 'tandem-backup' as const,
      formatVersion: BACKUP_FORMAT_VERSION,
      exportedAt: now,
      team: await deviceTeam(db),
      tables: tables as BackupTables,
      settings: await readSettings(db),
      unsent: (unsent ?? (await allUnsentChanges(db))).filter((u) => u.changes.length > 0),
    };
  });
}

export type ParsedBackup = { ok: true; backup: Backup } | { ok: false; error: string };

/** Reads a backup file's text; any problem is reported with where it is, and nothing is written. */
export function parseBackup(text: string): ParsedBackup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `The file is not JSON (${e instanceof Error ? e.message : 'parse error'}).` };
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== 'tandem-backup') {
    return { ok: false, error: 'The file is not a Tandem export.' };
  }
  const parsed = Backup.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    return { ok: false, error: `The file is not a valid Tandem export${where}: ${issue?.message ?? 'invalid'}${more}.` };
  }
  return { ok: true, backup: parsed.data };
}
