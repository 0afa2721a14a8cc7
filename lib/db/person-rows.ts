import type { Table } from 'dexie';
import { startingWith } from './key-ranges';
import { PERSON_FIELDS, type SyncedTable } from '@/lib/model';
import type { TandemDB } from './database';

/**
 * The rows of a table whose `field` holds one of `ids`, through the table's index on that field
 * when it has one (alone, first of a compound, or multi-entry), else by reading the table.
 */
async function rowsNaming(table: Table<{ id: string }>, field: string, ids: readonly string[]): Promise<{ id: string }[]> {
  const indexes = [table.schema.primKey, ...table.schema.indexes];
  if (indexes.some((i) => i.keyPath === field)) return (await table.where(field).anyOf([...ids]).distinct().toArray());
  const compound = indexes.find((i) => Array.isArray(i.keyPath) && i.keyPath[0] === field);
  if (compound) {
    const found = await Promise.all(ids.map((id) => startingWith(table.where(compound.name), id).toArray()));
    return found.flat();
  }
  const wanted = new Set(ids);
  return table.filter((row: Record<string, unknown>) => {
    const value = row[field];
    return Array.isArray(value) ? value.some((v) => wanted.has(v as string)) : wanted.has(value as string);
  }).toArray();
}

export interface PersonRows {
  /** Rows that are about the people: deleted. */
  deletes: { table: SyncedTable; id: string }[];
  /** Rows that list them among others: written again without them. */
  rewrites: { table: SyncedTable; row: Record<string, unknown> & { id: string } }[];
}

/** Every row on this device about the people with these ids, by the registry's person fields. */
export async function personRows(db: TandemDB, ids: readonly string[]): Promise<PersonRows> {
  const gone = new Set(ids);
  const deletes: PersonRows['deletes'] = [];
  const rewrites: PersonRows['rewrites'] = [];
  for (const table of PERSON_FIELDS.byId) {
    for (const row of await db.table(table).bulkGet([...ids])) if (row) deletes.push({ table, id: (row as { id: string }).id });
  }
  for (const { table, field } of PERSON_FIELDS.one) {
    for (const row of await rowsNaming(db.table(table), field, ids)) deletes.push({ table, id: row.id });
  }
  for (const { table, field } of PERSON_FIELDS.many) {
    for (const row of (await rowsNaming(db.table(table), field, ids)) as (Record<string, unknown> & { id: string })[]) {
      const left = (row[field] as string[]).filter((id) => !gone.has(id));
      if (left.length === 0) deletes.push({ table, id: row.id });
      else rewrites.push({ table, row: { ...row, [field]: left } });
    }
  }
  return { deletes, rewrites };
}
