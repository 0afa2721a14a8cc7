import type { TandemDB } from '@/lib/db/database';
import { readSettings, whyChangesAreRefused } from '@/lib/db/local-state';
import { findProspectByKey } from '@/lib/db/queries';
import type { Prospect, ProspectIdentity } from '@/lib/model';
import { activityLog, prospectUpsert } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { readSession, readSyncState } from '@/lib/sync/session';

/**
 * The person's id, recording them from the page's identity if the team has never seen them and
 * refreshing their details if the page says something new.
 */
export async function ensureProspect(db: TandemDB, identity: ProspectIdentity, known?: Prospect): Promise<string> {
  const existing = known ?? (await findProspectByKey(db, identity.key));
  // A known person keeps their id; only a new one gets a fresh id (see prospect.upsert).
  const { result } = await mutate(db, prospectUpsert, { identity, ...(existing && { id: existing.id }) });
  const id = result ?? existing?.id ?? (await findProspectByKey(db, identity.key))?.id;
  if (!id) throw new Error(`prospect ${identity.key} vanished while being recorded`);
  return id;
}

/**
 * What opening a profile does: refreshes a known person's details from the page and, with
 * auto-logging on, records the person and a `viewed` (once per member per person per day).
 * With auto-logging off an unknown person is left unrecorded until someone acts on them. A page
 * that shows a stand-in name records no one new and changes no one's details.
 * Signed out of a team, merely looking records nothing (it would be sent as whoever signs in next).
 */
export async function recordVisit(db: TandemDB, identity: ProspectIdentity, at = Date.now()): Promise<void> {
  if (await whyChangesAreRefused(db)) return;
  const { autoLogViewed } = await readSettings(db);
  const known = await findProspectByKey(db, identity.key);
  if (identity.nameIsStandIn) {
    // "Candidate 4521 on Greenhouse" before the app renders the name, or a blind-review
    // pseudonym: not the person's name, so it neither records them nor replaces what the team
    // knows. The page reports again when the name renders; a known person's view still counts.
    if (known && autoLogViewed) await mutate(db, activityLog, { prospectId: known.id, kind: 'viewed', at });
    return;
  }
  if (!known && !autoLogViewed) return;
  const prospectId = await ensureProspect(db, identity, known);
  if (autoLogViewed) await mutate(db, activityLog, { prospectId, kind: 'viewed', at });
}

/**
 * Whether this device holds what its team knows: always when signed out, and once a sync has
 * completed since signing in. Until then a visit is not recorded: the team may already have
 * today's view (this member's, from before a sign-out that removed the team's data), and the
 * server keeps every view it is sent.
 */
export async function knowsTeamState(db: TandemDB): Promise<boolean> {
  if (!(await readSession(db))) return true;
  return (await readSyncState(db)).lastSyncedAt !== null;
}
