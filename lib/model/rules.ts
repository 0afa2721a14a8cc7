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
