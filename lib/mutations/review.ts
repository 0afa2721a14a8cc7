import {
  ReviewCancelArgs,
  ReviewDecideArgs,
  ReviewNudgeArgs,
  ReviewReassignArgs,
  ReviewRequestArgs,
  ReviewUndoArgs,
  canNudgeReview,
  canReassignReview,
  canRequestReview,
  canReviewFor,
  type ReviewEvent,
  type ReviewRequest,
} from '@/lib/model';
import { HOUR_MS } from '@/lib/time-units';
import { MutationRefused, NO_CHANGE, defineMutation, requireUnusedId, resolveProspect, resolveProspectId } from './define';
import { requireMember } from './member';
import type { MutationStore } from './store';

async function requireRequest(store: MutationStore, mutation: string, id: string) {
  const request = await store.get('reviewRequests', id);
  if (!request || request.deletedAt !== null) throw new MutationRefused(mutation, 'no such review request');
  return request;
}

/** Why a request no longer takes decisions or changes, or null while it is open. */
function closedReason(request: ReviewRequest): string | null {
  switch (request.status) {
    case 'open':
      return null;
    case 'reassigned':
      return 'this review was reassigned to another reviewer';
    case 'cancelled':
      return 'this review request was withdrawn';
    case 'completed':
      return 'this review is already complete';
  }
}

/** The ids in `ids` that stand for the person `personId` (themselves, or aliases of them). */
async function listedIdsOf(store: MutationStore, ids: readonly string[], personId: string): Promise<string[]> {
  const found: string[] = [];
  for (const id of ids) if (id === personId || (await resolveProspectId(store, id)) === personId) found.push(id);
  return found;
}

/** The live decision per person of a request. */
async function liveDecisions(store: MutationStore, requestId: string) {
  return (await store.decisionsFor(requestId)).filter((d) => d.deletedAt === null);
}

/** The people a reviewer already has in an open review of the requisition. */
async function waitingFor(store: MutationStore, requisitionId: string, reviewerId: string): Promise<Set<string>> {
  return new Set((await store.openRequestsTo(requisitionId, reviewerId)).flatMap((r) => r.prospectIds));
}

const alreadyWith = (reviewer: string) => `already in review with ${reviewer} for this requisition`;

/** Sends a batch of people to a reviewer, due after the requisition's feedback deadline. */
export const reviewRequest = defineMutation({
  name: 'review.request',
  title: 'A review request',
  args: ReviewRequestArgs,
  async apply(store, { id, requisitionId, reviewerId, prospectIds, activityIds, message, at }, { actor }) {
    if (!canRequestReview(actor.role)) throw new MutationRefused('review.request', 'hiring managers review; they do not send reviews');
    await requireUnusedId(store, 'review.request', 'reviewRequests', id);
    for (const activityId of activityIds) await requireUnusedId(store, 'review.request', 'activities', activityId);
    const requisition = await store.get('requisitions', requisitionId);
    if (!requisition || requisition.deletedAt !== null) throw new MutationRefused('review.request', 'no such requisition');
    if (requisition.status !== 'open') throw new MutationRefused('review.request', `the requisition is ${requisition.status === 'on_hold' ? 'on hold' : 'closed'}`);
    const reviewer = await requireMember(store, 'review.request', reviewerId);
    if (!canReviewFor({ requesterId: actor.memberId }, reviewerId)) throw new MutationRefused('review.request', 'a review goes to someone other than the member who asks for it');
    // One open review per person, reviewer and role: a second would only be asked and warned about twice.
    const waiting = await waitingFor(store, requisitionId, reviewerId);
    const people: string[] = [];
    for (const prospectId of prospectIds) {
      const prospect = await resolveProspect(store, prospectId);
      if (!prospect) throw new MutationRefused('review.request', 'no such person');
      if (people.includes(prospect.id)) throw new MutationRefused('review.request', 'a person appears twice in the batch');
      if (waiting.has(prospect.id)) throw new MutationRefused('review.request', `${prospect.name} is ${alreadyWith(reviewer.name)}`);
      people.push(prospect.id);
    }
    await store.put('reviewRequests', {
      id,
      deletedAt: null,
      requisitionId,
      requesterId: actor.memberId,
      reviewerId,
      prospectIds: people,
      message,
      createdAt: at,
      dueAt: at + requisition.feedbackSlaHours * HOUR_MS,
      status: 'open',
      reassignedFrom: null,
      history: [],
    });
    for (const [i, prospectId] of people.entries()) {
      await store.put('activities', {
        id: activityIds[i]!,
        deletedAt: null,
        prospectId,
        actorId: actor.memberId,
        at,
        requisitionId,
        kind: 'review_requested',
        data: { requestId: id, reviewerId },
      });
    }
    return id;
  },
});

