import { startingWith } from './key-ranges';
import type { Prospect } from '@/lib/model';
import { type PersonExport, type PersonSource, gatherPerson, idsToName } from '@/lib/privacy/person-export';
import { type TandemDB, fromStoredRow } from './database';

/**
 * Rows naming ids through the table's own index when it has one: the field itself, a
 * multi-entry one (`*prospectIds`), or a compound one that starts with it (`[prospectId+at]`).
 * A table without is read whole (an entity added later still exports, only slower).
 */
function deviceSource(db: TandemDB): PersonSource {
  return {
    async rowsNaming(table, field, ids) {
      const t = db.table(table);
      const indexes = t.schema.indexes;
      let rows: unknown[];
      if (indexes.some((i) => i.name === field)) rows = await t.where(field).anyOf([...ids]).distinct().toArray();
      else {
        const compound = indexes.find((i) => Array.isArray(i.keyPath) && i.keyPath[0] === field);
        rows = compound
          ? (await Promise.all(ids.map((id) => startingWith(t.where(compound.name), id).toArray()))).flat()
          : await t.filter((row: Record<string, unknown>) => ids.includes(row[field] as string)).toArray();
      }
      return rows.map((row) => fromStoredRow<typeof table>(table, row as never));
    },
    async prospects(ids) {
      const rows = await db.prospects.bulkGet([...ids]);
      return rows.filter((r) => r !== undefined).map((r): Prospect => fromStoredRow('prospects', r));
    },
  };
}

/**
 * Everything this device holds about the person: the team's records, and of private ones (notes,
 * follow-ups) only this member's own, since no device ever receives another member's. The
 * server's export (`admin export-person`) has those too.
 */
export async function exportPersonFromDevice(db: TandemDB, personId: string, now = Date.now()): Promise<PersonExport | null> {
  const records = await gatherPerson(deviceSource(db), personId);
  if (!records) return null;
  const ids = [...idsToName(records)];
  const [members, requisitions] = await Promise.all([db.members.bulkGet(ids), db.requisitions.bulkGet(ids)]);
  const names: Record<string, string> = {};
  for (const m of members) if (m) names[m.id] = m.name;
  for (const r of requisitions) if (r) names[r.id] = r.title;
  return { format: 'tandem-person-export', version: 1, exportedAt: now, source: 'device', ...records, names };
}
