import { format } from 'date-fns';
import { type TextPart, joined, user } from '@/lib/text-parts';
import type { Activity } from '@/lib/model';
import { DECLINE_REASON_LABELS } from '@/components/pipeline/pipeline-words';

const OUTREACH = { inmail: 'sent an InMail', email: 'sent an email', call: 'called' } as const;
const NOTICE_CHANNEL = { email: 'by email', inmail: 'by InMail', letter: 'by letter', other: '' } as const;
const REPLY = { replied: 'logged a reply', interested: 'logged a reply: interested', not_interested: 'logged a reply: not interested' } as const;

/** What a feed knows beyond members: the person's name and requisitions' titles (each may be unknown). */
export interface FeedSubjects {
  person?: (prospectId: string) => string | undefined;
  requisition?: (requisitionId: string) => string | undefined;
}

/** The sentence after the actor's name in the feed, e.g. "sent an InMail", "asked Hana to review them"; names, reasons and notes as user parts. */
export function activityText(a: Activity, name: (id: string) => string, objectName: (id: string) => string = name, subjects: FeedSubjects = {}): TextPart[] {
  switch (a.kind) {
    case 'viewed':
      return ['viewed the profile'];
    case 'outreach':
      return [OUTREACH[a.data.channel]];
    case 'reply':
      return [REPLY[a.data.interest]];
    case 'privacy_notice_sent': {
      const channel = NOTICE_CHANNEL[a.data.channel];
      return [`sent the privacy notice${channel ? ` ${channel}` : ''} on ${format(a.data.sentAt, 'd MMM yyyy')}`];
    }
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
    case 'stage_changed': {
      const personName = subjects.person?.(a.prospectId);
      const title = a.requisitionId ? subjects.requisition?.(a.requisitionId) : undefined;
      return stageText(a.data, personName ? user(personName) : 'them', title === undefined ? null : user(title));
    }
    case 'merged':
      return ['merged ', user(a.data.fromName), ' into this person: one history now'];
  }
}

type Move = Extract<Activity, { kind: 'stage_changed' }>['data'];

/** "moved Ada to Onsite for Staff Platform Engineer", "noted Ada withdrew from …: declined the offer (compensation)". */
function stageText(move: Move, person: TextPart, title: TextPart | null): TextPart[] {
  const forRole = (word: string): TextPart[] => (title ? [` ${word} `, title] : []);
  const reason: TextPart[] = move.reason ? [user(move.reason)] : [];
  switch (move.status) {
    case 'hired':
      return ['marked ', person, ' hired', ...forRole('for')];
    case 'rejected':
      return ['rejected ', person, ...forRole('for'), ...(reason.length ? [': ', ...reason] : [])];
    case 'withdrew': {
      if (move.declinedOffer === null) return ['noted ', person, ' withdrew', ...forRole('from'), ...(reason.length ? [': ', ...reason] : [])];
      const detail: TextPart[] = reason.length ? [' — “', ...reason, '”'] : [];
      return ['noted ', person, ' withdrew', ...forRole('from'), `: declined the offer (${DECLINE_REASON_LABELS[move.declinedOffer]})`, ...detail];
    }
    case 'active':
      if (move.from === null) return ['added ', person, ...forRole('to'), ' at ', user(move.to)];
      if (move.fromStatus !== null && move.fromStatus !== 'active') return ['reopened ', person, ...forRole('for'), ' at ', user(move.to)];
      return ['moved ', person, ' to ', user(move.to), ...forRole('for')];
  }
}
