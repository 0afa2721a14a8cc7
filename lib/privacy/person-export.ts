import { ENTITIES, type Prospect, SYNCED_TABLES, type SyncedRows, type SyncedTable, fieldsOf } from '@/lib/model';

/**
 * Everything held about one person, for an access request (GDPR Article 15): the device builds
 * it from its own data, the server (`admin export-person`) from its tables. Which tables hold
 * rows about a person is read off the entity registry: every schema with a `prospectId` (or a
 * `prospectIds` list) names people, so an entity added later is exported without a change here.
 */

export interface PersonLink {
  table: Exclude<SyncedTable, 'prospects'>;
  /** `prospectId`: the row is about one person; `prospectIds`: it lists several. */
  field: 'prospectId' | 'prospectIds';
}

/** Every table whose rows name a person, and by which field. */
export const PERSON_LINKS: readonly PersonLink[] = SYNCED_TABLES.flatMap((table): PersonLink[] => {
  if (table === 'prospects') return [];
  const fields = fieldsOf(ENTITIES[table].schema);
  if (fields.has('prospectId')) return [{ table, field: 'prospectId' }];
  if (fields.has('prospectIds')) return [{ table, field: 'prospectIds' }];
  return [];
});

/** Where the rows come from: Dexie on the device, the `entities` table on the server. */
export interface PersonSource {
  /** Rows of `table` whose `field` is one of `ids` (a list field: that lists one of them), tombstones included. */
  rowsNaming<T extends PersonLink['table']>(table: T, field: PersonLink['field'], ids: readonly string[]): Promise<SyncedRows[T][]>;
  /** The person records with these ids, tombstones (records merged away) included. */
  prospects(ids: readonly string[]): Promise<Prospect[]>;
}

export type PersonTables = { [T in SyncedTable]?: SyncedRows[T][] };

export interface PersonRecords {
  /** The person as the team keeps them now. */
  person: Prospect;
  /** Their id and every id merged into it (aliases, chains followed). */
  ids: string[];
  /** Every row naming any of those ids, by table; `prospects` holds the person and the records merged into them. */
  tables: PersonTables;
}

/** Gathers every row about the person `personId` names (already resolved: the record the team kept). */
export async function gatherPerson(source: PersonSource, personId: string): Promise<PersonRecords | null> {
  const ids = new Set([personId]);
  let frontier = [personId];
  while (frontier.length > 0) {
    const aliases = await source.rowsNaming('aliases', 'prospectId', frontier);
    frontier = aliases.map((a) => a.id).filter((id) => !ids.has(id));
    for (const id of frontier) ids.add(id);
  }
  const idList = [...ids];
  const prospects = await source.prospects(idList);
  const person = prospects.find((p) => p.id === personId);
  if (!person) return null;
  const tables: PersonTables = { prospects };
  for (const { table, field } of PERSON_LINKS) {
    const rows = await source.rowsNaming(table, field, idList);
    if (rows.length > 0) (tables as Record<string, unknown[]>)[table] = rows;
  }
  return { person, ids: idList, tables };
}

/** The export as one JSON document: the rows as stored, and the names the text uses. */
export interface PersonExport extends PersonRecords {
  format: 'tandem-person-export';
  version: 1;
  exportedAt: number;
  /** Where it was built: on a member's device (what that device holds) or on the server (everything). */
  source: 'device' | 'server';
  /** Member id → name, and requisition id → title, for the ids the rows name. */
  names: Record<string, string>;
}

/** Fields every synced row has that say nothing about the person. */
const BOOKKEEPING = new Set(['teamId', 'version']);
const isTime = (field: string) => field === 'at' || /At$/.test(field);
const when = (t: number) => `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function valueText(field: string, value: unknown, names: Record<string, string>): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number' && isTime(field)) return when(value);
  if (typeof value === 'string') return names[value] ? `${names[value]} (${value})` : value;
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v) => valueText(field, v, names)).join('; ');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${valueText(k, v, names)}`)
      .join(', ');
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function rowText(row: Record<string, unknown>, names: Record<string, string>): string {
  return Object.entries(row)
    .filter(([field]) => !BOOKKEEPING.has(field))
    .map(([field, value]) => `  ${field}: ${valueText(field, value, names)}`)
    .join('\n');
}

/**
 * The same export as text a person can read: each table's rows, every field, times in UTC,
 * member ids and requisition ids with their names. Generic on purpose: a table added to the
 * registry shows here as it is, rather than being left out of an answer to an access request.
 */
export function personExportText(exp: PersonExport, teamName: string): string {
  const lines = [
    `What ${teamName} holds about ${exp.person.name}`,
    `Exported ${when(exp.exportedAt)} ${exp.source === 'server' ? 'from the team server: every record, private notes and follow-ups of every member included' : 'from a member’s device: the team’s records and that member’s own private notes and follow-ups'}.`,
    `Ids: ${exp.ids.join(', ')}`,
  ];
  for (const table of SYNCED_TABLES) {
    const rows = exp.tables[table] as Record<string, unknown>[] | undefined;
    if (!rows?.length) continue;
    lines.push('', `== ${table} (${rows.length}) ==`);
    for (const row of rows) lines.push('', rowText(row, exp.names));
  }
  return `${lines.join('\n')}\n`;
}

/** The ids in the rows that the text should name: members (actors, authors, owners…) and requisitions. */
export function idsToName(records: PersonRecords): Set<string> {
  const ids = new Set<string>();
  const visit = (field: string, value: unknown) => {
    if (typeof value === 'string' && /(Id|By|by)$/.test(field) && field !== 'prospectId') ids.add(value);
    else if (Array.isArray(value)) for (const v of value) visit(field.replace(/s$/, ''), v);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(k, v);
  };
  for (const rows of Object.values(records.tables)) for (const row of rows) for (const [k, v] of Object.entries(row)) visit(k, v);
  return ids;
}