/** The addressed reviewer approves or rejects one person; the request completes with its last decision. */
export const reviewDecide = defineMutation({
  name: 'review.decide',
  title: 'A review decision',
  args: ReviewDecideArgs,
  async apply(store, { id, requestId, prospectId, verdict, met, missing, note, activityId, at }, { actor }) {
    await requireUnusedId(store, 'review.decide', 'reviewDecisions', id);
    await requireUnusedId(store, 'review.decide', 'activities', activityId);
    const request = await requireRequest(store, 'review.decide', requestId);
    const closed = closedReason(request);
    if (closed) throw new MutationRefused('review.decide', closed);
    if (request.reviewerId !== actor.memberId) throw new MutationRefused('review.decide', 'only the reviewer it was sent to can decide');
    // A request addressed to its own requester (stored before that was refused) takes no decisions.
    if (!canReviewFor(request, actor.memberId)) throw new MutationRefused('review.decide', 'nobody decides on a review they asked for');
    const prospect = await resolveProspect(store, prospectId);
    const decided = await liveDecisions(store, requestId);
    // The request names the person by the id it was sent with, which a merge may since have made an alias.
    const listed = prospect ? await listedIdsOf(store, request.prospectIds, prospect.id) : [];
    if (listed.length === 0) throw new MutationRefused('review.decide', 'that person is not in this review');
    const undecided = listed.find((p) => !decided.some((d) => d.prospectId === p));
    if (!prospect || undecided === undefined) throw new MutationRefused('review.decide', 'already decided; undo the decision first');
    await store.put('reviewDecisions', { id, deletedAt: null, requestId, prospectId: undecided, reviewerId: actor.memberId, verdict, met, missing, note, decidedAt: at, activityId });
    await store.put('activities', {
      id: activityId,
      deletedAt: null,
      prospectId: prospect.id,
      actorId: actor.memberId,
      at,
      requisitionId: request.requisitionId,
      kind: 'review_decision',
      data: { requestId, decisionId: id, verdict, met, missing, note },
    });
    if (decided.length + 1 >= request.prospectIds.length) await store.put('reviewRequests', { ...request, status: 'completed' });
    return id;
  },
});

/** Takes a decision back (the review page's U): gone from the feed, the request open again. */
export const reviewUndo = defineMutation({
  name: 'review.undo',
  title: 'Taking back a review decision',
  args: ReviewUndoArgs,
  async apply(store, { decisionId, at }, { actor }) {
    const decision = await store.get('reviewDecisions', decisionId);
    if (!decision) throw new MutationRefused('review.undo', 'no such decision');
    if (decision.deletedAt !== null) return NO_CHANGE;
    if (decision.reviewerId !== actor.memberId) throw new MutationRefused('review.undo', 'only the reviewer can take back a decision');
    const request = await requireRequest(store, 'review.undo', decision.requestId);
    if (request.status !== 'open' && request.status !== 'completed') throw new MutationRefused('review.undo', closedReason(request)!);
    await store.put('reviewDecisions', { ...decision, deletedAt: at });
    // Only the decision's own feed entry: a decision stored before ids were checked may name another member's activity.
    const activity = await store.get('activities', decision.activityId);
    if (activity?.kind === 'review_decision' && activity.data.decisionId === decision.id && activity.actorId === decision.reviewerId) {
      await store.put('activities', { ...activity, deletedAt: at });
    }
    if (request.status === 'completed') await store.put('reviewRequests', { ...request, status: 'open' });
    return decisionId;
  },
});

function withEvent(request: ReviewRequest, event: ReviewEvent): ReviewEvent[] {
  const same = request.history.some((e) => e.kind === event.kind && e.by === event.by && e.at === event.at);
  return same ? request.history : [...request.history, event];
}

