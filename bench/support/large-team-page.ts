// Runs in an extension page (bench-large-team.html) of the dashboard bench's copy of the
// extension (dashboard-profile.ts), on the large team's database: the sidebar's own query path
// for a person (`readProspectView`), a 50-person review request written as the pull would
// write it, and the Options download (`exportBackupFile`), each timed where the extension runs.
import './zod-jitless';
import { ulid } from 'ulidx';
import { FEED_PAGE, readProspectView } from '@/components/prospect/use-prospect-view';
import { exportBackup, exportBackupFile } from '@/lib/backup/backup';
import { TandemDB, toStoredRow } from '@/lib/db/database';
import { LOCAL_KEYS, readMe } from '@/lib/db/local-state';
import { activitiesOfKindFor, activitiesSinceFor, findProspectByKey, guardActivitiesFor, notesFor, pipelineFor, recentActivitiesFor } from '@/lib/db/queries';
import { decisionsForRequest, openRequestsForProspect } from '@/lib/db/review-queries';
import { firstUndecided, readHead, readPeople, readRecords } from '@/components/review/use-review-data';
import { GUARD_ACTIVITY_KINDS, guardWindowStart } from '@/lib/guard/outreach-guard';
import { allowSyncedWrites } from '@/lib/db/synced-write-guard';
import type { Activity, ProspectIdentity, ReviewRequest } from '@/lib/model';

export interface LookupSample {
  id: string;
  /** From the identity to the view the sidebar renders (the person, feed, notes, guard, pipeline…). */
  ms: number;
  /** The person's activities in all, and how many the feed shows at first. */
  activities: number;
  feed: number;
  /** What the person's LinkedIn page would report. */
  identity: ProspectIdentity;
}

export interface ExportResult {
  ms: number;
  bytes: number;
  records: number;
}

const db = new TandemDB();

/** The identity a LinkedIn page of the person would report. */
async function identityOf(id: string): Promise<ProspectIdentity> {
  const p = await db.prospects.get(id);
  if (!p) throw new Error(`no person ${id}`);
  const profile = p.profiles[0]!;
  return { site: profile.site, key: profile.key, url: profile.url, name: p.name, headline: p.headline, company: p.company, location: p.location };
}

/** Each person's view read once, timed from the identity (as the sidebar reads it when it opens on them). */
async function lookups(ids: string[]): Promise<LookupSample[]> {
  const samples: LookupSample[] = [];
  for (const id of ids) {
    const identity = await identityOf(id);
    const t0 = performance.now();
    const view = await readProspectView(db, identity);
    const ms = performance.now() - t0;
    if (view.prospect?.id !== id) throw new Error(`the view of ${id} shows ${view.prospect?.id ?? 'nobody'}`);
    const activities = await db.activities.where('[prospectId+at]').between([id, -Infinity], [id, Infinity]).count();
    samples.push({ id, ms, activities, feed: view.feed.activities.length, identity });
  }
  return samples;
}

