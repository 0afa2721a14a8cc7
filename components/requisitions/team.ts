import { type Member, type Role, isPickable } from '@/lib/model';

/** How the page names a member; someone who left the team keeps a readable label. */
export function nameOf(members: ReadonlyMap<string, Member>, id: string): string {
  const m = members.get(id);
  return m && m.deletedAt === null ? m.name : 'A former teammate';
}

const byName = (a: Member, b: Member) => a.name.localeCompare(b.name);

/** Members who may be picked, with one of `roles` first (by name), then everyone else (by name). */
export function rolesFirst(members: readonly Member[], roles: readonly Role[]): { preferred: Member[]; others: Member[] } {
  const live = members.filter(isPickable);
  return {
    preferred: live.filter((m) => roles.includes(m.role)).sort(byName),
    others: live.filter((m) => !roles.includes(m.role)).sort(byName),
  };
}
