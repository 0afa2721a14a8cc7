import { type TextPart, joined, user } from '@/lib/text-parts';
import type { Activity } from '@/lib/model';

const OUTREACH = { inmail: 'sent an InMail', email: 'sent an email', call: 'called' } as const;
const REPLY = { replied: 'logged a reply', interested: 'logged a reply: interested', not_interested: 'logged a reply: not interested' } as const;

/** The sentence after the actor's name in the feed, e.g. "sent an InMail", "asked Hana to review them"; names, reasons and notes as user parts. */
export function activityText(a: Activity, name: (id: string) => string, objectName: (id: string) => string = name): TextPart[] {
  switch (a.kind) {
    case 'viewed':
      return ['viewed the profile'];
    case 'outreach':
      return [OUTREACH[a.data.channel]];
    case 'reply':
      return [REPLY[a.data.interest]];
    case 'dnc_set':
      return ['marked do-not-contact: ', user(a.data.reason)];
    case 'dnc_cleared':
      return ['cleared do-not-contact'];
    case 'review_requested':
      return ['asked ', user(objectName(a.data.reviewerId)), ' to review them'];
    case 'review_decision': {
      const verdict = a.data.verdict === 'approve' ? 'approved' : 'rejected';
      const items = a.data.verdict === 'approve' ? a.data.met : a.data.missing;
      const reasons: TextPart[] = items.length ? [` (${a.data.verdict === 'approve' ? 'meets' : 'missing'}: `, ...joined(items), ')'] : [];
      const note: TextPart[] = a.data.note ? [' — “', user(a.data.note), '”'] : [];
      return [verdict, ...reasons, ...note];
    }
    case 'stage_changed':
      return a.data.from ? ['moved from ', user(a.data.from), ' to ', user(a.data.to)] : ['added at stage ', user(a.data.to)];
    case 'merged':
      return ['merged ', user(a.data.fromName), ' into this person: one history now'];
  }
}
