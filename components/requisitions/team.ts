import { ROLE_LABELS, type Member, type Role } from '@/lib/model';

/** How the page names a member; someone who left the team keeps a readable label. */
export function nameOf(members: ReadonlyMap<string, Member>, id: string): string {
  const m = members.get(id);
  return m && m.deletedAt === null ? m.name : 'A former teammate';
}

const byName = (a: Member, b: Member) => a.name.localeCompare(b.name);

/** Members with one of `roles` first (by name), then everyone else (by name). */
export function rolesFirst(members: readonly Member[], roles: readonly Role[]): { preferred: Member[]; others: Member[] } {
  const live = members.filter((m) => m.deletedAt === null);
  return {
    preferred: live.filter((m) => roles.includes(m.role)).sort(byName),
    others: live.filter((m) => !roles.includes(m.role)).sort(byName),
  };
}

export const memberWithRole = (m: Member) => `${m.name} (${ROLE_LABELS[m.role]})`;
