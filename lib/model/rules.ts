import type { Role } from './member';

/**
 * Who may do what. Shared mutators check these on the device (so the UI refuses at once) and
 * on the server (which is the authority).
 */
export const canSetDoNotContact = (role: Role) => role === 'recruiter' || role === 'admin';

/** A note is its author's: only they edit, delete or restore it. */
export const canChangeNote = (authorId: string, memberId: string) => authorId === memberId;

/** Private notes reach only their author. */
export const canSeeNote = (note: { visibility: 'team' | 'private'; authorId: string }, memberId: string) =>
  note.visibility === 'team' || note.authorId === memberId;

/** Recruiters and admins open requisitions; they and the role's hiring manager edit the intake. */
export const canCreateRequisition = (role: Role) => role === 'recruiter' || role === 'admin';
export const canEditRequisition = (req: { hiringManagerId: string }, memberId: string, role: Role) =>
  canCreateRequisition(role) || req.hiringManagerId === memberId;

/** Anyone who finds people may ask for a review; hiring managers review. */
export const canRequestReview = (role: Role) => role !== 'hiring_manager';

/** Only the person who sent a request, or an admin, hands it to someone else or withdraws it. */
export const canReassignReview = (req: { requesterId: string }, memberId: string, role: Role) => role === 'admin' || req.requesterId === memberId;

/** The requester, the role's recruiters and admins chase a late reviewer. */
export const canNudgeReview = (req: { requesterId: string }, requisition: { recruiterIds: string[] } | undefined, memberId: string, role: Role) =>
  role === 'admin' || req.requesterId === memberId || (requisition?.recruiterIds.includes(memberId) ?? false);