/** Each of the sidebar's per-person reads timed alone (median ms over `ids`): where a lookup's time goes. */
async function lookupParts(ids: string[]): Promise<Record<string, number>> {
  const me = (await readMe(db))!;
  const parts: Record<string, (id: string) => Promise<unknown>> = {
    guard: (id) => guardActivitiesFor(db, id, guardWindowStart(Date.now(), 90)),
    guardWholeWindow: (id) => activitiesSinceFor(db, id, GUARD_ACTIVITY_KINDS, guardWindowStart(Date.now(), 90)),
    notices: (id) => activitiesOfKindFor(db, id, 'privacy_notice_sent'),
    feed: (id) => recentActivitiesFor(db, id, FEED_PAGE),
    notes: (id) => notesFor(db, id, me.memberId),
    openReviews: (id) => openRequestsForProspect(db, id),
    pipeline: (id) => pipelineFor(db, id),
    person: async (id) => findProspectByKey(db, (await db.prospects.get(id))!.profiles[0]!.key),
  };
  const result: Record<string, number> = {};
  for (const [name, read] of Object.entries(parts)) {
    const ms: number[] = [];
    for (const id of ids) {
      const t0 = performance.now();
      await read(id);
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    result[name] = Math.round(ms[Math.floor(ms.length / 2)]! * 100) / 100;
  }
  return result;
}

/**
 * A request for `people` of the team's people to the requisition's hiring manager, with its
 * review_requested activities, written as the pull writes a teammate's rows; the device's member
 * becomes that hiring manager (the reviewer opens it). Returns the request's id.
 */
async function addReviewRequest(ids: string[]): Promise<string> {
  const requisition = (await db.requisitions.toArray()).find((r) => r.status === 'open' && r.deletedAt === null);
  if (!requisition) throw new Error('no open requisition');
  const reviewer = await db.members.get(requisition.hiringManagerId);
  if (!reviewer) throw new Error('no hiring manager');
  const now = Date.now();
  const synced = { teamId: requisition.teamId, version: now, deletedAt: null };
  const requesterId = requisition.recruiterIds[0]!;
  const request: ReviewRequest = {
    id: ulid(),
    ...synced,
    requisitionId: requisition.id,
    requesterId,
    reviewerId: reviewer.id,
    prospectIds: ids,
    message: 'Large-team bench: fifty people, some with hundreds of activities.',
    createdAt: now,
    dueAt: now + requisition.feedbackSlaHours * 3_600_000,
    status: 'open',
    reassignedFrom: null,
    history: [],
  };
  const activities: Activity[] = ids.map((prospectId) => ({
    id: ulid(),
    ...synced,
    prospectId,
    actorId: requesterId,
    at: now,
    requisitionId: requisition.id,
    kind: 'review_requested',
    data: { requestId: request.id, reviewerId: reviewer.id },
  }));
  await db.transaction('rw', [db.reviewRequests, db.activities, db.local], async () => {
    allowSyncedWrites('pull');
    await db.reviewRequests.put(toStoredRow('reviewRequests', request));
    await db.activities.bulkPut(activities.map((a) => toStoredRow('activities', a)));
    await db.local.put({ key: LOCAL_KEYS.me, value: { memberId: reviewer.id, teamId: reviewer.teamId, name: reviewer.name, email: reviewer.email, role: reviewer.role } });
  });
  return request.id;
}

/**
 * The review page's reads for a request, timed `runs` times, as `useReviewData` makes them: what
 * it waits for before the first person (its head; every person's record and the decisions; the
 * person it opens on, with their notes and earlier decisions), and then everyone's history.
 */
async function reviewReads(requestId: string, runs: number): Promise<{ firstMs: number; everyoneMs: number }[]> {
  const ms: { firstMs: number; everyoneMs: number }[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const head = await readHead(db, requestId);
    if (!head.request) throw new Error(`no request ${requestId}`);
    const keys = head.request.prospectIds;
    const meId = head.me?.memberId;
    const [records, decisions] = await Promise.all([readRecords(db, keys), decisionsForRequest(db, requestId)]);
    const firstKey = firstUndecided(keys, records, decisions);
    if (firstKey) await readPeople(db, requestId, [firstKey], meId);
    const firstMs = performance.now() - t0;
    await readPeople(db, requestId, keys, meId);
    ms.push({ firstMs, everyoneMs: performance.now() - t0 });
  }
  return ms;
}

/** The Options download's file (`exportBackupFile`), or as it was made before it streamed (`whole`: every row at once, one string). */
async function exportFile(whole: boolean): Promise<ExportResult> {
  const t0 = performance.now();
  if (whole) {
    const backup = await exportBackup(db);
    const blob = new Blob([JSON.stringify(backup, null, 2)], { type: 'application/json' });
    const records = Object.values(backup.tables).reduce((n, rows) => n + rows.length, 0);
    return { ms: performance.now() - t0, bytes: blob.size, records };
  }
  const file = await exportBackupFile(db);
  return { ms: performance.now() - t0, bytes: file.blob.size, records: file.records };
}

Object.assign(globalThis, { tandemLargeTeam: { lookups, lookupParts, addReviewRequest, reviewReads, exportFile } });
