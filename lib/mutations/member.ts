import { MemberUpdateArgs, canRenameMember, canSetTimeZone, isPickable } from '@/lib/model';
import { MutationRefused, NO_CHANGE, defineMutation } from './define';
import type { MutationStore } from './store';

/**
 * A member who can be named hiring manager, recruiter or reviewer: in the team, invited or
 * signed in. Someone whose access was revoked is no longer in the team.
 */
export async function requireMember(store: MutationStore, mutation: string, id: string) {
  const member = await store.get('members', id);
  if (!member || member.deletedAt !== null) throw new MutationRefused(mutation, 'no such member in the team');
  if (!isPickable(member)) throw new MutationRefused(mutation, `${member.name} is no longer in the team`);
  return member;
}

/** What the member alone sets on their own record: their time zone, reminder rules and check-in mail. */
const OWN_FIELDS = ['timeZone', 'workingDays', 'quietHours', 'checkInMail'] as const;

/** A member changes their own name, time zone, reminder rules or check-in mail; an admin renames anyone. */
export const memberUpdate = defineMutation({
  name: 'member.update',
  title: 'A profile or reminder settings change',
  args: MemberUpdateArgs,
  async apply(store, { memberId, ...args }, { actor }) {
    const member = await store.get('members', memberId);
    if (!member || member.deletedAt !== null) throw new MutationRefused('member.update', 'no such member in the team');
    const before = { ...member, timeZone: member.timeZone ?? null, workingDays: member.workingDays ?? null, quietHours: member.quietHours ?? null, checkInMail: member.checkInMail ?? null };
    const next = { ...before, name: args.name ?? member.name };
    for (const field of OWN_FIELDS) if (args[field] !== undefined) Object.assign(next, { [field]: args[field] });
    if (next.name !== member.name && !canRenameMember(memberId, actor.memberId, actor.role)) {
      throw new MutationRefused('member.update', 'members change their own name; an admin can rename anyone');
    }
    const changed = OWN_FIELDS.filter((field) => JSON.stringify(next[field]) !== JSON.stringify(before[field]));
    if (changed.length > 0 && !canSetTimeZone(memberId, actor.memberId)) {
      throw new MutationRefused('member.update', changed.includes('timeZone') ? 'only the member sets their own time zone' : 'only the member sets their own reminders');
    }
    if (next.name === member.name && changed.length === 0) return NO_CHANGE;
    const { teamId: _team, version: _version, ...draft } = next;
    await store.put('members', draft);
    return memberId;
  },
});
