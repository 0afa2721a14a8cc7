/**
 * Notification ids carry what a click opens, so a click still works after the worker restarted.
 * One id per request (its arrival, reminders and nudges replace each other in the tray), one per
 * group, one per follow-up, one per person's privacy notice.
 */
const PREFIX = 'tandem:';

export type NotificationTarget =
  | { kind: 'request'; requestId: string }
  | { kind: 'requests' }
  | { kind: 'followUp'; followUpId: string }
  | { kind: 'followUps' }
  | { kind: 'checkIn'; requisitionId: string }
  | { kind: 'notice'; prospectId: string }
  | { kind: 'notices' };

export const notificationId = {
  request: (requestId: string) => `${PREFIX}review:${requestId}`,
  /** Several requests at once: `group` keeps arrivals, nudges and reminders apart. */
  requests: (group: 'new' | 'nudged' | 'overdue') => `${PREFIX}reviews:${group}`,
  followUp: (followUpId: string) => `${PREFIX}followup:${followUpId}`,
  followUps: () => `${PREFIX}followups`,
  /** The weekly check-in of one requisition: this week's replaces last week's in the tray. */
  checkIn: (requisitionId: string) => `${PREFIX}checkin:${requisitionId}`,
  /** A person's privacy notice: each reminder replaces the last in the tray. */
  notice: (prospectId: string) => `${PREFIX}notice:${prospectId}`,
  notices: () => `${PREFIX}notices`,
};

export function parseNotificationId(id: string): NotificationTarget | null {
  if (!id.startsWith(PREFIX)) return null;
  const [kind, rest] = splitOnce(id.slice(PREFIX.length));
  switch (kind) {
    case 'review':
      return rest ? { kind: 'request', requestId: rest } : null;
    case 'reviews':
      return { kind: 'requests' };
    case 'followup':
      return rest ? { kind: 'followUp', followUpId: rest } : null;
    case 'followups':
      return { kind: 'followUps' };
    case 'checkin':
      return rest ? { kind: 'checkIn', requisitionId: rest } : null;
    case 'notice':
      return rest ? { kind: 'notice', prospectId: rest } : null;
    case 'notices':
      return { kind: 'notices' };
    default:
      return null;
  }
}

function splitOnce(s: string): [string, string] {
  const i = s.indexOf(':');
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

/** The extension page a target opens (follow-ups prefer the person's profile: see runner). */
export function pageFor(target: NotificationTarget): string {
  switch (target.kind) {
    case 'request':
      return `/review.html?request=${encodeURIComponent(target.requestId)}`;
    case 'requests':
      return '/review.html';
    case 'followUp':
    case 'followUps':
      // The popup lists follow-ups until done or snoozed; opened as a page when there is no profile link.
      return '/popup.html';
    case 'checkIn':
      return `/dashboard.html#checkin/${encodeURIComponent(target.requisitionId)}`;
    case 'notice':
    case 'notices':
      // A person's notice prefers their profile (see runner); the dashboard lists every notice due.
      return '/dashboard.html#privacy';
  }
}
