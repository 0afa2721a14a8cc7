import { html } from 'hono/html';
import type { CheckIn } from '@/lib/reports/check-in';
import { checkInMarkdown } from '@/lib/reports/check-in-markdown';
import type { ComposedMail } from './review-request-mail';

const ABOUT = 'You asked for this mail in Tandem (Options → Weekly check-in → “Also e-mail me the check-in”); untick it there to stop it.';

/**
 * A recruiter's weekly check-in of one requisition by mail: the Markdown the dashboard copies as
 * the text part, and the same text in the HTML part (escaped, so a name cannot become markup).
 * It stands alone: everything is in the mail, with no link to the dashboard or anywhere else.
 */
export function checkInMail(checkIn: CheckIn, recipientName: string): ComposedMail {
  const subject = `Weekly check-in: ${checkIn.title} (${checkIn.thisWeek})`.replace(/\s+/g, ' ').trim();
  const markdown = checkInMarkdown(checkIn);
  const intro = `Here is this week’s check-in for ${checkIn.title}, ready to forward to the hiring manager.`;
  const text = [`Hi ${recipientName},`, '', intro, '', markdown, '', '--', ABOUT].join('\n');
  const body = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a;">
<p>Hi ${recipientName},</p>
<p>${intro}</p>
<pre style="font-family: ui-monospace, monospace; font-size: 13px; white-space: pre-wrap; background: #f6f6f6; padding: 1em; border-radius: 4px;">${markdown}</pre>
<p style="color: #555; font-size: small;">${ABOUT}</p>
</body></html>`;
  if (body instanceof Promise) throw new Error('a mail body has no asynchronous parts');
  return { subject, text, html: body.toString() };
}
