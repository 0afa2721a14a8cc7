import { ENTITIES, type SyncedTable } from '@/lib/model';

/** At most this much of the schema's complaint goes into a rejection reason. */
const MAX_DETAIL_CHARS = 400;

/**
 * Why no device could read `doc` as a row of `table`, or null when it can. The server checks
 * every row a mutation writes with the schema devices parse pulled rows with, so it never
 * stores what every device would skip (205 nudges on a request whose history holds 200).
 */
export function unreadableReason(table: SyncedTable, doc: unknown): string | null {
  const { schema, noun } = ENTITIES[table];
  const parsed = schema.safeParse(doc);
  if (parsed.success) return null;
  const detail = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  return `it would leave the ${noun} in a state no device can read (${detail.length > MAX_DETAIL_CHARS ? `${detail.slice(0, MAX_DETAIL_CHARS)}…` : detail})`;
}
