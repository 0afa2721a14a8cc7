import { z } from 'zod';
import { type TandemDB, fromProspectRow, syncedTables, toProspectRow } from '@/lib/db/database';
import { allowSyncedWrites } from '@/lib/db/synced-write-guard';
import { ENTITIES, SYNCED_TABLES, type SyncedRows, type SyncedTable } from '@/lib/model';

/** The tables a backup carries: every synced record of the registry. Device state (outbox, settings) stays. */
export const BackupTables = z.object(
  Object.fromEntries(SYNCED_TABLES.map((t) => [t, z.array(ENTITIES[t].schema)])) as { [T in SyncedTable]: z.ZodArray<(typeof ENTITIES)[T]['schema']> },
);
export type BackupTables = z.infer<typeof BackupTables>;

export const BACKUP_FORMAT_VERSION = 2;

/** Format 1 (before team sync) had no aliases or follow-ups: it reads as format 2 with none. */
function fromFormat1(file: unknown): unknown {
  const v1 = file as { formatVersion?: unknown; tables?: unknown } | null;
  if (v1?.formatVersion !== 1 || typeof v1.tables !== 'object' || v1.tables === null) return file;
  return { ...v1, formatVersion: 2, tables: { aliases: [], followUps: [], ...v1.tables } };
}

export const Backup = z.preprocess(
  fromFormat1,
  z.object({
    format: z.literal('tandem-backup'),
    formatVersion: z.literal(BACKUP_FORMAT_VERSION),
    exportedAt: z.number().int(),
    tables: BackupTables,
  }),
);
export type Backup = z.infer<typeof Backup>;

const toStored = (table: SyncedTable, row: unknown) => (table === 'prospects' ? toProspectRow(row as SyncedRows['prospects']) : row);
const fromStored = (table: SyncedTable, row: unknown) => (table === 'prospects' ? fromProspectRow(row as Parameters<typeof fromProspectRow>[0]) : row);

export async function exportBackup(db: TandemDB, now = Date.now()): Promise<Backup> {
  return db.transaction('r', syncedTables(db), async () => {
    const tables: Partial<Record<SyncedTable, unknown[]>> = {};
    for (const table of SYNCED_TABLES) tables[table] = (await db.table(table).toArray()).map((row) => fromStored(table, row));
    return { format: 'tandem-backup' as const, formatVersion: BACKUP_FORMAT_VERSION, exportedAt: now, tables: tables as BackupTables };
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

/** Writes every row of the backup in one transaction: all of it lands, or none. Same ids are replaced. */
export async function importBackup(db: TandemDB, backup: Backup): Promise<Record<SyncedTable, number>> {
  await db.transaction('rw', syncedTables(db), async () => {
    allowSyncedWrites('restore');
    for (const table of SYNCED_TABLES) await db.table(table).bulkPut(backup.tables[table].map((row) => toStored(table, row)));
  });
  return Object.fromEntries(SYNCED_TABLES.map((t) => [t, backup.tables[t].length])) as Record<SyncedTable, number>;
}
