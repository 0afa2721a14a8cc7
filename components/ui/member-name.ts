import { ROLE_LABELS, type Member } from '@/lib/model';
import { isolate } from './user-text';

/** How the feed names someone: "You" for the reader, else their name. */
export function memberName(id: string, members: Map<string, Member>, meId: string | undefined): string {
  if (id === meId) return 'You';
  return members.get(id)?.name ?? 'A former teammate';
}

/** The same, where the name is not the subject: "asked you to review them". */
export function memberObjectName(id: string, members: Map<string, Member>, meId: string | undefined): string {
  return id === meId ? 'you' : memberName(id, members, meId);
}

/**
 * How a picker names a member: "Hana Manager", with their role where the list mixes roles
 * ("Rob Recruiter (Recruiter)"), and "invited" for someone who has not signed in yet. The name is
 * isolated: an option holds plain text only, and an Arabic name must not swallow the parenthesis.
 */
export function pickerLabel(m: Member, { withRole }: { withRole: boolean }): string {
  const notes = [withRole ? ROLE_LABELS[m.role] : null, m.status === 'invited' ? 'invited' : null].filter((n) => n !== null);
  return notes.length > 0 ? `${isolate(m.name)} (${notes.join(', ')})` : m.name;
}