/** Chases a late reviewer: logged on the request; the reviewer's devices remind them at once. */
export const reviewNudge = defineMutation({
  name: 'review.nudge',
  title: 'A nudge to a late reviewer',
  args: ReviewNudgeArgs,
  async apply(store, { requestId, at }, { actor }) {
    const request = await requireRequest(store, 'review.nudge', requestId);
    const closed = closedReason(request);
    if (closed) throw new MutationRefused('review.nudge', closed);
    const requisition = await store.get('requisitions', request.requisitionId);
    if (!canNudgeReview(request, requisition, actor.memberId, actor.role)) throw new MutationRefused('review.nudge', 'only the requester, the role’s recruiters and admins can nudge');
    const history = withEvent(request, { kind: 'nudged', by: actor.memberId, at, to: null, requestId: null });
    if (history === request.history) return NO_CHANGE;
    await store.put('reviewRequests', { ...request, history });
    return requestId;
  },
});

/**
 * Hands the people not yet decided to another reviewer: this request is closed as reassigned
 * (its decisions stay) and a new one, due after a fresh deadline, continues it.
 */
export const reviewReassign = defineMutation({
  name: 'review.reassign',
  title: 'Handing a review to another reviewer',
  args: ReviewReassignArgs,
  async apply(store, { requestId, newRequestId, reviewerId, message, at }, { actor }) {
    await requireUnusedId(store, 'review.reassign', 'reviewRequests', newRequestId);
    const request = await requireRequest(store, 'review.reassign', requestId);
    if (!canReassignReview(request, actor.memberId, actor.role)) throw new MutationRefused('review.reassign', 'only the requester or an admin can reassign a review');
    const closed = closedReason(request);
    if (closed) throw new MutationRefused('review.reassign', closed);
    if (reviewerId === request.reviewerId) throw new MutationRefused('review.reassign', 'it is already with that reviewer');
    if (!canReviewFor(request, reviewerId)) throw new MutationRefused('review.reassign', 'a review goes to someone other than the member who asks for it');
    const reviewer = await requireMember(store, 'review.reassign', reviewerId);
    const decided = new Set((await liveDecisions(store, requestId)).map((d) => d.prospectId));
    const undecided = request.prospectIds.filter((p) => !decided.has(p));
    if (undecided.length === 0) throw new MutationRefused('review.reassign', 'everyone in it has a decision already');
    // Whoever the new reviewer already has open for this role stays in that review only.
    const waiting = await waitingFor(store, request.requisitionId, reviewerId);
    const remaining = undecided.filter((p) => !waiting.has(p));
    if (remaining.length === 0) throw new MutationRefused('review.reassign', `everyone waiting in it is ${alreadyWith(reviewer.name)}`);
    const requisition = await store.get('requisitions', request.requisitionId);
    const slaHours = requisition?.feedbackSlaHours ?? 48;
    await store.put('reviewRequests', {
      ...request,
      status: 'reassigned',
      history: withEvent(request, { kind: 'reassigned', by: actor.memberId, at, to: reviewerId, requestId: newRequestId }),
    });
    await store.put('reviewRequests', {
      id: newRequestId,
      deletedAt: null,
      requisitionId: request.requisitionId,
      requesterId: request.requesterId,
      reviewerId,
      prospectIds: remaining,
      message: message || request.message,
      createdAt: at,
      dueAt: at + slaHours * HOUR_MS,
      status: 'open',
      reassignedFrom: request.id,
      history: [],
    });
    return newRequestId;
  },
});

/** Withdraws a request that is no longer wanted. */
export const reviewCancel = defineMutation({
  name: 'review.cancel',
  title: 'Withdrawing a review request',
  args: ReviewCancelArgs,
  async apply(store, { requestId, at }, { actor }) {
    const request = await requireRequest(store, 'review.cancel', requestId);
    if (!canReassignReview(request, actor.memberId, actor.role)) throw new MutationRefused('review.cancel', 'only the requester or an admin can withdraw a review');
    if (request.status === 'cancelled') return NO_CHANGE;
    const closed = closedReason(request);
    if (closed) throw new MutationRefused('review.cancel', closed);
    await store.put('reviewRequests', { ...request, status: 'cancelled', history: withEvent(request, { kind: 'cancelled', by: actor.memberId, at, to: null, requestId: null }) });
    return requestId;
  },
});
