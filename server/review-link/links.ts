import { ulid } from 'ulidx';
import type { Queryable } from '@/server/db/database';
import type { Role, ReviewRequest } from '@/lib/model';
import { DAY_MS } from '@/lib/time-units';

/** A review link stays usable this long after the request's deadline. */
export const LINK_GRACE_MS = 14 * DAY_MS;

export interface LinkRow {
  id: string;
  team_id: string;
  request_id: string;
  reviewer_id: string;
  revoked_at: string | null;
}

/** The link of a request and reviewer, made on first use: its id and whether it was revoked. */
export async function issueLink(tx: Queryable, teamId: string, requestId: string, reviewerId: string): Promise<LinkRow> {
  await tx.query('INSERT INTO review_links (id, team_id, request_id, reviewer_id) VALUES ($1, $2, $3, $4) ON CONFLICT (team_id, request_id, reviewer_id) DO NOTHING', [ulid(), teamId, requestId, reviewerId]);
  const [row] = await tx.query<LinkRow>('SELECT id, team_id, request_id, reviewer_id, revoked_at FROM review_links WHERE team_id = $1 AND request_id = $2 AND reviewer_id = $3', [teamId, requestId, reviewerId]);
  return row!;
}

export interface Reviewer {
  memberId: string;
  teamId: string;
  role: Role;
  name: string;
  timeZone: string | null;
}

export type OpenedLink = { ok: true; link: LinkRow; request: ReviewRequest; reviewer: Reviewer } | { ok: false; status: 404 | 410; title: string; message: string };

const NOT_VALID: OpenedLink = {
  ok: false,
  status: 404,
  title: 'This link is not valid',
  message: 'It may have been copied incompletely. Open the link from the mail again, or ask the recruiter to send the review again.',
};

const gone = (title: string, message: string): OpenedLink => ({ ok: false, status: 410, title, message });

/**
 * What a verified link id opens now: the request and its reviewer, or why not (revoked, the
 * reviewer left, the request withdrawn, reassigned or past its deadline plus the grace).
 */
export async function openLink(db: Queryable, linkId: string, now: number): Promise<OpenedLink> {
  const [row] = await db.query<LinkRow & { doc: ReviewRequest | null; role: Role; name: string; time_zone: string | null; member_revoked: string | null }>(
    `SELECT l.id, l.team_id, l.request_id, l.reviewer_id, l.revoked_at, e.doc, m.role, m.name, m.time_zone, m.revoked_at AS member_revoked
       FROM review_links l
       JOIN members m ON m.id = l.reviewer_id AND m.team_id = l.team_id
       LEFT JOIN entities e ON e.team_id = l.team_id AND e.kind = 'review_request' AND e.id = l.request_id
      WHERE l.id = $1`,
    [linkId],
  );
  if (!row) return NOT_VALID;
  const request = row.doc;
  if (row.revoked_at) return gone('This link was withdrawn', 'The recruiter withdrew this review link. If you still have people to review, ask them for a new one.');
  if (row.member_revoked) return gone('You are no longer in this team', 'Your access to the team ended, so this review link no longer opens.');
  if (!request || request.deletedAt !== null || request.reviewerId !== row.reviewer_id) return gone('This review is no longer there', 'The review request was removed. Nothing is waiting for you here.');
  if (request.status === 'cancelled') return gone('This review was withdrawn', 'The recruiter withdrew the review request. Nothing is waiting for you here.');
  if (request.status === 'reassigned') return gone('This review went to someone else', 'The recruiter handed the people in it to another reviewer. Nothing is waiting for you here.');
  if (now > request.dueAt + LINK_GRACE_MS) return gone('This link has expired', 'Review links work until two weeks after the deadline. Ask the recruiter to send the review again if it is still needed.');
  return { ok: true, link: row, request, reviewer: { memberId: row.reviewer_id, teamId: row.team_id, role: row.role, name: row.name, timeZone: row.time_zone } };
}
