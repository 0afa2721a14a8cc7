import { Dexie } from 'dexie';
import type { TandemDB } from '@/lib/db/database';
import { readMe, readSettings } from '@/lib/db/local-state';
import { guardWindowStart } from '@/lib/guard/outreach-guard';
import { activitiesOfKindFor, findProspectByKey, guardActivitiesFor, membersById, notesFor, pipelineFor, recentActivitiesFor, resolvePerson, tombstonesIndexed } from '@/lib/db/queries';
import { openRequestsForProspect, openRequisitions } from '@/lib/db/review-queries';
import type { Activity, Me, Member, Note, PipelineEntry, Prospect, ProspectIdentity, Requisition, ReviewRequest, Settings } from '@/lib/model';
import { matchPage } from '@/lib/prospects/page-match';
import { useDb } from '@/components/ui/db-context';
import { useLiveRead } from '@/components/ui/use-live-read';

export interface ProspectView {
  me: Me | undefined;
  settings: Settings;
  members: Map<string, Member>;
  /** null: the team has no record of this person yet. */
  prospect: Prospect | null;
  /** What the outreach guard reads within its window: the newest outreach, rejection and "not interested" (`guardActivitiesFor`). */
  guardActivities: Activity[];
  /** The person's live outreach in the guard's window, counted (`guardActivities` holds only the newest). */
  outreachCount: number;
  /** The privacy notices logged sent to the person (the Article 14 clock reads them). */
  noticesSent: Activity[];
  /** The newest of the person's history, newest first; `more`: older activities exist. */
  feed: { activities: Activity[]; more: boolean };
  notes: Note[];
  openReviews: ReviewRequest[];
  pipeline: PipelineEntry[];
  /** The team's requisitions by id (the pipeline's titles and stages). */
  requisitions: Map<string, Requisition>;
}

/**
 * The person a page shows: the one with its profile key, else the one its LinkedIn link or an
 * email names (lib/identity's join). A hiring manager, who may not attach the page to them, sees
 * their history all the same; for others it shows before the attach has been recorded.
 */
async function personOnPage(db: TandemDB, identity: ProspectIdentity): Promise<Prospect | null> {
  const byKey = await findProspectByKey(db, identity.key);
  if (byKey) return byKey;
  if (!identity.sameAs?.length && !identity.emails?.length) return null;
  const { join } = await matchPage(db, identity);
  return join ? ((await resolvePerson(db, join.personId)) ?? null) : null;
}

const byId = (rows: Requisition[]) => new Map(rows.map((r) => [r.id, r]));

/** How much of a person's history the feed shows at first, and adds each time more is asked for. */
export const FEED_PAGE = 50;

const NO_FEED = { activities: [], more: false };

/**
 * Everything the team knows about the person a page shows: their rows by index, and of their
 * history only the newest `feedSize` and what the guard needs, so a person with years of
 * activity opens as fast as a new one (bench/large-team.ts times it on a large team's device).
 */
export async function readProspectView(db: TandemDB, identity: ProspectIdentity, feedSize = FEED_PAGE): Promise<ProspectView> {
  // One read transaction for the whole view: in Chromium each of its ten-odd reads in a
  // transaction of its own cost 1.5–4 ms on a large team's device. The view is answered once
  // read, not once the transaction completes: a read-only one has nothing to commit, and its
  // completion is one more round trip to the browser's database process.
  return new Promise((resolve, reject) => {
    db.transaction('r', VIEW_TABLES(db), async () => {
      const view = await readView(db, identity, feedSize);
      // Outside the transaction's zone: else the caller's code after its await would still be "in" this read-only transaction, and its next read-write one would fail.
      Dexie.ignoreTransaction(() => resolve(view));
    }).catch(reject);
  });
}

const VIEW_TABLES = (db: TandemDB) => [db.local, db.members, db.prospects, db.aliases, db.requisitions, db.activities, db.notes, db.reviewRequests, db.pipeline];

async function readView(db: TandemDB, identity: ProspectIdentity, feedSize: number): Promise<ProspectView> {
  // The person first: the browser's database answers a transaction's requests in turn, and the
  // person's reads wait on this one.
  const indexed = tombstonesIndexed(db);
  const [prospect, me, settings, members, open] = await Promise.all([
    personOnPage(db, identity),
    readMe(db),
    readSettings(db),
    membersById(db),
    // The open ones, to join; any other only when this person's rows name it (below): the
    // team's whole list grows with its history.
    openRequisitions(db),
  ]);
  if (!prospect) return { me, settings, members, prospect: null, guardActivities: [], outreachCount: 0, noticesSent: [], feed: NO_FEED, notes: [], openReviews: [], pipeline: [], requisitions: byId(open) };
  const [guard, noticesSent, feed, notes, openReviews, pipeline] = await Promise.all([
    guardActivitiesFor(db, prospect.id, guardWindowStart(Date.now(), settings.guardWindowDays), indexed),
    activitiesOfKindFor(db, prospect.id, 'privacy_notice_sent'),
    recentActivitiesFor(db, prospect.id, feedSize),
    me ? notesFor(db, prospect.id, me.memberId) : Promise.resolve([]),
    openRequestsForProspect(db, prospect.id),
    pipelineFor(db, prospect.id),
  ]);
  const guardActivities = guard.activities;
  const named = new Set([...pipeline, ...openReviews, ...guardActivities, ...feed.activities].flatMap((row) => row.requisitionId ?? []));
  const missing = [...named].filter((id) => !open.some((r) => r.id === id));
  const others = missing.length ? (await db.requisitions.bulkGet(missing)).filter((r) => r !== undefined) : [];
  return { me, settings, members, prospect, guardActivities, outreachCount: guard.outreachCount, noticesSent, feed, notes, openReviews, pipeline, requisitions: byId([...open, ...others]) };
}

/** The person's view (`readProspectView`), live across contexts. */
export function useProspectView(identity: ProspectIdentity, feedSize = FEED_PAGE): ProspectView | undefined {
  const db = useDb();
  // The parts that say who the page is: a re-render with the same page reads nothing again.
  const who = JSON.stringify([identity.key, identity.sameAs?.map((r) => r.key) ?? [], identity.emails ?? []]);
  return useLiveRead(
    () => readProspectView(db, identity, feedSize),
    () => readView(db, identity, feedSize),
    [db, who, feedSize],
  );
}
