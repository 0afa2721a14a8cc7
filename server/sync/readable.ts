import { ENTITY_SCHEMAS } from '@/lib/model';
import { KIND_OF_TABLE, type SyncedTable } from '@/lib/mutations/store';

/** At most this much of the schema's complaint goes into a rejection reason. */
const MAX_DETAIL_CHARS = 400;

/**
 * Why no device could read `doc` as a row of `table`, or null when it can. The server checks
 * every row a mutation writes with the schema devices parse pulled rows with, so it never
 * stores what every device would skip (205 nudges on a request whose history holds 200).
 */
export function unreadableReason(table: SyncedTable, doc: unknown): string | null {
  const kind = (KIND_OF_TABLE as Partial<Record<SyncedTable, keyof typeof ENTITY_SCHEMAS>>)[table];
  if (!kind) return null;
  const parsed = ENTITY_SCHEMAS[kind].safeParse(doc);
  if (parsed.success) return null;
  const detail = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  const what = kind.replaceAll('_', ' ');
  return `it would leave the ${what} in a state no device can read (${detail.length > MAX_DETAIL_CHARS ? `${detail.slice(0, MAX_DETAIL_CHARS)}…` : detail})`;
}
