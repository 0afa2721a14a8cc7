import { ActivityLogArgs, ActivityUndoArgs, canTakeBackActivity, isHandLogged } from '@/lib/model';
import { MutationRefused, NO_CHANGE, defineMutation, requireUnusedId, resolveProspect } from './define';

export const activityLog = defineMutation({
  name: 'activity.log',
  title: 'A logged activity',
  args: ActivityLogArgs,
  async apply(store, args, { actor }) {
    const prospect = await resolveProspect(store, args.prospectId);
    if (!prospect) throw new MutationRefused('activity.log', 'no such person');
    await requireUnusedId(store, 'activity.log', 'activities', args.id);
    // `viewed` is a signal, not a diary: once per member per person per day.
    if (args.kind === 'viewed' && (await store.hasViewedOnDay(prospect.id, actor.memberId, args.at))) return NO_CHANGE;
    await store.put('activities', { ...args, prospectId: prospect.id, deletedAt: null, actorId: actor.memberId });
    return args.id;
  },
});

/** Takes back an activity its member logged by a mis-click: a tombstone the feed and the guard leave out. */
export const activityUndo = defineMutation({
  name: 'activity.undo',
  title: 'Taking back a logged activity',
  args: ActivityUndoArgs,
  async apply(store, { id, at }, { actor }) {
    const activity = await store.get('activities', id);
    if (!activity) throw new MutationRefused('activity.undo', 'no such activity');
    if (!isHandLogged(activity.kind)) throw new MutationRefused('activity.undo', 'only what a member logs by hand (views, outreach, replies, privacy notices) can be taken back; this entry belongs to its own record');
    if (!canTakeBackActivity(activity, actor.memberId)) throw new MutationRefused('activity.undo', 'only the member who logged it can take it back');
    if (activity.deletedAt !== null) return NO_CHANGE;
    await store.put('activities', { ...activity, deletedAt: at });
    return id;
  },
});
