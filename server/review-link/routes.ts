import { readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { html, raw } from 'hono/html';
import { ulid } from 'ulidx';
import { z } from 'zod';
import type { Database } from '@/server/db/database';
import { fail, jsonBody } from '@/server/http/errors';
import type { RateLimits } from '@/server/http/rate-limits';
import { pushOne } from '@/server/sync/push';
import { Id, MESSAGE_MAX_BYTES, type ReviewDecision, Verdict, shortText } from '@/lib/model';
import { type OpenedLink, openLink } from './links';
import { decisionOnPage, pageData } from './page-data';
import { linkSecret, verifyLink } from './token';
import { parseRulesForm, rulesForm } from './reminder-rules-form';
import type { MemberRuleColumns } from '@/server/mail/reminder-queue';

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
const SCRIPT = asset('review-link.js');
const STYLE = asset('review-link.css');

/**
 * Only this server's own script and style, no inline script, nothing from elsewhere; the token
 * is in the address, so no page it links to learns it (no referrer).
 */
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex',
};

const DecideBody = z.strictObject({
  prospectId: Id,
  verdict: Verdict,
  met: z.array(shortText(200)).max(60).default([]),
  missing: z.array(shortText(200)).max(60).default([]),
  note: shortText(MESSAGE_MAX_BYTES).default(''),
});
// Ids as the mutations take them: anything else (a NUL byte, say) must not reach a query.
const UndoBody = z.strictObject({ decisionId: Id });

