import { ROLE_LABELS, type Member } from '@/lib/model';

/** How the feed names someone: "You" for the reader, else their name. */
export function memberName(id: string, members: Map<string, Member>, meId: string | undefined): string {
  if (id === meId) return 'You';
  return members.get(id)?.name ?? 'A former teammate';
}

/** The same, where the name is not the subject: "sent for review to you". */
export function memberObjectName(id: string, members: Map<string, Member>, meId: string | undefined): string {
  return id === meId ? 'you' : memberName(id, members, meId);
}

/**
 * How a picker names a member: "Hana Manager", with their role where the list mixes roles
 * ("Rob Recruiter (Recruiter)"), and "invited" for someone who has not signed in yet.
 */
export function pickerLabel(m: Member, { withRole }: { withRole: boolean }): string {
  const notes = [withRole ? ROLE_LABELS[m.role] : null, m.status === 'invited' ? 'invited' : null].filter((n) => n !== null);
  return notes.length > 0 ? `${m.name} (${notes.join(', ')})` : m.name;
}
