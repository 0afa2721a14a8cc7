import { html } from 'hono/html';
import { dueText, formatDueAt } from '@/lib/deadlines';

/**
 * What a review mail says: names and headlines of the people, nothing else about them. `reminder`:
 * the review is overdue (at its due time, then once a working day); `nudge`: `nudgedBy` nudged.
 */
export interface ReviewRequestMailData {
  kind: 'review_request' | 'reassigned' | 'reminder' | 'nudge';
  /** Who nudged, for a `nudge`. */
  nudgedBy?: string;
  reviewerName: string;
  requesterName: string;
  requisitionTitle: string;
  message: string;
  people: { name: string; headline: string | null }[];
  dueAt: number;
  /** The reviewer's zone for the deadline; null: UTC, said so. */
  timeZone: string | null;
  now: number;
  /** Null: the recruiter withdrew the link; a reminder or nudge still goes, without it (its settings page went with it). */
  link: { review: string; settings: string } | null;
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Subject lines are one line: a title with a line break must not start a header of its own. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The opening sentence and the subject, by kind. */
function framing(d: ReviewRequestMailData, count: string): { asked: string; subject: string } {
  const late = dueText(d.dueAt, d.now);
  switch (d.kind) {
    case 'reassigned':
      return { asked: `${d.requesterName} handed you a review for ${d.requisitionTitle}`, subject: `Review handed to you: ${d.requisitionTitle} (${count})` };
    case 'reminder':
      return { asked: `Your review of ${count} for ${d.requisitionTitle}, from ${d.requesterName}, is ${late}`, subject: `Review ${late}: ${count} for ${d.requisitionTitle}` };
    case 'nudge':
      return { asked: `${d.nudgedBy ?? d.requesterName} nudged you about your review of ${count} for ${d.requisitionTitle}`, subject: `${d.nudgedBy ?? d.requesterName} nudged you: ${count} for ${d.requisitionTitle}` };
    default:
      return { asked: `${d.requesterName} asked you to review ${count} for ${d.requisitionTitle}`, subject: `Review ${count} for ${d.requisitionTitle}` };
  }
}

const WITHDRAWN = 'The link to review them was withdrawn: review them in Tandem, or ask the recruiter for a new request.';

/** The mail to a reviewer about a request sent (or handed) to them, overdue or nudged, in plain text and HTML. */
export function reviewRequestMail(d: ReviewRequestMailData): ComposedMail {
  const count = plural(d.people.length, 'person', 'people');
  const zone = d.timeZone ?? 'UTC';
  const deadline = `${formatDueAt(d.dueAt, d.now, zone)}${d.timeZone ? '' : ' UTC'} (${dueText(d.dueAt, d.now)})`;
  const framed = framing(d, count);
  const asked = framed.asked;
  const subject = oneLine(framed.subject);
  const people = d.people.map((p) => (p.headline ? `${p.name} — ${p.headline}` : p.name));
  const text = [
    `Hi ${d.reviewerName},`,
    '',
    `${asked}.`,
    ...(d.message ? ['', `Their message: “${d.message}”`] : []),
    '',
    `${count}, due ${deadline}:`,
    ...people.map((p) => `  - ${p}`),
    '',
    ...(d.link ? [`Review them here (no extension needed): ${d.link.review}`, '', '--', `Mail settings: ${d.link.settings}`] : [WITHDRAWN]),
  ].join('\n');
  const body = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a;">
<p>Hi ${d.reviewerName},</p>
<p>${asked}.</p>
${d.message ? html`<blockquote style="margin: 0 0 1em; padding-left: 1em; border-left: 3px solid #ccc; white-space: pre-wrap;">${d.message}</blockquote>` : ''}
<p>${count}, due <strong>${deadline}</strong>:</p>
<ul>${d.people.map((p) => html`<li><strong>${p.name}</strong>${p.headline ? html` — ${p.headline}` : ''}</li>`)}</ul>
${d.link
    ? html`<p><a href="${d.link.review}" style="display: inline-block; padding: 0.5em 1em; background: #1d4ed8; color: #fff; text-decoration: none; border-radius: 4px;">Review ${count}</a></p>
<p style="color: #555; font-size: small;">No extension needed: the link opens the review in any browser. <a href="${d.link.settings}">Mail settings</a></p>`
    : html`<p>${WITHDRAWN}</p>`}
</body></html>`;
  // Nothing in it is asynchronous; the type allows a promise only for async children.
  if (body instanceof Promise) throw new Error('a mail body has no asynchronous parts');
  return { subject, text, html: body.toString() };
}
