import type { FollowUp, Requisition, ReviewDecision, ReviewRequest } from '@/lib/model';
import type { TandemDB } from './database';
import { byPerson } from './queries';

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
  const rows = (await byPerson(db, prospectId, (id) => db.reviewRequests.where('prospectIds').equals(id).toArray())).flat();
  // A request may name the person under two of their ids.
  const once = [...new Map(rows.map((r) => [r.id, r])).values()];
  return live(once).sort((a, b) => b.createdAt - a.createdAt);
}

/** Open requests that include the person, whoever reviews them. */
export async function openRequestsForProspect(db: TandemDB, prospectId: string): Promise<ReviewRequest[]> {
  return (await requestsForProspect(db, prospectId)).filter((r) => r.status === 'open');
}

const byTitle = (a: Requisition, b: Requisition) => a.title.localeCompare(b.title);

export async function requisitions(db: TandemDB): Promise<Requisition[]> {
  return live(await db.requisitions.toArray()).sort(byTitle);
}

/** The open requisitions, by title: not the closed ones a team's history piles up. */
export async function openRequisitions(db: TandemDB): Promise<Requisition[]> {
  return live(await db.requisitions.where('status').equals('open').toArray()).sort(byTitle);
}

const pending = (rows: FollowUp[], memberId: string) => live(rows).filter((f) => f.ownerId === memberId && f.doneAt === null);

/** The member's follow-ups not yet done, soonest first. */
export async function pendingFollowUps(db: TandemDB, memberId: string): Promise<FollowUp[]> {
  return pending(await db.followUps.orderBy('dueAt').toArray(), memberId);
}

/** The member's follow-ups on one person not yet done, soonest first: the person's rows only, whatever the member has elsewhere. */
export async function pendingFollowUpsOn(db: TandemDB, memberId: string, prospectId: string): Promise<FollowUp[]> {
  return pending(await db.followUps.where('prospectId').equals(prospectId).sortBy('dueAt'), memberId);
}
