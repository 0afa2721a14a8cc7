import type { Queryable } from '@/server/db/database';
import type { Prospect, Requisition, ReviewRequest } from '@/lib/model';
import { issueLink } from '@/server/review-link/links';
import { signLink } from '@/server/review-link/token';
import type { QueuedMail } from './mail-queue';
import type { ReviewRequestMailData } from './review-request-mail';

export type ReviewMailInput = { to: string; data: ReviewRequestMailData } | { skip: string };

/**
 * What a queued review mail needs, read when it is sent (so it says what is true then), or why
 * it is not sent any more: the request was closed, the reviewer left or turned review mail off,
 * the recruiter withdrew the link.
 */
export async function reviewMailInput(db: Queryable, mail: QueuedMail, { secret, publicUrl, now }: { secret: string; publicUrl: string; now: number }): Promise<ReviewMailInput> {
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
  if (link.revoked_at) return { skip: 'the recruiter withdrew the review link' };
  const [requester] = await db.query<{ name: string }>('SELECT name FROM members WHERE team_id = $1 AND id = $2', [mail.team_id, request.requesterId]);
  const [requisition] = await entityDocs<Requisition>(db, mail.team_id, 'requisition', [request.requisitionId]);
  const people = await entityDocs<Prospect>(db, mail.team_id, 'prospect', request.prospectIds);
  const url = `${publicUrl}/r/${signLink(secret, link.id)}`;
  return {
    to: reviewer.email,
    data: {
      kind: mail.kind === 'reassigned' ? 'reassigned' : 'review_request',
      reviewerName: reviewer.name,
      requesterName: requester?.name ?? 'A teammate',
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
      link: url,
      settingsLink: `${url}/settings`,
    },
  };
}

async function entityDocs<T>(db: Queryable, teamId: string, kind: string, ids: string[]): Promise<T[]> {
  const rows = await db.query<{ doc: T }>('SELECT doc FROM entities WHERE team_id = $1 AND kind = $2 AND id = ANY($3::text[])', [teamId, kind, ids]);
  return rows.map((r) => r.doc);
}
