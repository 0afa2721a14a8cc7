import type { Database, Queryable } from '@/server/db/database';
import { eraseAsServer } from './server-erasure';
import { TEAM_PRIVACY_ID, type TeamPrivacy, privacyChoices } from '@/lib/model';
import { noticeDeadlineAction, noticeDueAt } from '@/lib/privacy/notice-clock';

/**
 * The people of a team whose privacy notice deadline has passed with no notice logged, when the
 * team's choice at the deadline is to erase them (`noticeDeadlineAction` says 'erase'). A
 * notice logged on a record later merged away counts for the one who stayed.
 */
export async function peopleToEraseAtNoticeDeadline(db: Queryable, teamId: string, now: number): Promise<string[]> {
  const [row] = await db.query<{ doc: TeamPrivacy }>("SELECT doc FROM entities WHERE team_id = $1 AND kind = 'team_privacy' AND id = $2", [teamId, TEAM_PRIVACY_ID]);
  const choices = privacyChoices(row?.doc);
  if (choices.noticeAtDeadline !== 'erase') return [];
  const [people, notices, aliases] = await Promise.all([
    db.query<{ id: string; created_at: string }>("SELECT id, doc->>'createdAt' AS created_at FROM entities WHERE team_id = $1 AND kind = 'prospect' AND doc->>'deletedAt' IS NULL", [teamId]),
    db.query<{ prospect_id: string }>(
      "SELECT doc->>'prospectId' AS prospect_id FROM entities WHERE team_id = $1 AND kind = 'activity' AND doc->>'kind' = 'privacy_notice_sent' AND doc->>'deletedAt' IS NULL",
      [teamId],
    ),
    db.query<{ id: string; to: string }>("SELECT id, doc->>'prospectId' AS to FROM entities WHERE team_id = $1 AND kind = 'alias'", [teamId]),
  ]);
  const aliasOf = new Map(aliases.map((a) => [a.id, a.to]));
  const resolve = (id: string) => {
    for (let hops = 0; aliasOf.has(id) && hops < 100; hops++) id = aliasOf.get(id)!;
    return id;
  };
  const told = new Set(notices.map((n) => resolve(n.prospect_id)));
  return people
    .filter((p) => noticeDeadlineAction({ dueAt: noticeDueAt(Number(p.created_at), choices.noticeDays), sent: told.has(p.id), atDeadline: choices.noticeAtDeadline, now }) === 'erase')
    .map((p) => p.id)
    .sort();
}

/**
 * Erases everyone `peopleToEraseAtNoticeDeadline` names, in one transaction, through the same
 * erasure as `prospect.erase` (suppressed, logged with cause `notice_deadline`); returns who.
 * Run daily by the server (server/privacy/daily.ts).
 */
export async function runNoticeDeadline(db: Database, teamId: string, now: number): Promise<string[]> {
  return db.transaction(async (tx) => {
    const erased: string[] = [];
    for (const prospectId of await peopleToEraseAtNoticeDeadline(tx, teamId, now)) {
      if (await eraseAsServer(tx, teamId, prospectId, now, 'notice_deadline')) erased.push(prospectId);
    }
    return erased;
  });
}
