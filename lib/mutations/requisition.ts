import { RequisitionSaveArgs, canCreateRequisition, canEditRequisition, canManageHiring, canRecruitFor, canStaffRequisition, type Requisition } from '@/lib/model';
import { MutationRefused, NO_CHANGE, defineMutation } from './define';
import { requireMember } from './member';

/** Creates or edits the intake: title, hiring manager, recruiters, scorecard, deadline, stages. */
export const requisitionSave = defineMutation({
  name: 'requisition.save',
  title: 'A requisition change',
  args: RequisitionSaveArgs,
  async apply(store, { id, at, ...fields }, { actor }) {
    const existing = await store.get('requisitions', id);
    const allowed = existing ? canEditRequisition(existing, actor.memberId, actor.role) : canCreateRequisition(actor.role);
    if (!allowed) {
      throw new MutationRefused('requisition.save', existing ? 'only recruiters, admins and its hiring manager can edit a requisition' : 'only recruiters and admins can open a requisition');
    }
    const restaffed = !existing || existing.hiringManagerId !== fields.hiringManagerId || existing.recruiterIds.join() !== fields.recruiterIds.join();
    if (restaffed && !canStaffRequisition(actor.role)) {
      throw new MutationRefused('requisition.save', 'a hiring manager edits the intake; recruiters and admins choose who works on the role');
    }
    // Who is named now is checked; someone named earlier whose role changed since stays until removed.
    if (!existing || existing.hiringManagerId !== fields.hiringManagerId) {
      const manager = await requireMember(store, 'requisition.save', fields.hiringManagerId);
      if (!canManageHiring(manager.role)) throw new MutationRefused('requisition.save', 'the hiring manager is a member with the role hiring manager or admin');
    }
    for (const recruiterId of fields.recruiterIds) {
      if (existing?.recruiterIds.includes(recruiterId)) continue;
      const recruiter = await requireMember(store, 'requisition.save', recruiterId);
      if (!canRecruitFor(recruiter.role)) throw new MutationRefused('requisition.save', 'recruiters on a requisition are members with the role recruiter or admin');
    }
    const next: Omit<Requisition, 'teamId' | 'version'> = { id, deletedAt: null, ...fields, createdAt: existing?.createdAt ?? at };
    if (existing && JSON.stringify({ ...existing, teamId: 0, version: 0 }) === JSON.stringify({ ...next, teamId: 0, version: 0 })) return NO_CHANGE;
    await store.put('requisitions', next);
    return id;
  },
});
