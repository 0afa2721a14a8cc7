import MarkdownIt from 'markdown-it';
import { html, raw } from 'hono/html';
import type { CheckIn } from '@/lib/reports/check-in';
import { checkInMarkdown } from '@/lib/reports/check-in-markdown';
import type { ComposedMail } from './review-request-mail';

const ABOUT = 'You asked for this mail in Tandem (Options → Weekly check-in → “Also e-mail me the check-in”); untick it there to stop it.';

/**
 * The Markdown as HTML for mail clients: headings, lists and the tables as tables. HTML in the
 * text stays text (`html: false`; names are escaped for Markdown too), and nothing becomes a link
 * on its own (`linkify: false`): the mail stands alone.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** Inline styles: mail clients drop style sheets. */
const TABLE_STYLES = [
  ['<table>', '<table style="border-collapse: collapse; margin: 0.5em 0 1em;">'],
  ['<th>', '<th style="text-align: left; border-bottom: 2px solid #ccc; padding: 4px 10px 4px 0;">'],
  ['<td>', '<td style="border-bottom: 1px solid #eee; padding: 4px 10px 4px 0; vertical-align: top;">'],
] as const;

function checkInHtml(md: string): string {
  return TABLE_STYLES.reduce((out, [tag, styled]) => out.replaceAll(tag, styled), markdown.render(md));
}

/**
 * A recruiter's weekly check-in of one requisition by mail: the Markdown the dashboard copies as
 * the text part, and the same rendered as HTML (its tables as tables). It stands alone: everything
 * is in the mail, with no link to the dashboard or anywhere else.
 */
export function checkInMail(checkIn: CheckIn, recipientName: string): ComposedMail {
  const subject = `Weekly check-in: ${checkIn.title} (${checkIn.thisWeek})`.replace(/\s+/g, ' ').trim();
  const md = checkInMarkdown(checkIn);
  const intro = `Here is this week’s check-in for ${checkIn.title}, ready to forward to the hiring manager.`;
  const text = [`Hi ${recipientName},`, '', intro, '', md, '', '--', ABOUT].join('\n');
  const body = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a;">
<p>Hi ${recipientName},</p>
<p>${intro}</p>
${raw(checkInHtml(md))}
<p style="color: #555; font-size: small;">${ABOUT}</p>
</body></html>`;
  if (body instanceof Promise) throw new Error('a mail body has no asynchronous parts');
  return { subject, text, html: body.toString() };
}
