import type { TandemDB } from '@/lib/db/database';
import { readSettings } from '@/lib/db/local-state';
import { findProspectByKey } from '@/lib/db/queries';
import type { ProspectIdentity } from '@/lib/model';
import { activityLog, mutate, prospectUpsert } from '@/lib/mutations';

/** The person's id, creating them from the page's identity if the team has never seen them. */
export async function ensureProspect(db: TandemDB, identity: ProspectIdentity): Promise<string> {
  const { result } = await mutate(db, prospectUpsert, { identity });
  if (result) return result;
  const existing = await findProspectByKey(db, identity.key);
  if (!existing) throw new Error(`prospect ${identity.key} vanished while being recorded`);
  return existing.id;
}

/**
 * What opening a profile does: refreshes a known person's details from the page and, with
 * auto-logging on, records the person and a `viewed` (once per member per person per day).
 * With auto-logging off an unknown person is left unrecorded until someone acts on them.
 */
export async function recordVisit(db: TandemDB, identity: ProspectIdentity, at = Date.now()): Promise<void> {
  const { autoLogViewed } = await readSettings(db);
  const known = await findProspectByKey(db, identity.key);
  if (!known && !autoLogViewed) return;
  const prospectId = await ensureProspect(db, identity);
  if (autoLogViewed) await mutate(db, activityLog, { prospectId, kind: 'viewed', at });
}
