import type { Queryable } from '@/server/db/database';
import { erasePerson } from '@/lib/mutations';
import { SqlStore, nextVersion } from '@/server/sync/sql-store';
import type { ErasureBy } from '@/server/sync/erasure';

/**
 * Erases one person on the server's own account (a team rule, not a member's request): the same
 * erasure as `prospect.erase`, under its own version, suppressed and logged with `cause`.
 * Returns false when the person is already gone.
 */
export async function eraseAsServer(tx: Queryable, teamId: string, prospectId: string, now: number, cause: Exclude<ErasureBy['cause'], 'request'>): Promise<boolean> {
  const store = new SqlStore(tx, teamId, await nextVersion(tx, teamId), cause, { memberId: null, cause });
  const person = await store.get('prospects', prospectId);
  if (!person || person.deletedAt !== null) return false;
  await erasePerson(store, person, now);
  return true;
}
