import { Dexie } from 'dexie';
import { prefixRange, startingWith } from './key-ranges';
import { type PrivacyChoices, type Prospect, TEAM_PRIVACY_ID, type TeamPrivacy, privacyChoices } from '@/lib/model';
import { resolveProspectId } from '@/lib/mutations';
import { noticeDueAt } from '@/lib/privacy/notice-clock';
import { type TandemDB, fromProspectRow } from './database';
import { idsOfPeople } from './queries';

/** The team's privacy row as synced (undefined until an admin sets it). */
export async function teamPrivacyRow(db: TandemDB): Promise<TeamPrivacy | undefined> {
  return db.teamPrivacy.get(TEAM_PRIVACY_ID);
}

/** The team's privacy choices: the set row, else the defaults. */
export async function teamPrivacyChoices(db: TandemDB): Promise<PrivacyChoices> {
  return privacyChoices(await teamPrivacyRow(db));
}

/**
 * The people who have a privacy notice logged, by the id they are kept under now: a notice
 * logged on a record later merged away counts for the one who stayed. Read from index keys
 * alone (`[kind+prospectId+at]`), not the feed.
 */
async function peopleWithNotice(db: TandemDB): Promise<Set<string>> {
  const keys = await db.activities
    .where('[kind+prospectId+at]')
    // From the kind's first person ('' is the least string) to past its last (an array sorts after every string).
    .between(['privacy_notice_sent', ''], ['privacy_notice_sent', Dexie.maxKey])
    .primaryKeys();
  const rows = await db.activities.bulkGet(keys);
  const store = { get: (table: string, id: string) => db.table(table).get(id) };
  const ids = await Promise.all(rows.filter((a) => a !== undefined && a.deletedAt === null).map((a) => resolveProspectId(store, a!.prospectId)));
  return new Set(ids);
}

export interface NoticeDue {
  person: Prospect;
  dueAt: number;
}

/**
 * The people whose privacy notice is not logged yet, soonest deadline first (oldest stored
 * first: everyone shares the team's period). `createdSince` leaves out people stored before
 * it; `limit` stops reading after that many.
 */
export async function noticesDue(db: TandemDB, options: { limit?: number; createdSince?: number } = {}): Promise<NoticeDue[]> {
  const [choices, withNotice] = await Promise.all([teamPrivacyChoices(db), peopleWithNotice(db)]);
  const due: NoticeDue[] = [];
  const limit = options.limit ?? Infinity;
  await db.prospects
    .where('createdAt')
    .aboveOrEqual(options.createdSince ?? 0)
    .until(() => due.length >= limit)
    .each((row) => {
      if (row.deletedAt !== null || withNotice.has(row.id)) return;
      due.push({ person: fromProspectRow(row), dueAt: noticeDueAt(row.createdAt, choices.noticeDays) });
    });
  return due;
}

/**
 * Who added the person: `createdBy`, else (people stored before it was recorded) the actor of
 * their earliest activity; null when neither is known.
 */
export async function addedBy(db: TandemDB, person: Prospect): Promise<string | null> {
  if (person.createdBy) return person.createdBy;
  const first = await startingWith(db.activities.where('[prospectId+at]'), person.id).first();
  return first?.actorId ?? null;
}

/**
 * The people `memberId` added, stored since `since`, whose privacy notice is not logged yet,
 * oldest first: what the reminder engine reminds them of (lib/reminders/privacy-notice.ts). It
 * runs every sync round, so it reads only the member's own additions and the people whose adder
 * was not recorded, never everyone stored in the window.
 */
export async function noticesDueFrom(db: TandemDB, memberId: string, since: number): Promise<{ prospectId: string; name: string; createdAt: number }[]> {
  const [own, unknown] = await Promise.all([
    db.prospects.where('[createdBy+createdAt]').between([memberId, since], [memberId, Dexie.maxKey]).toArray(),
    db.prospects.where('unknownAdderAt').aboveOrEqual(since).toArray(),
  ]);
  const unknownLive = unknown.filter((row) => row.deletedAt === null);
  const adders = await Promise.all(unknownLive.map((row) => addedBy(db, fromProspectRow(row))));
  const mine = [...own.filter((row) => row.deletedAt === null), ...unknownLive.filter((_, i) => adders[i] === memberId)];
  const noticed = await haveNotice(db, mine.map((row) => row.id));
  return mine
    .filter((_, i) => !noticed[i])
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
    .map((row) => ({ prospectId: row.id, name: row.name, createdAt: row.createdAt }));
}

/** Whether each person has a privacy notice logged, on their record or one merged into it. */
async function haveNotice(db: TandemDB, prospectIds: string[]): Promise<boolean[]> {
  if (prospectIds.length === 0) return [];
  const ids = await idsOfPeople(db, prospectIds);
  const ranges = [...new Set(ids.flat())].map((id) => prefixRange('privacy_notice_sent', id));
  const notices = await db.activities
    .where('[kind+prospectId+at]')
    .inAnyRange(ranges)
    .filter((a) => a.deletedAt === null)
    .toArray();
  const noticed = new Set(notices.map((a) => a.prospectId));
  return ids.map((person) => person.some((id) => noticed.has(id)));
}
