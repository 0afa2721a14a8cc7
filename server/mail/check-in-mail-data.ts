import type { Queryable } from '@/server/db/database';
import { KIND_OF_TABLE, type SyncedRows, type SyncedTable, recruitsFor } from '@/lib/model';
import { isStageMove } from '@/lib/metrics';
import { resolveProspectId } from '@/lib/mutations';
import { type CheckIn, buildCheckIn, checkInWeeks } from '@/lib/reports/check-in';
import type { QueuedMail } from './mail-queue';

export type CheckInMailInput = { to: string; recipientName: string; checkIn: CheckIn } | { skip: string };

/**
 * The rows of one kind the check-in reads, in the recruiter's team and readable by them (the
 * kinds it reads are the whole team's; the check keeps it so if one ever is not). `where` adds
 * conditions on `doc` with parameters from $3 on.
 */
async function rows<T extends SyncedTable>(db: Queryable, mail: QueuedMail, table: T, where: string, params: unknown[]): Promise<SyncedRows[T][]> {
  const found = await db.query<{ doc: SyncedRows[T] }>(
    `SELECT doc FROM entities WHERE team_id = $1 AND kind = '${KIND_OF_TABLE[table]}' AND (visible_to IS NULL OR visible_to = $2) AND doc IS NOT NULL AND ${where}`,
    [mail.team_id, mail.reviewer_id, ...params],
  );
  return found.map((r) => r.doc);
}

/**
 * What a queued check-in mail needs (kind `check_in`: request_id is the requisition, reviewer_id
 * the recruiter), read when it is sent, so the figures are the week's as they stand; or why it is
 * not sent any more: the recruiter left, turned the mail off, or no longer recruits for it.
 */
export async function checkInMailInput(db: Queryable, mail: QueuedMail, now: number): Promise<CheckInMailInput> {
  const [recruiter] = await db.query<{ email: string; name: string; time_zone: string | null; revoked_at: string | null; check_in_weekday: number | null }>(
    'SELECT email, name, time_zone, revoked_at, check_in_weekday FROM members WHERE team_id = $1 AND id = $2',
    [mail.team_id, mail.reviewer_id],
  );
  if (!recruiter || recruiter.revoked_at) return { skip: 'the recruiter is no longer in the team' };
  if (recruiter.check_in_weekday === null) return { skip: 'the recruiter turned the check-in mail off' };
  const [requisition] = await rows(db, mail, 'requisitions', "id = $3", [mail.request_id]);
  if (!requisition || !recruitsFor(requisition, mail.reviewer_id)) return { skip: 'the requisition is closed or has other recruiters' };
  const timeZone = recruiter.time_zone ?? 'UTC';
  const { since } = checkInWeeks(now, timeZone);
  const [moves, requests, recent, members] = await Promise.all([
    rows(db, mail, 'activities', "doc->>'kind' = 'stage_changed' AND doc->>'requisitionId' = $3", [requisition.id]),
    rows(db, mail, 'reviewRequests', "doc->>'requisitionId' = $3 AND doc->>'deletedAt' IS NULL", [requisition.id]),
    rows(db, mail, 'activities', "(doc->>'at')::bigint >= $3", [since]),
    rows(db, mail, 'members', 'true', []),
  ]);
  const decisions = requests.length === 0 ? [] : await rows(db, mail, 'reviewDecisions', "doc->>'requestId' = ANY($3::text[])", [requests.map((r) => r.id)]);
  // Each person touched since last week began, with their first activity ever, so "added" counts only people new to the team.
  const touched = [...new Set(recent.map((a) => a.prospectId))];
  const firsts =
    touched.length === 0
      ? []
      : (
          await db.query<{ doc: SyncedRows['activities'] }>(
            `SELECT DISTINCT ON (doc->>'prospectId') doc FROM entities
              WHERE team_id = $1 AND kind = 'activity' AND (visible_to IS NULL OR visible_to = $2) AND doc->>'prospectId' = ANY($3::text[]) AND (doc->>'at')::bigint < $4
              ORDER BY doc->>'prospectId', (doc->>'at')::bigint`,
            [mail.team_id, mail.reviewer_id, touched, since],
          )
        ).map((r) => r.doc);
  const ids = [...new Set([...moves.map((m) => m.prospectId), ...requests.flatMap((r) => r.prospectIds)])];
  const people = new Map<string, string>();
  const get = async <T extends SyncedTable>(table: T, id: string) => (await rows(db, mail, table, 'id = $3', [id]))[0];
  for (const id of ids) {
    const person = await get('prospects', await resolveProspectId({ get }, id));
    if (person && person.deletedAt === null) people.set(id, person.name);
  }
  return {
    to: recruiter.email,
    recipientName: recruiter.name,
    checkIn: buildCheckIn({ requisition, moves: moves.filter(isStageMove), requests, decisions, activities: [...recent, ...firsts], members, people, now, timeZone }),
  };
}
