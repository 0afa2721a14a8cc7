import type { TandemDB } from '@/lib/db/database';
import { readMe, readSettings, whyChangesAreRefused } from '@/lib/db/local-state';
import { findProspectByKey } from '@/lib/db/queries';
import { canAttachProfile, type Prospect, type ProspectIdentity } from '@/lib/model';
import { activityLog, prospectAttachProfile, prospectUpsert } from '@/lib/mutations';
import type { MatchResult } from '@/lib/identity';
import { matchPage, notSamePerson } from './page-match';
import { suppressedPage } from './suppression-check';
import { mutate } from '@/lib/db/mutate';
import { readSession, readSyncState } from '@/lib/sync/session';

/**
 * The person's id, recording them from the page's identity if the team has never seen them and
 * refreshing their details if the page says something new. A page that links a LinkedIn
 * profile, or shows an email, of exactly one person the team has is that person: its profile
 * joins them (`prospect.attachProfile`) instead of making a second record (lib/identity).
 * A stand-in name is never recorded: such a page makes nobody new (the mutation refuses, with
 * the reason) until its real name shows or a member says who it is.
 */
export async function ensureProspect(db: TandemDB, identity: ProspectIdentity, known?: Prospect): Promise<string> {
  const existing = known ?? (await findProspectByKey(db, identity.key));
  if (!existing) {
    const joined = await joinedPerson(db, identity, await matchPage(db, identity));
    if (joined) return joined;
  }
  // A known person keeps their id; only a new one gets a fresh id (see prospect.upsert).
  const { result } = await mutate(db, prospectUpsert, { identity, ...(existing && { id: existing.id }) });
  const id = result ?? existing?.id ?? (await findProspectByKey(db, identity.key))?.id;
  if (!id) throw new Error(`prospect ${identity.key} vanished while being recorded`);
  return id;
}

/**
 * The one person the page's links or emails name, with the page's profile attached to them.
 * A hiring manager may not attach profiles: their actions land on that person all the same,
 * and the profile joins them when a recruiter or sourcer opens the page.
 */
async function joinedPerson(db: TandemDB, identity: ProspectIdentity, { join }: MatchResult): Promise<string | null> {
  if (!join) return null;
  const me = await readMe(db);
  if (!me || canAttachProfile(me.role)) await mutate(db, prospectAttachProfile, { prospectId: join.personId, identity });
  return join.personId;
}

/**
 * What opening a profile does: refreshes a known person's details from the page and, with
 * auto-logging on, records the person and a `viewed` (once per member per person per day).
 * With auto-logging off an unknown person is left unrecorded until someone acts on them; a page
 * that joins someone the team has is joined all the same (it adds to a record, makes none).
 * A page that is not recorded yet waits while the sidebar asks "Same person as …?" (recording
 * it first would make the second record a Yes has to merge), and while its name is a stand-in.
 * Signed out of a team, merely looking records nothing (it would be sent as whoever signs in next);
 * nor does looking at someone in the team's suppression list.
 */
export async function recordVisit(db: TandemDB, identity: ProspectIdentity, at = Date.now()): Promise<void> {
  if (await whyChangesAreRefused(db)) return;
  // Asked to be forgotten: nothing about them is recorded, not even that someone looked.
  if (await suppressedPage(db, identity)) return;
  const { autoLogViewed } = await readSettings(db);
  const known = await findProspectByKey(db, identity.key);
  let joined: string | null = null;
  if (!known) {
    const match = await matchPage(db, identity);
    joined = await joinedPerson(db, identity, match);
    if (!joined && (!autoLogViewed || identity.nameIsStandIn || (await stillAsking(db, identity, match)))) return;
  }
  const prospectId = joined ?? (await ensureProspect(db, identity, known));
  if (autoLogViewed) await mutate(db, activityLog, { prospectId, kind: 'viewed', at });
}

/** Whether a suggestion for the page is still unanswered on this device. */
async function stillAsking(db: TandemDB, identity: ProspectIdentity, match: MatchResult): Promise<boolean> {
  const dismissed = await notSamePerson(db, identity.key);
  return match.suggestions.some((s) => !dismissed.includes(s.personId));
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
