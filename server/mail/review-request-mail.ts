import { html } from 'hono/html';
import { dueText, formatDueAt } from '@/lib/deadlines';

/** What a review-request mail says: names and headlines of the people, nothing else about them. */
export interface ReviewRequestMailData {
  kind: 'review_request' | 'reassigned';
  reviewerName: string;
  requesterName: string;
  requisitionTitle: string;
  message: string;
  people: { name: string; headline: string | null }[];
  dueAt: number;
  /** The reviewer's zone for the deadline; null: UTC, said so. */
  timeZone: string | null;
  now: number;
  link: string;
  settingsLink: string;
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Subject lines are one line: a title with a line break must not start a header of its own. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The mail to a reviewer about a request sent (or handed) to them, in plain text and HTML. */
export function reviewRequestMail(d: ReviewRequestMailData): ComposedMail {
  const count = plural(d.people.length, 'person', 'people');
  const zone = d.timeZone ?? 'UTC';
  const deadline = `${formatDueAt(d.dueAt, d.now, zone)}${d.timeZone ? '' : ' UTC'} (${dueText(d.dueAt, d.now)})`;
  const asked = d.kind === 'reassigned' ? `${d.requesterName} handed you a review for ${d.requisitionTitle}` : `${d.requesterName} asked you to review ${count} for ${d.requisitionTitle}`;
  const subject = oneLine(d.kind === 'reassigned' ? `Review handed to you: ${d.requisitionTitle} (${count})` : `Review ${count} for ${d.requisitionTitle}`);
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
    `Review them here (no extension needed): ${d.link}`,
    '',
    '--',
    `Mail settings: ${d.settingsLink}`,
  ].join('\n');
  const body = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a;">
<p>Hi ${d.reviewerName},</p>
<p>${asked}.</p>
${d.message ? html`<blockquote style="margin: 0 0 1em; padding-left: 1em; border-left: 3px solid #ccc; white-space: pre-wrap;">${d.message}</blockquote>` : ''}
<p>${count}, due <strong>${deadline}</strong>:</p>
<ul>${d.people.map((p) => html`<li><strong>${p.name}</strong>${p.headline ? html` — ${p.headline}` : ''}</li>`)}</ul>
<p><a href="${d.link}" style="display: inline-block; padding: 0.5em 1em; background: #1d4ed8; color: #fff; text-decoration: none; border-radius: 4px;">Review ${count}</a></p>
<p style="color: #555; font-size: small;">No extension needed: the link opens the review in any browser. <a href="${d.settingsLink}">Mail settings</a></p>
</body></html>`;
  // Nothing in it is asynchronous; the type allows a promise only for async children.
  if (body instanceof Promise) throw new Error('a mail body has no asynchronous parts');
  return { subject, text, html: body.toString() };
}
