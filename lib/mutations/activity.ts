import { ActivityLogArgs } from '@/lib/model';
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
