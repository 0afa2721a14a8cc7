import { ulid } from 'ulidx';
import { z } from 'zod';
import { hasViewedOnDay } from '@/lib/db/queries';
import { Id, OutreachChannel, ReplyInterest, Timestamp } from '@/lib/model';
import { MutationRefused, NO_CHANGE, defineMutation } from './define';

/** The kinds a member logs by hand; the others come from their own mutations (review, stage, dnc). */
export const LoggableActivity = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('viewed'), data: z.object({}).strict().default({}) }),
  z.object({ kind: z.literal('outreach'), data: z.object({ channel: OutreachChannel }).strict() }),
  z.object({ kind: z.literal('reply'), data: z.object({ interest: ReplyInterest }).strict() }),
]);
export type LoggableActivity = z.infer<typeof LoggableActivity>;

export const activityLog = defineMutation({
  name: 'activity.log',
  args: z.intersection(
    z.object({
      id: Id.default(() => ulid()),
      prospectId: Id,
      at: Timestamp.default(() => Date.now()),
      requisitionId: Id.nullable().default(null),
    }),
    LoggableActivity,
  ),
  async apply(db, args, { me }) {
    const prospect = await db.prospects.get(args.prospectId);
    if (!prospect || prospect.deletedAt !== null) throw new MutationRefused('activity.log', 'no such person');
    // `viewed` is a signal, not a diary: once per member per person per day.
    if (args.kind === 'viewed' && (await hasViewedOnDay(db, args.prospectId, me.memberId, args.at))) return NO_CHANGE;
    await db.activities.add({ ...args, teamId: me.teamId, version: 0, deletedAt: null, actorId: me.memberId });
    return args.id;
  },
});