function page(title: string, body: unknown) {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Tandem</title><link rel="stylesheet" href="/r/assets/review-link.css"></head>
<body>${body}</body></html>`;
}

function closedPage(c: Context, opened: Extract<OpenedLink, { ok: false }>) {
  return c.html(page(opened.title, html`<main class="review-closed" data-testid="review-link-closed" data-status="${opened.status}"><h1>${opened.title}</h1><p>${opened.message}</p></main>`), opened.status, PAGE_HEADERS);
}

/** JSON in a data block: `<` escaped, so nothing in it can close the script element. */
const dataBlock = (data: unknown) => raw(JSON.stringify(data).replaceAll('<', '\\u003c'));

/** A decision's or an undo's refusal as the page shows it: 409 with the mutation's reason. */
const refused = (reason: string) => fail(409, reason);

/**
 * The review link: `/r/<token>` opens the server's own review page for that reviewer and that
 * request; decisions go through the push path as the reviewer's own `review.decide`, from a
 * client of the link's own (`link-<id>`), so they sync to every device like any other.
 */
export function reviewLinkRoutes({ db, limits, secret: given, now = Date.now }: { db: Database; limits: RateLimits; secret?: string; now?: () => number }) {
  const app = new Hono();
  let secret = given === undefined ? undefined : Promise.resolve(given);
  const opened = async (token: string): Promise<OpenedLink> => {
    const linkId = verifyLink(await (secret ??= linkSecret(db)), token);
    return linkId ? openLink(db, linkId, now()) : openLink(db, '', now());
  };
  const mustOpen = async (c: Context) => {
    // Another site's page may not post to a link (its fetch would need CORS, a form would not).
    if (c.req.method === 'POST' && c.req.header('sec-fetch-site') === 'cross-site') fail(403, 'review decisions are made from the review page itself');
    const link = await opened(c.req.param('token') ?? '');
    if (!link.ok) fail(link.status, `${link.title}. ${link.message}`);
    return link;
  };

  app.use('*', limits.reviewLink);
  app.get('/assets/review-link.js', (c) => c.body(SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' }));
  app.get('/assets/review-link.css', (c) => c.body(STYLE, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' }));

  app.get('/:token', async (c) => {
    const link = await opened(c.req.param('token'));
    if (!link.ok) return closedPage(c, link);
    const data = await pageData(db, link.request, link.reviewer, now());
    return c.html(
      page(
        `Review for ${data.role}`,
        html`<main id="review-root" class="review-page" aria-busy="true"><p>Loading the review…</p></main>
<script type="application/json" id="review-data">${dataBlock(data)}</script>
<script type="module" src="/r/assets/review-link.js"></script>`,
      ),
      200,
      PAGE_HEADERS,
    );
  });

  app.post('/:token/decide', async (c) => {
    const { request, reviewer, link } = await mustOpen(c);
    const body = await jsonBody(c, DecideBody);
    const id = ulid();
    const at = now();
    const reason = await pushOne(db, reviewer, `link-${link.id}`, 'review.decide', { ...body, id, requestId: request.id, activityId: ulid(), at });
    if (reason) refused(reason);
    const [row] = await db.query<{ doc: ReviewDecision }>("SELECT doc FROM entities WHERE team_id = $1 AND kind = 'review_decision' AND id = $2", [reviewer.teamId, id]);
    return c.json({ decision: decisionOnPage(row!.doc, reviewer.timeZone ?? 'UTC', at) });
  });

  app.post('/:token/undo', async (c) => {
    const { request, reviewer, link } = await mustOpen(c);
    const { decisionId } = await jsonBody(c, UndoBody);
    // Only a decision of this request: the link reaches nothing else of the reviewer's.
    const [row] = await db.query<{ doc: ReviewDecision }>("SELECT doc FROM entities WHERE team_id = $1 AND kind = 'review_decision' AND id = $2", [reviewer.teamId, decisionId]);
    if (!row || row.doc.requestId !== request.id) fail(404, 'no such decision in this review');
    const reason = await pushOne(db, reviewer, `link-${link.id}`, 'review.undo', { decisionId, at: now() });
    if (reason) refused(reason);
    return c.json({ ok: true });
  });

  app.get('/:token/settings', async (c) => {
    const link = await opened(c.req.param('token'));
    if (!link.ok) return closedPage(c, link);
    const [member] = await db.query<{ review_mail_off_at: string | null } & MemberRuleColumns>(
      'SELECT review_mail_off_at, time_zone, working_days, quiet_start, quiet_end FROM members WHERE team_id = $1 AND id = $2',
      [link.reviewer.teamId, link.reviewer.memberId],
    );
    const on = !member?.review_mail_off_at;
    return c.html(
      page(
        'Mail settings',
        html`<main class="review-settings"><h1>Mail about reviews</h1>
<p data-testid="review-mail-setting">Review mail for ${link.reviewer.name} is <strong>${on ? 'on' : 'off'}</strong>.</p>
<form method="post"><input type="hidden" name="mail" value="${on ? 'off' : 'on'}"><button type="submit">${on ? 'Turn review mail off' : 'Turn review mail on'}</button></form>
<h2>When reminders may come</h2>
${rulesForm(member, member?.time_zone ?? null)}
<p>If you also use the Tandem extension, it reminds you by these too, and its Options → Reminders changes them.</p>
<p><a href="/r/${c.req.param('token')}">Back to the review</a></p></main>`,
      ),
      200,
      PAGE_HEADERS,
    );
  });

  app.post('/:token/settings', async (c) => {
    const { reviewer, link } = await mustOpen(c);
    // A body that claims to be a form but is not one (a broken multipart) makes Hono throw.
    const form = await c.req.parseBody({ all: true }).catch(() => fail(400, 'send the form from the mail settings page'));
    if (form.rules !== undefined) {
      const rules = parseRulesForm(form);
      if (!rules.ok) fail(400, rules.error);
      // The reviewer's own member.update, as from their device: their record syncs, and the members table follows.
      const reason = await pushOne(db, reviewer, `link-${link.id}`, 'member.update', { memberId: reviewer.memberId, workingDays: rules.workingDays, quietHours: rules.quietHours });
      if (reason) refused(reason);
      return c.redirect(`/r/${c.req.param('token')}/settings`, 303);
    }
    if (form.mail !== 'on' && form.mail !== 'off') fail(400, 'choose mail on or off');
    await db.query(`UPDATE members SET review_mail_off_at = ${form.mail === 'off' ? 'now()' : 'NULL'} WHERE team_id = $1 AND id = $2`, [reviewer.teamId, reviewer.memberId]);
    return c.redirect(`/r/${c.req.param('token')}/settings`, 303);
  });

  return app;
}
