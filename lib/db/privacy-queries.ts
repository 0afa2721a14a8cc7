import { Dexie } from 'dexie';
import { type PrivacyChoices, type Prospect, TEAM_PRIVACY_ID, type TeamPrivacy, privacyChoices } from '@/lib/model';
import { resolveProspectId } from '@/lib/mutations';
import { noticeDueAt } from '@/lib/privacy/notice-clock';
import { type TandemDB, fromProspectRow } from './database';

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
  const first = await db.activities
    .where('[prospectId+at]')
    .between([person.id, Dexie.minKey], [person.id, Dexie.maxKey])
    .first();
  return first?.actorId ?? null;
}

/**
 * The people `memberId` added, stored since `since`, whose privacy notice is not logged yet:
 * what the reminder engine reminds them of (lib/reminders/privacy-notice.ts).
 */
export async function noticesDueFrom(db: TandemDB, memberId: string, since: number): Promise<{ prospectId: string; name: string; createdAt: number }[]> {
  const due = await noticesDue(db, { createdSince: since });
  const adders = await Promise.all(due.map(({ person }) => addedBy(db, person)));
  return due.filter((_, i) => adders[i] === memberId).map(({ person }) => ({ prospectId: person.id, name: person.name, createdAt: person.createdAt }));
}
