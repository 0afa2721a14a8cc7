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

/** The file's parts besides the tables, in the file's order around them. */
async function backupHead(db: TandemDB, now: number, unsent: UnsentChanges[] | undefined): Promise<{ head: Pick<Backup, 'format' | 'formatVersion' | 'exportedAt' | 'team'>; tail: Pick<Backup, 'settings' | 'unsent'> }> {
  return {
    head: { format: 'tandem-backup', formatVersion: BACKUP_FORMAT_VERSION, exportedAt: now, team: await deviceTeam(db) },
    tail: { settings: await readSettings(db), unsent: (unsent ?? (await allUnsentChanges(db))).filter((u) => u.changes.length > 0) },
  };
}

const exportedTables = (db: TandemDB) => [...syncedTables(db), db.local, db.outbox, db.shadows];

/**
 * Every synced record on the device, its settings, and every change not yet sent with whose it
 * is (or only `unsent`: someone's changes kept apart on this device, exported for them).
 * Holds every row at once: the device's download uses `exportBackupFile`.
 */
export async function exportBackup(db: TandemDB, now = Date.now(), unsent?: UnsentChanges[]): Promise<Backup> {
  return db.transaction('r', exportedTables(db), async () => {
    const tables: Partial<Record<SyncedTable, unknown[]>> = {};
    for (const table of SYNCED_TABLES) tables[table] = (await db.table(table).toArray()).map((row) => fromStored(table, row));
    const { head, tail } = await backupHead(db, now, unsent);
    return { ...head, tables: tables as BackupTables, ...tail };
  });
}

/** Rows read a page at a time, in key order: a team's million activities are never one array. */
const FILE_PAGE_ROWS = 1_000;
/** Text gathered before it moves into a Blob (out of the page's heap, in Chromium). */
const FILE_PART_CHARS = 4_000_000;

/** `value` as JSON.stringify(…, null, 2) writes it `depth` levels down. */
const indented = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);

/** A backup as its file's bytes, and what it holds. */
export interface BackupFile {
  blob: Blob;
  exportedAt: number;
  /** Synced records in it. */
  records: number;
  /** Changes not yet sent in it. */
  unsentChanges: number;
}

/**
 * The same file as `JSON.stringify(await exportBackup(…), null, 2)`, byte for byte, built as a
 * Blob from the tables read page by page (keyed paging in one read transaction, so the file is
 * one moment of the device): the heap holds a page and a few megabytes of text, not the team.
 */
export async function exportBackupFile(db: TandemDB, now = Date.now(), unsent?: UnsentChanges[]): Promise<BackupFile> {
  const parts: Blob[] = [];
  let text: string[] = [];
  let chars = 0;
  const write = (s: string) => {
    text.push(s);
    chars += s.length;
    if (chars < FILE_PART_CHARS) return;
    parts.push(new Blob(text));
    text = [];
    chars = 0;
  };
  let records = 0;
  const unsentChanges = await db.transaction('r', exportedTables(db), async () => {
    const { head, tail } = await backupHead(db, now, unsent);
    // The head's object without its closing brace, then the tables, then the rest.
    write(`${indented(head, 0).slice(0, -2)},\n  "tables": {`);
    for (const [t, table] of SYNCED_TABLES.entries()) {
      write(`${t === 0 ? '' : ','}\n    ${JSON.stringify(table)}: [`);
      let last: string | undefined;
      let rows = 0;
      for (;;) {
        const rowsOf = db.table<{ id: string }, string>(table);
        const collection = last === undefined ? rowsOf.orderBy(':id') : rowsOf.where(':id').above(last);
        const page = await collection.limit(FILE_PAGE_ROWS).toArray();
        // A page as one array two levels down, without its brackets: the rows as the whole file has them.
        if (page.length > 0) write(`${rows === 0 ? '' : ','}${indented(page.map((row) => fromStored(table, row)), 2).slice(1, -6)}`);
        rows += page.length;
        if (page.length < FILE_PAGE_ROWS) break;
        // Every synced table is keyed by its rows' ids.
        last = page[page.length - 1]!.id;
      }
      write(rows === 0 ? ']' : '\n    ]');
      records += rows;
    }
    write(`\n  },\n  "settings": ${indented(tail.settings, 1)},\n  "unsent": ${indented(tail.unsent, 1)}\n}`);
    return tail.unsent.reduce((n, u) => n + u.changes.length, 0);
  });
  return { blob: new Blob([...parts, new Blob(text)], { type: 'application/json' }), exportedAt: now, records, unsentChanges };
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
