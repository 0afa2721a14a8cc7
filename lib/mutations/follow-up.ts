import { FollowUpDoneArgs, FollowUpSetArgs, FollowUpSnoozeArgs } from '@/lib/model';
import { MutationRefused, NO_CHANGE, defineMutation, requireUnusedId, resolveProspect } from './define';
import type { MutationStore } from './store';

async function ownFollowUp(store: MutationStore, mutation: string, id: string, memberId: string) {
  const followUp = await store.get('followUps', id);
  // Another member's follow-up is private: to anyone else it does not exist.
  if (!followUp || followUp.deletedAt !== null || followUp.ownerId !== memberId) throw new MutationRefused(mutation, 'no such follow-up');
  return followUp;
}

/** "Follow up with this person on …": the member's own reminder. */
export const followUpSet = defineMutation({
  name: 'followup.set',
  title: 'A new follow-up',
  args: FollowUpSetArgs,
  async apply(store, { id, prospectId, dueAt, note, at }, { actor }) {
    await requireUnusedId(store, 'followup.set', 'followUps', id);
    const prospect = await resolveProspect(store, prospectId);
    if (!prospect) throw new MutationRefused('followup.set', 'no such person');
    await store.put('followUps', { id, deletedAt: null, prospectId: prospect.id, ownerId: actor.memberId, dueAt, note, createdAt: at, doneAt: null });
    return id;
  },
});

export const followUpDone = defineMutation({
  name: 'followup.done',
  title: 'Marking a follow-up done',
  args: FollowUpDoneArgs,
  async apply(store, { id, at }, { actor }) {
    const followUp = await ownFollowUp(store, 'followup.done', id, actor.memberId);
    if (followUp.doneAt !== null) return NO_CHANGE;
    await store.put('followUps', { ...followUp, doneAt: at });
    return id;
  },
});

/** Moves the reminder later; it leaves the popup's list until then. */
export const followUpSnooze = defineMutation({
  name: 'followup.snooze',
  title: 'Snoozing a follow-up',
  args: FollowUpSnoozeArgs,
  async apply(store, { id, until }, { actor }) {
    const followUp = await ownFollowUp(store, 'followup.snooze', id, actor.memberId);
    if (followUp.doneAt !== null) throw new MutationRefused('followup.snooze', 'that follow-up is done');
    if (followUp.dueAt === until) return NO_CHANGE;
    await store.put('followUps', { ...followUp, dueAt: until });
    return id;
  },
});
