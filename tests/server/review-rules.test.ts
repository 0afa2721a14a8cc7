import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/server/db/database';
import type { Activity, FollowUp, ReviewDecision, ReviewRequest } from '@/lib/model';
import { DATABASE_KINDS, freshDatabase } from './support/databases';
import { type App, appFor, as, docsOf, identity, teamWith } from './support/server';

const HOUR = 3_600_000;

describe.each(DATABASE_KINDS)('the review loop on %s', (kind) => {
  let db: Database;
  let app: App;
  beforeAll(async () => {
    db = await freshDatabase(kind);
    app = appFor(db);
  });
  afterAll(() => db.close());

  /** A team (recruiter, hiring manager, second hiring manager, sourcer, admin), a requisition and three people. */
  async function calibration() {
    const { members } = await teamWith(db, ['recruiter', 'hiring_manager', 'hiring_manager', 'sourcer', 'admin']);
    const [recruiter, hm, hm2, sourcer, admin] = members.map((m) => ({ ...m, api: as(app, m) }));
    const requisitionId = ulid();
    const people = [ulid(), ulid(), ulid()];
    await recruiter!.api.push([
      {
        name: 'requisition.save',
        args: { id: requisitionId, title: 'Staff Platform Engineer', hiringManagerId: hm!.member.id, recruiterIds: [recruiter!.member.id], mustHaves: ['Go', 'Postgres'], niceToHaves: ['Kubernetes'], feedbackSlaHours: 48, stages: ['Sourced', 'Screen'], at: 1 },
      },
      ...people.map((id, i) => ({ name: 'prospect.upsert', args: { id, identity: identity(`person-${i}`, `Person ${i}`), at: 1 } })),
    ]);
    const requestId = ulid();
    const sent = await recruiter!.api.push([
      { name: 'review.request', args: { id: requestId, requisitionId, reviewerId: hm!.member.id, prospectIds: people, activityIds: people.map(() => ulid()), message: 'Calibration batch', at: 1000 } },
    ]);
    expect(sent.rejected).toEqual([]);
    return { recruiter: recruiter!, hm: hm!, hm2: hm2!, sourcer: sourcer!, admin: admin!, requisitionId, requestId, people };
  }

  const decide = (requestId: string, prospectId: string, verdict: 'approve' | 'reject', extra: object = {}) => ({
    name: 'review.decide',
    args: { id: ulid(), requestId, prospectId, verdict, met: verdict === 'approve' ? ['Go'] : [], missing: verdict === 'reject' ? ['Postgres'] : [], note: '', activityId: ulid(), at: 2000, ...extra },
  });

  it('sends a batch due after the deadline, with review_requested in each feed', async () => {
    const { recruiter, requestId, people } = await calibration();
    const rows = await recruiter.api.pullAll();
    const request = docsOf<ReviewRequest>(rows, 'review_request')[0]!;
    expect(request).toMatchObject({ id: requestId, status: 'open', prospectIds: people, createdAt: 1000, dueAt: 1000 + 48 * HOUR });
    expect(docsOf<Activity>(rows, 'activity').filter((a) => a.kind === 'review_requested').map((a) => a.prospectId).sort()).toEqual([...people].sort());
  });

  it('lets only the addressed reviewer decide, completes the request, and shares the decision', async () => {
    const { hm, hm2, recruiter, requestId, people } = await calibration();
    const wrong = await hm2.api.push([decide(requestId, people[0]!, 'approve')]);
    expect(wrong.rejected.map((r) => r.reason)).toEqual(['only the reviewer it was sent to can decide']);
    const res = await hm.api.push([decide(requestId, people[0]!, 'approve'), decide(requestId, people[1]!, 'approve'), decide(requestId, people[2]!, 'reject', { note: 'Too junior' })]);
    expect(res.rejected).toEqual([]);
    const rows = await recruiter.api.pullAll();
    expect(docsOf<ReviewRequest>(rows, 'review_request')[0]!.status).toBe('completed');
    const decisions = docsOf<Activity>(rows, 'activity').filter((a) => a.kind === 'review_decision');
    expect(decisions.map((a) => (a.kind === 'review_decision' ? a.data.verdict : '')).sort()).toEqual(['approve', 'approve', 'reject']);
    expect(decisions.find((a) => a.kind === 'review_decision' && a.data.verdict === 'reject')).toMatchObject({ prospectId: people[2], data: { missing: ['Postgres'], note: 'Too junior' } });
  });

  it('refuses a second decision on the same person until the first is undone', async () => {
    const { hm, requestId, people } = await calibration();
    await hm.api.push([decide(requestId, people[0]!, 'approve')]);
    const again = await hm.api.push([decide(requestId, people[0]!, 'reject')]);
    expect(again.rejected.map((r) => r.reason)).toEqual(['already decided; undo the decision first']);
    const decision = docsOf<ReviewDecision>(await hm.api.pullAll(), 'review_decision').find((d) => d.deletedAt === null)!;
    const undone = await hm.api.push([{ name: 'review.undo', args: { decisionId: decision.id, at: 3000 } }, decide(requestId, people[0]!, 'reject')]);
    expect(undone.rejected).toEqual([]);
    const rows = await hm.api.pullAll();
    expect(docsOf<ReviewDecision>(rows, 'review_decision').filter((d) => d.deletedAt === null).map((d) => d.verdict)).toEqual(['reject']);
    expect(docsOf<Activity>(rows, 'activity').find((a) => a.id === decision.activityId)?.deletedAt).toBe(3000);
  });

  it('reassigns only by the requester or an admin, keeps decisions, and refuses decisions on the old request', async () => {
    const { hm, hm2, sourcer, admin, recruiter, requestId, people } = await calibration();
    await hm.api.push([decide(requestId, people[0]!, 'approve')]);
    const newRequestId = ulid();
    const bySourcer = await sourcer.api.push([{ name: 'review.reassign', args: { requestId, newRequestId: ulid(), reviewerId: hm2.member.id, at: 5000 } }]);
    expect(bySourcer.rejected.map((r) => r.reason)).toEqual(['only the requester or an admin can reassign a review']);
    const byAdmin = await admin.api.push([{ name: 'review.reassign', args: { requestId, newRequestId, reviewerId: hm2.member.id, at: 5000 } }]);
    expect(byAdmin.rejected).toEqual([]);
    const late = await hm.api.push([decide(requestId, people[1]!, 'approve')]);
    expect(late.rejected.map((r) => r.reason)).toEqual(['this review was reassigned to another reviewer']);
    const rows = await recruiter.api.pullAll();
    const requests = docsOf<ReviewRequest>(rows, 'review_request');
    expect(requests.find((r) => r.id === requestId)).toMatchObject({ status: 'reassigned', history: [{ kind: 'reassigned', by: admin.member.id, to: hm2.member.id, requestId: newRequestId }] });
    expect(requests.find((r) => r.id === newRequestId)).toMatchObject({ reviewerId: hm2.member.id, prospectIds: [people[1], people[2]], reassignedFrom: requestId, dueAt: 5000 + 48 * HOUR });
    expect((await hm2.api.push([decide(newRequestId, people[1]!, 'approve')])).rejected).toEqual([]);
  });

  it('lets the requester nudge, not the hiring manager, and logs it', async () => {
    const { hm, recruiter, requestId } = await calibration();
    expect((await hm.api.push([{ name: 'review.nudge', args: { requestId, at: 9000 } }])).rejected.map((r) => r.reason)).toEqual(['only the requester, the role’s recruiters and admins can nudge']);
    expect((await recruiter.api.push([{ name: 'review.nudge', args: { requestId, at: 9000 } }])).rejected).toEqual([]);
    const request = docsOf<ReviewRequest>(await hm.api.pullAll(), 'review_request')[0]!;
    expect(request.history).toEqual([{ kind: 'nudged', by: recruiter.member.id, at: 9000, to: null, requestId: null }]);
  });

  it('refuses reviews on a closed requisition and from hiring managers', async () => {
    const { hm, recruiter, requisitionId, people } = await calibration();
    const byHm = await hm.api.push([{ name: 'review.request', args: { id: ulid(), requisitionId, reviewerId: hm.member.id, prospectIds: [people[0]], activityIds: [ulid()], at: 1 } }]);
    expect(byHm.rejected.map((r) => r.reason)).toEqual(['hiring managers review; they do not send reviews']);
    const rows = await recruiter.api.pullAll();
    const requisition = docsOf<{ id: string; stages: string[]; hiringManagerId: string; title: string }>(rows, 'requisition')[0]!;
    await recruiter.api.push([{ name: 'requisition.save', args: { ...requisition, status: 'closed', at: 2 } }]);
    const closed = await recruiter.api.push([{ name: 'review.request', args: { id: ulid(), requisitionId, reviewerId: hm.member.id, prospectIds: [people[0]], activityIds: [ulid()], at: 3 } }]);
    expect(closed.rejected.map((r) => r.reason)).toEqual(['the requisition is closed']);
  });

  it('keeps follow-ups to their owner', async () => {
    const { recruiter, sourcer, people } = await calibration();
    const id = ulid();
    await recruiter.api.push([{ name: 'followup.set', args: { id, prospectId: people[0], dueAt: 10_000, note: 'After their vesting cliff', at: 1 } }]);
    expect(docsOf<FollowUp>(await recruiter.api.pullAll(), 'followup').map((f) => f.note)).toEqual(['After their vesting cliff']);
    expect((await sourcer.api.pullAll()).some((r) => r.id === id)).toBe(false);
    expect((await sourcer.api.push([{ name: 'followup.done', args: { id, at: 2 } }])).rejected.map((r) => r.reason)).toEqual(['no such follow-up']);
  });
});
