import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { outreachWarnings, type GuardInput } from '@/lib/guard/outreach-guard';
import type { Activity, ActivityPayload, PipelineEntry, ReviewRequest } from '@/lib/model';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 10, 22, 12);
const prospectId = ulid();
const alice = ulid();
const bob = ulid();

function activity(payload: ActivityPayload, daysAgo: number, actorId = alice): Activity {
  return { id: ulid(), teamId: 't', version: 1, deletedAt: null, prospectId, actorId, at: now - daysAgo * DAY, requisitionId: null, ...payload };
}

function input(patch: Partial<GuardInput>): GuardInput {
  return { prospect: { doNotContact: null }, activities: [], openReviews: [], pipeline: [], now, windowDays: 90, ...patch };
}

describe('outreachWarnings', () => {
  it('says nothing about someone the team never touched', () => {
    expect(outreachWarnings(input({ activities: [activity({ kind: 'viewed', data: {} }, 1)] }))).toEqual([]);
  });

  it('reports the latest outreach within the window and how many there were', () => {
    const warnings = outreachWarnings(
      input({
        activities: [
          activity({ kind: 'outreach', data: { channel: 'email' } }, 40, bob),
          activity({ kind: 'outreach', data: { channel: 'inmail' } }, 3, alice),
          activity({ kind: 'outreach', data: { channel: 'call' } }, 120, bob),
        ],
      }),
    );
    expect(warnings).toEqual([{ kind: 'recent_outreach', by: alice, at: now - 3 * DAY, channel: 'inmail', count: 2 }]);
  });

  it('honours the window setting, inclusive at its edge', () => {
    const activities = [activity({ kind: 'outreach', data: { channel: 'email' } }, 30)];
    expect(outreachWarnings(input({ activities, windowDays: 29 }))).toEqual([]);
    expect(outreachWarnings(input({ activities, windowDays: 30 }))).toHaveLength(1);
  });

  it('ignores erased activities', () => {
    const gone = { ...activity({ kind: 'outreach', data: { channel: 'email' } }, 1), deletedAt: now };
    expect(outreachWarnings(input({ activities: [gone] }))).toEqual([]);
  });

  it('puts do-not-contact first, then rejection, not interested, process and open review', () => {
    const requisitionId = ulid();
    const pipeline: PipelineEntry[] = [
      { id: ulid(), teamId: 't', version: 1, deletedAt: null, prospectId, requisitionId, stage: 'Onsite', status: 'active', reason: null, declinedOffer: null, updatedAt: now },
      { id: ulid(), teamId: 't', version: 1, deletedAt: null, prospectId, requisitionId: ulid(), stage: 'Offer', status: 'withdrew', reason: null, declinedOffer: null, updatedAt: now },
    ];
    const review: ReviewRequest = {
      id: ulid(), teamId: 't', version: 1, deletedAt: null, requisitionId, requesterId: alice, reviewerId: bob,
      prospectIds: [prospectId], message: '', createdAt: now - DAY, dueAt: now + DAY, status: 'open', reassignedFrom: null, history: [],
    };
    const warnings = outreachWarnings(
      input({
        prospect: { doNotContact: { reason: 'Asked us to stop', by: bob, at: now - 5 * DAY } },
        activities: [
          activity({ kind: 'outreach', data: { channel: 'email' } }, 10),
          activity({ kind: 'reply', data: { interest: 'not_interested' } }, 9),
          activity({ kind: 'review_decision', data: { requestId: review.id, decisionId: ulid(), verdict: 'reject', met: [], missing: ['Go'], note: 'Too junior' } }, 2, bob),
        ],
        openReviews: [review],
        pipeline,
      }),
    );
    // The withdrawal (today, within the window) is said too, after "not interested".
    expect(warnings.map((w) => w.kind)).toEqual(['do_not_contact', 'rejected', 'not_interested', 'withdrew', 'in_process', 'open_review', 'recent_outreach']);
    expect(warnings[1]).toMatchObject({ by: bob, missing: ['Go'], note: 'Too junior' });
    expect(warnings[4]).toMatchObject({ stage: 'Onsite', requisitionId, requisitionTitle: null });
  });

  it('does not call an approval a rejection', () => {
    const approve = activity({ kind: 'review_decision', data: { requestId: ulid(), decisionId: ulid(), verdict: 'approve', met: ['Go'], missing: [], note: '' } }, 1);
    expect(outreachWarnings(input({ activities: [approve] }))).toEqual([]);
  });
});

