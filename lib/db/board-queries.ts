import { startingWith } from './key-ranges';
import type { StageMove } from '@/lib/metrics';
import type { PipelineEntry, Prospect, ReviewDecision, ReviewRequest } from '@/lib/model';
import { type ProspectRow, type TandemDB, fromProspectRow } from './database';
import { stageMoves } from './dashboard-queries';
import { resolvePerson } from './queries';
import { requestsForRequisition } from './review-queries';

/** What one requisition's board is drawn from; every read is bounded by the requisition. */
export interface BoardData {
  /** Live entries of the requisition, active and closed. */
  entries: PipelineEntry[];
  /** The person of each entry, by the entry's `prospectId` (absent: erased, or not on this device yet). */
  people: Map<string, Prospect>;
  moves: StageMove[];
  /** The requisition's open review requests, and the decisions already made in them. */
  openRequests: ReviewRequest[];
  decisions: ReviewDecision[];
  /** The time of each person's newest activity, by the entry's `prospectId`. */
  lastActivityAt: Map<string, number>;
}

/**
 * The person an entry names. An entry keeps the id it was made with, so one made before its
 * person was merged into another names the merged-away record: follow the alias then.
 */
async function personOf(db: TandemDB, row: ProspectRow | undefined, id: string): Promise<Prospect | undefined> {
  return row && row.deletedAt === null ? fromProspectRow(row) : resolvePerson(db, id);
}

/** The newest live activity of a person, through the `[prospectId+at]` index (newest first, stops at the first live one). */
async function lastActivity(db: TandemDB, prospectId: string): Promise<number | undefined> {
  const newest = await startingWith(db.activities.where('[prospectId+at]'), prospectId)
    .reverse()
    .filter((a) => a.deletedAt === null)
    .first();
  return newest?.at;
}

export async function boardData(db: TandemDB, requisitionId: string): Promise<BoardData> {
  const [rows, moves, requests] = await Promise.all([db.pipeline.where('requisitionId').equals(requisitionId).toArray(), stageMoves(db, requisitionId), requestsForRequisition(db, requisitionId)]);
  const entries = rows.filter((e) => e.deletedAt === null);
  const ids = entries.map((e) => e.prospectId);
  const openRequests = requests.filter((r) => r.status === 'open');
  const [prospectRows, decisions, times] = await Promise.all([
    db.prospects.bulkGet(ids),
    db.reviewDecisions.where('requestId').anyOf(openRequests.map((r) => r.id)).toArray(),
    Promise.all(ids.map((id) => lastActivity(db, id))),
  ]);
  const people = new Map<string, Prospect>();
  const found = await Promise.all(ids.map((id, i) => personOf(db, prospectRows[i], id)));
  ids.forEach((id, i) => found[i] && people.set(id, found[i]));
  const lastActivityAt = new Map<string, number>();
  ids.forEach((id, i) => times[i] !== undefined && lastActivityAt.set(id, times[i]));
  return { entries, people, moves, openRequests, decisions: decisions.filter((d) => d.deletedAt === null), lastActivityAt };
}
