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

/** A member changes their own name or time zone; an admin renames anyone. */
export const memberUpdate = defineMutation({
  name: 'member.update',
  title: 'A name or time zone change',
  args: MemberUpdateArgs,
  async apply(store, { memberId, name, timeZone }, { actor }) {
    const member = await store.get('members', memberId);
    if (!member || member.deletedAt !== null) throw new MutationRefused('member.update', 'no such member in the team');
    const next = { ...member, name: name ?? member.name, timeZone: timeZone === undefined ? (member.timeZone ?? null) : timeZone };
    if (next.name !== member.name && !canRenameMember(memberId, actor.memberId, actor.role)) {
      throw new MutationRefused('member.update', 'members change their own name; an admin can rename anyone');
    }
    if (next.timeZone !== (member.timeZone ?? null) && !canSetTimeZone(memberId, actor.memberId)) {
      throw new MutationRefused('member.update', 'only the member sets their own time zone');
    }
    if (next.name === member.name && next.timeZone === (member.timeZone ?? null)) return NO_CHANGE;
    const { teamId: _team, version: _version, ...draft } = next;
    await store.put('members', draft);
    return memberId;
  },
});
