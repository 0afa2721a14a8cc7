import { BackupRestoreArgs, LOCAL_TEAM_ID, type Prospect, canSetDoNotContact, isHandLogged } from '@/lib/model';
import { type Actor, MutationRefused, NO_CHANGE, defineMutation, resolveProspect } from './define';
import type { Draft, MutationStore } from './store';

/**
 * Why `actor` may not restore this record (a phrase: "written by another member"), or null when they may. A member restores only what
 * they could have written: people, and their own notes, logged activities and follow-ups, of
 * their own team. Records made before a device joined any team (team `local`) are the
 * member's own, as their queued changes are when they first sign in (`adoptLocalChanges`).
 * The device plans a restore with it; the server enforces it.
 */
export function whyNotRestorable({ table, row }: BackupRestoreArgs, actor: Actor): string | null {
  if (row.teamId !== actor.teamId && row.teamId !== LOCAL_TEAM_ID) return 'of another team';
  if (row.deletedAt !== null) return 'deleted';
  const own = row.teamId === LOCAL_TEAM_ID;
  switch (table) {
    case 'prospects':
      return null;
    case 'activities':
      if (!isHandLogged(row.kind)) return 'part of a review or a do-not-contact change, which are not restored';
      return own || row.actorId === actor.memberId ? null : 'logged by another member';
    case 'notes':
      return own || row.authorId === actor.memberId ? null : 'written by another member';
    case 'followUps':
      return own || row.ownerId === actor.memberId ? null : 'another member’s follow-up';
  }
}

/** The row as the restore writes it: the store stamps team and version; a local record becomes the member's. */
function restoredRow({ table, row }: BackupRestoreArgs, actor: Actor) {
  const { teamId, version: _version, ...draft } = row;
  if (teamId !== LOCAL_TEAM_ID) return draft;
  const me = actor.memberId;
  if (table === 'activities') return { ...draft, actorId: me };
  if (table === 'notes') return { ...draft, authorId: me };
  if (table === 'followUps') return { ...draft, ownerId: me };
  return draft;
}

/**
 * A do-not-contact mark comes back only from the member who set it, if they still may set one
 * (a record from before the device joined a team counts as theirs).
 */
function keptDoNotContact(row: Prospect, actor: Actor): Prospect['doNotContact'] {
  const mark = row.doNotContact;
  if (!mark || !canSetDoNotContact(actor.role)) return null;
  if (row.teamId === LOCAL_TEAM_ID) return { ...mark, by: actor.memberId };
  return mark.by === actor.memberId ? mark : null;
}

/** A person the team may already know under another id (by a profile link): the file's id becomes an alias. */
async function restorePerson(store: MutationStore, args: BackupRestoreArgs & { table: 'prospects' }, actor: Actor) {
  if (await store.get('aliases', args.row.id)) return NO_CHANGE;
  for (const profile of args.row.profiles) {
    const known = await store.findProspectByKey(profile.key);
    if (known) {
      await store.put('aliases', { id: args.row.id, deletedAt: null, prospectId: known.id });
      return known.id;
    }
  }
  await store.put('prospects', { ...(restoredRow(args, actor) as Draft<'prospects'>), doNotContact: keptDoNotContact(args.row, actor) });
  return args.row.id;
}

/**
 * Re-creates one record of a backup file where the team lacks it. Whatever the team has under
 * that id stays as it is (a backup never overwrites, and says nothing about rows the member
 * cannot see); so restoring an old file cannot revert newer work.
 */
export const backupRestore = defineMutation({
  name: 'backup.restore',
  title: 'A record restored from a backup',
  args: BackupRestoreArgs,
  async apply(store, args, { actor }) {
    const refusal = whyNotRestorable(args, actor);
    if (refusal) throw new MutationRefused('backup.restore', refusal);
    if (await store.get(args.table, args.row.id)) return NO_CHANGE;
    if (args.table === 'prospects') return restorePerson(store, args, actor);
    const prospect = await resolveProspect(store, args.row.prospectId);
    if (!prospect) throw new MutationRefused('backup.restore', 'its person is not known to the team');
    // `viewed` is a signal, not a diary: once per member per person per day (as activity.log).
    if (args.table === 'activities' && args.row.kind === 'viewed' && (await store.hasViewedOnDay(prospect.id, actor.memberId, args.row.at))) return NO_CHANGE;
    await store.put(args.table, { ...restoredRow(args, actor), prospectId: prospect.id } as Draft<typeof args.table>);
    return args.row.id;
  },
});
