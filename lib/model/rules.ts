import type { Role } from './member';
import { LOGGABLE_KINDS } from './mutation-args';
import type { Requisition } from './requisition';

/**
 * Who may do what. Shared mutators check these on the device (so the UI refuses at once) and
 * on the server (which is the authority). docs/authorization.md lists the outcome of every
 * mutation for every role, generated from the server by tests/server/authorization.test.ts.
 */
export const canSetDoNotContact = (role: Role) => role === 'recruiter' || role === 'admin';

/**
 * Merging two people folds one record's history into another's: a recruiting decision, like
 * do-not-contact, so recruiters and admins. Saying "this page is that person" (attaching a
 * profile) is what anyone who finds people does; hiring managers review, they do not source.
 */
export const canMergePeople = (role: Role) => role === 'recruiter' || role === 'admin';
export const canAttachProfile = (role: Role) => role !== 'hiring_manager';

/** A note is its author's: only they edit, delete or restore it. */
export const canChangeNote = (authorId: string, memberId: string) => authorId === memberId;

/**
 * Only what a member logs by hand (views, outreach, replies, privacy notices sent) can be taken back, and only by
 * that member, as a note is its author's. Every other feed entry is the record of another
 * record (a review request, a decision, a do-not-contact mark) and goes with that record, so
 * the feed never disagrees with what it reports.
 */
export const isHandLogged = (kind: string) => LOGGABLE_KINDS.includes(kind);
export const canTakeBackActivity = (activity: { actorId: string }, memberId: string) => activity.actorId === memberId;

/** Private notes reach only their author. */
export const canSeeNote = (note: { visibility: 'team' | 'private'; authorId: string }, memberId: string) =>
  note.visibility === 'team' || note.authorId === memberId;

/** Recruiters and admins open requisitions; they and the role's hiring manager edit the intake. */
export const canCreateRequisition = (role: Role) => role === 'recruiter' || role === 'admin';
export const canEditRequisition = (req: { hiringManagerId: string }, memberId: string, role: Role) =>
  canCreateRequisition(role) || req.hiringManagerId === memberId;

/**
 * Who works on a role is the recruiting team's choice: only recruiters and admins change a
 * requisition's hiring manager or recruiters (its hiring manager edits the rest of the intake).
 */
export const canStaffRequisition = canCreateRequisition;

/** A requisition's recruiters are recruiters or admins (being one is what lets them chase reviews). */
export const canRecruitFor = (role: Role) => role === 'recruiter' || role === 'admin';

/** The hiring manager owns the hiring decision: a hiring manager, or an admin (a founder hiring). */
export const canManageHiring = (role: Role) => role === 'hiring_manager' || role === 'admin';

/**
 * Recruiters, sourcers and admins move people through a requisition's stages; hiring managers
 * see the stages and decide in reviews.
 */
export const canMovePipeline = (role: Role) => role !== 'hiring_manager';

/** Anyone who finds people may ask for a review; hiring managers review. */
export const canRequestReview = (role: Role) => role !== 'hiring_manager';

/** A review is a second pair of eyes: it never goes to the member who asked for it. */
export const canReviewFor = (req: { requesterId: string }, reviewerId: string) => req.requesterId !== reviewerId;

/** Only the person who sent a request, or an admin, hands it to someone else or withdraws it. */
export const canReassignReview = (req: { requesterId: string }, memberId: string, role: Role) => role === 'admin' || req.requesterId === memberId;

/**
 * The requester, the role's recruiters and admins chase a late reviewer. Being listed among a
 * role's recruiters counts only while the member is a recruiter, whatever the list says.
 */
export const canNudgeReview = (req: { requesterId: string }, requisition: { recruiterIds: string[] } | undefined, memberId: string, role: Role) =>
  role === 'admin' || req.requesterId === memberId || (canRecruitFor(role) && (requisition?.recruiterIds.includes(memberId) ?? false));

/** Members set their own name; an admin renames anyone. Nobody changes a role this way (the admin CLI does). */
export const canRenameMember = (memberId: string, actorId: string, role: Role) => memberId === actorId || role === 'admin';

/** A member's time zone is theirs alone to set: it decides when their reminders may reach them. */
export const canSetTimeZone = (memberId: string, actorId: string) => memberId === actorId;

/** A team's privacy choices (notice deadline, retention, suppression) are an admin's to set. */
export const canSetPrivacy = (role: Role) => role === 'admin';

/** Answering an access request (exporting all the team holds about a person) is a recruiter's or admin's. */
export const canExportPerson = (role: Role) => role === 'recruiter' || role === 'admin';

/** Erasing a person everywhere is a recruiting decision, like a merge: recruiters and admins. */
export const canErasePeople = (role: Role) => role === 'recruiter' || role === 'admin';

/** Lifting "asked to be forgotten" lets the person be recorded again: an admin's decision. */
export const canLiftSuppression = (role: Role) => role === 'admin';

/** The requisitions a member gets a weekly check-in of (reminded by their device, mailed by the server): open ones they recruit for. */
export const recruitsFor = (requisition: Pick<Requisition, 'deletedAt' | 'status' | 'recruiterIds'>, memberId: string) =>
  requisition.deletedAt === null && requisition.status === 'open' && requisition.recruiterIds.includes(memberId);
