import { z } from 'zod';
import { WARNING_KINDS, WARNING_LABELS, type WarningKind, isSevere } from '@/lib/guard/warning-kinds';
import { ProfileKey } from '@/lib/model';
import { BADGE_OVERDUE, type Badge, badgeFor } from '@/lib/reminders';

/** What the sidebar says about its tab's person; checked by the background before use. */
export const WarningsReport = z.object({ profileKey: ProfileKey, kinds: z.array(z.enum(WARNING_KINDS)).max(WARNING_KINDS.length) });
export type WarningsReport = z.infer<typeof WarningsReport>;

/** The badge's colour for warnings that are not severe (severe ones use the overdue red). */
export const BADGE_WARNING = '#E37400';

/** The toolbar badge with no reviews waiting: until the reminder runner has said otherwise. */
export const NO_REVIEWS_BADGE: Badge = badgeFor([], 0);

/**
 * The badge a tab shows. The reminders set the toolbar's badge for every tab (reviews waiting
 * or overdue: a count); on a tab whose person has a warning, the warning takes that tab's badge
 * ("!", red when severe, amber otherwise), because it is about the page in front of the member,
 * and its tooltip names the warnings and then the reviews. Every other tab shows the count.
 */
export function tabBadge(reviews: Badge, kinds: readonly WarningKind[]): Badge {
  if (kinds.length === 0) return reviews;
  const names = [...new Set(kinds)].map((k) => WARNING_LABELS[k]).join(', ');
  return {
    text: '!',
    color: kinds.some(isSevere) ? BADGE_OVERDUE : BADGE_WARNING,
    title: `Tandem — this profile: ${names}${reviews.text === '' ? '' : `\n${reviews.title}`}`,
  };
}
