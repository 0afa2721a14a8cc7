import type { FollowUp, Requisition, ReviewDecision, ReviewRequest } from '@/lib/model';
import type { TandemDB } from './database';
import { idsOfPerson } from './queries';

const live = <T extends { deletedAt: number | null }>(rows: T[]) => rows.filter((r) => r.deletedAt === null);

/** Open requests addressed to the member, oldest first (the most overdue lead). */
export async function openRequestsForReviewer(db: TandemDB, memberId: string): Promise<ReviewRequest[]> {
  const rows = await db.reviewRequests.where('reviewerId').equals(memberId).toArray();
  return live(rows)
    .filter((r) => r.status === 'open')
    .sort((a, b) => a.dueAt - b.dueAt || a.createdAt - b.createdAt);
}

/** Every request of a requisition, newest first. */
export async function requestsForRequisition(db: TandemDB, requisitionId: string): Promise<ReviewRequest[]> {
  const rows = await db.reviewRequests.where('requisitionId').equals(requisitionId).toArray();
  return live(rows).sort((a, b) => b.createdAt - a.createdAt);
}

/** The decisions standing on a request (undone ones left out). */
export async function decisionsForRequest(db: TandemDB, requestId: string): Promise<ReviewDecision[]> {
  return live(await db.reviewDecisions.where('requestId').equals(requestId).toArray());
}

/** Requests that include the person (by any id of theirs), newest first. */
export async function requestsForProspect(db: TandemDB, prospectId: string): Promise<ReviewRequest[]> {
  const rows = await db.reviewRequests.where('prospectIds').anyOf(await idsOfPerson(db, prospectId)).distinct().toArray();
  return live(rows).sort((a, b) => b.createdAt - a.createdAt);
}

/** Open requests that include the person, whoever reviews them. */
export async function openRequestsForProspect(db: TandemDB, prospectId: string): Promise<ReviewRequest[]> {
  return (await requestsForProspect(db, prospectId)).filter((r) => r.status === 'open');
}

export async function requisitions(db: TandemDB): Promise<Requisition[]> {
  return live(await db.requisitions.toArray()).sort((a, b) => a.title.localeCompare(b.title));
}

/** The member's follow-ups not yet done, soonest first. */
export async function pendingFollowUps(db: TandemDB, memberId: string): Promise<FollowUp[]> {
  const rows = await db.followUps.orderBy('dueAt').toArray();
  return live(rows).filter((f) => f.ownerId === memberId && f.doneAt === null);
}
