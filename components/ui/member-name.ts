import type { Member } from '@/lib/model';

/** How the feed names someone: "You" for the reader, else their name. */
export function memberName(id: string, members: Map<string, Member>, meId: string | undefined): string {
  if (id === meId) return 'You';
  return members.get(id)?.name ?? 'A former teammate';
}

/** The same, where the name is not the subject: "asked you to review them". */
export function memberObjectName(id: string, members: Map<string, Member>, meId: string | undefined): string {
  return id === meId ? 'you' : memberName(id, members, meId);
}
