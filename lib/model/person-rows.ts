import { z } from 'zod';
import { ENTITIES, SYNCED_TABLES, type SyncedTable } from './entities';

/**
 * Which rows are about a person, read off the registry's schemas rather than listed by hand, so
 * an entity added later is erased with the person too: a row whose `prospectId` names them is
 * theirs (deleted), a row whose `prospectIds` lists them loses them from its list (deleted when
 * nobody is left). The person's own records are found by id: the person and the ids merged
 * into them (aliases).
 */
export interface PersonFields {
  /** Tables whose rows are the person (their id is one of the person's ids). */
  byId: SyncedTable[];
  /** Tables whose rows belong to one person, named by this field. */
  one: { table: SyncedTable; field: string }[];
  /** Tables whose rows list people, in this field. */
  many: { table: SyncedTable; field: string }[];
}

const ONE_PERSON_FIELD = 'prospectId';
const PEOPLE_FIELD = 'prospectIds';

/** The fields of an object schema, through the intersections and unions the registry uses. */
export function fieldsOf(schema: z.ZodType): Set<string> {
  if (schema instanceof z.ZodObject) return new Set(Object.keys(schema.shape));
  if (schema instanceof z.ZodIntersection) {
    const { left, right } = schema.def as unknown as { left: z.ZodType; right: z.ZodType };
    return new Set([...fieldsOf(left), ...fieldsOf(right)]);
  }
  if (schema instanceof z.ZodUnion) {
    const options = (schema.options as z.ZodType[]).map(fieldsOf);
    // Only a field every option has is the row's.
    return new Set([...(options[0] ?? [])].filter((f) => options.every((o) => o.has(f))));
  }
  if (schema instanceof z.ZodPipe) return fieldsOf((schema.def as unknown as { in: z.ZodType }).in);
  return new Set();
}

export function personFieldsOf(entities: Record<string, { schema: z.ZodType }>): PersonFields {
  const byId: SyncedTable[] = [];
  const one: PersonFields['one'] = [];
  const many: PersonFields['many'] = [];
  for (const table of Object.keys(entities) as SyncedTable[]) {
    const fields = fieldsOf(entities[table]!.schema);
    if (table === 'prospects' || table === 'aliases') byId.push(table);
    if (fields.has(ONE_PERSON_FIELD)) one.push({ table, field: ONE_PERSON_FIELD });
    if (fields.has(PEOPLE_FIELD)) many.push({ table, field: PEOPLE_FIELD });
  }
  return { byId, one, many };
}

export const PERSON_FIELDS: PersonFields = personFieldsOf(Object.fromEntries(SYNCED_TABLES.map((t) => [t, ENTITIES[t]])));
