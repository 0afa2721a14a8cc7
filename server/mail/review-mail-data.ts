import type { Queryable } from '@/server/db/database';
import type { Prospect, Requisition, ReviewRequest } from '@/lib/model';
import { issueLink } from '@/server/review-link/links';
import { signLink } from '@/server/review-link/token';
import type { QueuedMail, ReviewMailKind } from './mail-queue';
import type { ReviewRequestMailData } from './review-request-mail';

export type ReviewMailInput = { to: string; data: ReviewRequestMailData } | { skip: string };

/**
 * What a queued review mail needs, read when it is sent (so it says what is true then), or why
 * it is not sent any more: the request was closed, the reviewer left or turned review mail off,
 * the recruiter withdrew the link (a reminder or a nudge then goes without it).
 */
export async function reviewMailInput(db: Queryable, mail: QueuedMail & { kind: ReviewMailKind }, { secret, publicUrl, now }: { secret: string; publicUrl: string; now: number }): Promise<ReviewMailInput> {
  const [request] = await entityDocs<ReviewRequest>(db, mail.team_id, 'review_request', [mail.request_id]);
  if (!request || request.deletedAt !== null || request.status !== 'open') return { skip: `the review request is ${request?.status ?? 'gone'}` };
  if (request.reviewerId !== mail.reviewer_id) return { skip: 'the review request has another reviewer' };
  const [reviewer] = await db.query<{ email: string; name: string; time_zone: string | null; revoked_at: string | null; review_mail_off_at: string | null }>(
    'SELECT email, name, time_zone, revoked_at, review_mail_off_at FROM members WHERE team_id = $1 AND id = $2',
    [mail.team_id, mail.reviewer_id],
  );
  if (!reviewer || reviewer.revoked_at) return { skip: 'the reviewer is no longer in the team' };
  if (reviewer.review_mail_off_at) return { skip: 'the reviewer turned review mail off' };
  const link = await issueLink(db, mail.team_id, request.id, mail.reviewer_id);
  // A reminder or nudge still goes without the link: the reviewer's devices leave reminding to the mail.
  const followUp = mail.kind === 'reminder' || mail.kind === 'nudge';
  if (link.revoked_at && !followUp) return { skip: 'the recruiter withdrew the review link' };
  const nudge = mail.kind === 'nudge' ? request.history.find((e) => e.kind === 'nudged' && String(e.at) === mail.due_slot) : undefined;
  const names = await db.query<{ id: string; name: string }>('SELECT id, name FROM members WHERE team_id = $1 AND id = ANY($2::text[])', [mail.team_id, [request.requesterId, nudge?.by ?? request.requesterId]]);
  const nameOf = (id: string | undefined) => names.find((m) => m.id === id)?.name;
  const [requisition] = await entityDocs<Requisition>(db, mail.team_id, 'requisition', [request.requisitionId]);
  const people = await entityDocs<Prospect>(db, mail.team_id, 'prospect', request.prospectIds);
  const url = `${publicUrl}/r/${signLink(secret, link.id)}`;
  return {
    to: reviewer.email,
    data: {
      kind: mail.kind,
      nudgedBy: nameOf(nudge?.by),
      reviewerName: reviewer.name,
      requesterName: nameOf(request.requesterId) ?? 'A teammate',
      requisitionTitle: requisition?.title ?? 'a role',
      message: request.message,
      // In the request's order; someone erased since is left out.
      people: request.prospectIds.flatMap((id) => {
        const p = people.find((x) => x.id === id);
        return p && p.deletedAt === null ? [{ name: p.name, headline: p.headline }] : [];
      }),
      dueAt: request.dueAt,
      timeZone: reviewer.time_zone,
      now,
      link: link.revoked_at ? null : { review: url, settings: `${url}/settings` },
    },
  };
}

async function entityDocs<T>(db: Queryable, teamId: string, kind: string, ids: string[]): Promise<T[]> {
  const rows = await db.query<{ doc: T }>('SELECT doc FROM entities WHERE team_id = $1 AND kind = $2 AND id = ANY($3::text[])', [teamId, kind, ids]);
  return rows.map((r) => r.doc);
}