describe('the pipeline in the guard', () => {
  const requisitionId = ulid();
  const entry = (patch: Partial<PipelineEntry>): PipelineEntry => ({
    id: ulid(), teamId: 't', version: 1, deletedAt: null, prospectId, requisitionId, stage: 'Onsite', status: 'active', reason: null, declinedOffer: null, updatedAt: now - DAY, ...patch,
  });
  const requisitions = (status: 'open' | 'on_hold' | 'closed' = 'open', deletedAt: number | null = null) => new Map([[requisitionId, { title: 'Staff Platform Engineer', status, deletedAt }]]);

  it('names the requisition and the stage of an active process', () => {
    expect(outreachWarnings(input({ pipeline: [entry({})], requisitions: requisitions() }))).toEqual([{ kind: 'in_process', stage: 'Onsite', requisitionId, requisitionTitle: 'Staff Platform Engineer' }]);
  });

  it('says nothing of a process in a closed or deleted requisition', () => {
    expect(outreachWarnings(input({ pipeline: [entry({})], requisitions: requisitions('closed') }))).toEqual([]);
    expect(outreachWarnings(input({ pipeline: [entry({})], requisitions: requisitions('open', now) }))).toEqual([]);
    expect(outreachWarnings(input({ pipeline: [entry({ deletedAt: now })], requisitions: requisitions() }))).toEqual([]);
  });

  it('says a hire however long ago, and a rejection by us or a withdrawal only within the window', () => {
    const old = now - 200 * DAY;
    const hired = entry({ status: 'hired', updatedAt: old });
    expect(outreachWarnings(input({ pipeline: [hired], requisitions: requisitions('closed') }))).toEqual([{ kind: 'hired', requisitionId, requisitionTitle: 'Staff Platform Engineer', at: old }]);
    expect(outreachWarnings(input({ pipeline: [entry({ status: 'rejected', reason: 'Not enough Go', updatedAt: old })], requisitions: requisitions() }))).toEqual([]);
    expect(outreachWarnings(input({ pipeline: [entry({ status: 'rejected', reason: 'Not enough Go' })], requisitions: requisitions() }))).toEqual([
      { kind: 'rejected_by_us', requisitionId, requisitionTitle: 'Staff Platform Engineer', at: now - DAY, reason: 'Not enough Go' },
    ]);
    expect(outreachWarnings(input({ pipeline: [entry({ status: 'withdrew', declinedOffer: 'compensation', reason: null })], requisitions: requisitions() }))).toEqual([
      { kind: 'withdrew', requisitionId, requisitionTitle: 'Staff Platform Engineer', at: now - DAY, reason: null, declinedOffer: 'compensation' },
    ]);
  });

  it('puts a hire right after do-not-contact', () => {
    const warnings = outreachWarnings(input({ prospect: { doNotContact: { reason: 'Asked us to stop', by: bob, at: now } }, pipeline: [entry({ status: 'hired' }), entry({ requisitionId: ulid(), status: 'rejected', reason: 'No' })] }));
    expect(warnings.map((w) => w.kind)).toEqual(['do_not_contact', 'hired', 'rejected_by_us']);
  });
});

describe('open reviews in the guard', () => {
  const review = (patch: Partial<ReviewRequest>): ReviewRequest => ({
    id: ulid(), teamId: 't', version: 1, deletedAt: null, requisitionId: ulid(), requesterId: alice, reviewerId: bob,
    prospectIds: [prospectId], message: '', createdAt: now - DAY, dueAt: now + DAY, status: 'open', reassignedFrom: null, history: [], ...patch,
  });

  it('names each reviewer once, with the soonest due, however many open requests hold the person', () => {
    const hana = ulid();
    const warnings = outreachWarnings(
      input({ openReviews: [review({ reviewerId: hana, dueAt: now + 2 * DAY }), review({ reviewerId: hana, dueAt: now + DAY }), review({ reviewerId: bob })] }),
    );
    expect(warnings.map((w) => (w.kind === 'open_review' ? [w.reviewerId, w.dueAt] : w.kind))).toEqual([
      [hana, now + DAY],
      [bob, now + DAY],
    ]);
  });

  it('does not warn the reviewer about the review waiting for them', () => {
    expect(outreachWarnings(input({ openReviews: [review({ reviewerId: bob })], viewerId: bob }))).toEqual([]);
    expect(outreachWarnings(input({ openReviews: [review({ reviewerId: bob })], viewerId: alice }))).toHaveLength(1);
  });
});
