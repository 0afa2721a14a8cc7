import type { Database } from '@/server/db/database';
import { fail } from '@/server/http/errors';
import { type Requisition, type ReviewRequest, canNudgeReview } from '@/lib/model';
import type { Actor } from '@/lib/mutations';
import { issueLink } from './links';

/**
 * Withdraws every review link of a request, in the caller's team only: the requester, the
 * role's recruiters and admins may (those who may chase the review). Links made later for the
 * request are withdrawn too: the mail for it is not sent again.
 */
export async function revokeReviewLinks(db: Database, actor: Actor, requestId: string): Promise<{ revoked: number }> {
  const [request] = await db.query<{ doc: ReviewRequest }>("SELECT doc FROM entities WHERE team_id = $1 AND kind = 'review_request' AND id = $2", [actor.teamId, requestId]);
  if (!request || request.doc.deletedAt !== null) fail(404, 'no such review request in your team');
  const [requisition] = await db.query<{ doc: Requisition }>("SELECT doc FROM entities WHERE team_id = $1 AND kind = 'requisition' AND id = $2", [actor.teamId, request.doc.requisitionId]);
  if (!canNudgeReview(request.doc, requisition?.doc, actor.memberId, actor.role)) fail(403, 'only the requester, the role’s recruiters and admins can withdraw a review link');
  return db.transaction(async (tx) => {
    // The request's reviewer gets a link row even before its mail went, so the mail is not sent with a live link.
    await issueLink(tx, actor.teamId, requestId, request.doc.reviewerId);
    const rows = await tx.query('UPDATE review_links SET revoked_at = now(), revoked_by = $3 WHERE team_id = $1 AND request_id = $2 AND revoked_at IS NULL RETURNING id', [actor.teamId, requestId, actor.memberId]);
    return { revoked: rows.length };
  });
}
