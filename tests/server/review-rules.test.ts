import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { Activity, FollowUp, Requisition, ReviewDecision, ReviewRequest } from '@/lib/model';
import { DATABASE_KINDS } from './support/databases';
import { writeLegacyRow } from './support/legacy-rows';
import { as, docsOf, identity, teamWith } from './support/server';
import { serverFor } from './support/suite';

const HOUR = 3_600_000;

describe.each(DATABASE_KINDS)('the review loop on %s', (kind) => {
  const server = serverFor(kind);

  /** A team (recruiter, hiring manager, second hiring manager, sourcer, admin), a requisition and three people. */
  async function calibration() {
    const { team, members } = await teamWith(server.db, ['recruiter', 'hiring_manager', 'hiring_manager', 'sourcer', 'admin']);
    const [recruiter, hm, hm2, sourcer, admin] = members.map((m) => ({ ...m, api: as(server.app, m) }));
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
    return { teamId: team.id, recruiter: recruiter!, hm: hm!, hm2: hm2!, sourcer: sourcer!, admin: admin!, requisitionId, requestId, people };
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

  describe('one open review per person, reviewer and requisition', () => {
    const send = (requisitionId: string, reviewerId: string, prospectIds: string[], at = 2000) => ({
      name: 'review.request',
      args: { id: ulid(), requisitionId, reviewerId, prospectIds, activityIds: prospectIds.map(() => ulid()), at },
    });

    it('refuses sending a person again to the reviewer who has them open for the same requisition, naming both', async () => {
      const { recruiter, sourcer, hm, requisitionId, people } = await calibration();
      const hmName = hm.member.name;
      const again = await sourcer.api.push([send(requisitionId, hm.member.id, [people[1]!])]);
      expect(again.rejected.map((r) => r.reason)).toEqual([`Person 1 is already in review with ${hmName} for this requisition`]);
      expect(docsOf<ReviewRequest>(await recruiter.api.pullAll(), 'review_request')).toHaveLength(1);
    });

    it('refuses the second of two such requests in one push, and allows another reviewer', async () => {
      const { recruiter, hm, hm2, requisitionId } = await calibration();
      const person = ulid();
      await recruiter.api.push([{ name: 'prospect.upsert', args: { id: person, identity: identity('person-new', 'Person New'), at: 1 } }]);
      const res = await recruiter.api.push([send(requisitionId, hm.member.id, [person]), send(requisitionId, hm.member.id, [person]), send(requisitionId, hm2.member.id, [person])]);
      expect(res.rejected.map((r) => r.reason)).toEqual([`Person New is already in review with ${hm.member.name} for this requisition`]);
      const open = docsOf<ReviewRequest>(await recruiter.api.pullAll(), 'review_request').filter((r) => r.prospectIds.includes(person));
      expect(open.map((r) => r.reviewerId).sort()).toEqual([hm.member.id, hm2.member.id].sort());
    });

    it('allows sending again once the earlier review is withdrawn', async () => {
      const { recruiter, hm, requisitionId, requestId, people } = await calibration();
      expect((await recruiter.api.push([{ name: 'review.cancel', args: { requestId, at: 1500 } }])).rejected).toEqual([]);
      expect((await recruiter.api.push([send(requisitionId, hm.member.id, [people[0]!])])).rejected).toEqual([]);
    });

    it('leaves out of a reassigned review the people already waiting for the new reviewer, and refuses when that is everyone', async () => {
      const { recruiter, hm, hm2, requisitionId, requestId, people } = await calibration();
      const withHm2 = send(requisitionId, hm2.member.id, [people[0]!]);
      expect((await recruiter.api.push([withHm2])).rejected).toEqual([]);
      const newRequestId = ulid();
      expect((await recruiter.api.push([{ name: 'review.reassign', args: { requestId, newRequestId, reviewerId: hm2.member.id, at: 3000 } }])).rejected).toEqual([]);
      const requests = docsOf<ReviewRequest>(await recruiter.api.pullAll(), 'review_request');
      expect(requests.find((r) => r.id === newRequestId)?.prospectIds).toEqual([people[1], people[2]]);
      // The first request is closed now, so the first reviewer may have the person again; then
      // handing the second reviewer's request to them would leave nobody to move.
      expect((await recruiter.api.push([send(requisitionId, hm.member.id, [people[0]!])])).rejected).toEqual([]);
      const res = await recruiter.api.push([{ name: 'review.reassign', args: { requestId: withHm2.args.id, newRequestId: ulid(), reviewerId: hm.member.id, at: 4000 } }]);
      expect(res.rejected.map((r) => r.reason)).toEqual([`everyone waiting in it is already in review with ${hm.member.name} for this requisition`]);
    });
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

  describe('self-review and role creep', () => {
    it('never addresses a review to the member who asks for it', async () => {
      const { sourcer, recruiter, requisitionId, people } = await calibration();
      const res = await sourcer.api.push([{ name: 'review.request', args: { id: ulid(), requisitionId, reviewerId: sourcer.member.id, prospectIds: [people[0]], activityIds: [ulid()], at: 1 } }]);
      expect(res.rejected.map((r) => r.reason)).toEqual(['a review goes to someone other than the member who asks for it']);
      expect(docsOf<ReviewRequest>(await recruiter.api.pullAll(), 'review_request')).toHaveLength(1);
    });

    it('never hands a request back to its requester, whoever reassigns it', async () => {
      const { recruiter, admin, requestId } = await calibration();
      for (const by of [recruiter, admin]) {
        const res = await by.api.push([{ name: 'review.reassign', args: { requestId, newRequestId: ulid(), reviewerId: recruiter.member.id, at: 5000 } }]);
        expect(res.rejected.map((r) => r.reason)).toEqual(['a review goes to someone other than the member who asks for it']);
      }
      expect(docsOf<ReviewRequest>(await recruiter.api.pullAll(), 'review_request').map((r) => r.status)).toEqual(['open']);
    });

    it('refuses a decision on a request its requester addressed to themself before the rule', async () => {
      const { teamId, sourcer, recruiter, requisitionId, people } = await calibration();
      const requestId = ulid();
      await writeLegacyRow(server.db, teamId, 'reviewRequests', { id: requestId, deletedAt: null, requisitionId, requesterId: sourcer.member.id, reviewerId: sourcer.member.id, prospectIds: [people[0]!], message: '', createdAt: 1, dueAt: 2, status: 'open', reassignedFrom: null, history: [] });
      const res = await sourcer.api.push([decide(requestId, people[0]!, 'reject')]);
      expect(res.rejected.map((r) => r.reason)).toEqual(['nobody decides on a review they asked for']);
      expect(docsOf<ReviewDecision>(await recruiter.api.pullAll(), 'review_decision')).toEqual([]);
    });

    it("keeps a requisition's hiring manager off its recruiters and out of who works on it", async () => {
      const { hm, hm2, recruiter, requisitionId } = await calibration();
      const requisition = docsOf<Requisition>(await recruiter.api.pullAll(), 'requisition')[0]!;
      const save = (patch: Partial<Requisition>) => ({ name: 'requisition.save', args: { ...requisition, ...patch, at: 2 } });
      const byHm = await hm.api.push([save({ recruiterIds: [recruiter.member.id, hm.member.id] }), save({ hiringManagerId: hm2.member.id })]);
      expect(byHm.rejected.map((r) => r.reason)).toEqual([
        'a hiring manager edits the intake; recruiters and admins choose who works on the role',
        'a hiring manager edits the intake; recruiters and admins choose who works on the role',
      ]);
      // Editing the intake itself stays the hiring manager's to do.
      expect((await hm.api.push([save({ mustHaves: ['Go', 'Postgres', 'On-call'] })])).rejected).toEqual([]);
      const saved = docsOf<Requisition>(await recruiter.api.pullAll(), 'requisition').find((r) => r.id === requisitionId);
      expect(saved).toMatchObject({ hiringManagerId: hm.member.id, recruiterIds: [recruiter.member.id], mustHaves: ['Go', 'Postgres', 'On-call'] });
    });

    it('names only recruiters and admins as recruiters, and hiring managers or admins as the hiring manager', async () => {
      const { hm, sourcer, admin, recruiter } = await calibration();
      const open = (hiringManagerId: string, recruiterIds: string[]) => ({ name: 'requisition.save', args: { id: ulid(), title: 'Analyst', hiringManagerId, recruiterIds, stages: ['Sourced'], at: 3 } });
      const res = await recruiter.api.push([
        open(hm.member.id, [sourcer.member.id]),
        open(hm.member.id, [hm.member.id]),
        open(sourcer.member.id, [recruiter.member.id]),
        open(recruiter.member.id, [recruiter.member.id]),
        open(admin.member.id, [recruiter.member.id, admin.member.id]),
        open(hm.member.id, [recruiter.member.id]),
      ]);
      expect(res.rejected.map((r) => [r.mutationId - res.rejected[0]!.mutationId, r.reason])).toEqual([
        [0, 'recruiters on a requisition are members with the role recruiter or admin'],
        [1, 'recruiters on a requisition are members with the role recruiter or admin'],
        [2, 'the hiring manager is a member with the role hiring manager or admin'],
        [3, 'the hiring manager is a member with the role hiring manager or admin'],
      ]);
    });

    it('gives no nudge rights to a hiring manager listed among the recruiters before the rule', async () => {
      const { teamId, hm2, recruiter, requisitionId, requestId } = await calibration();
      const requisition = docsOf<Requisition>(await recruiter.api.pullAll(), 'requisition').find((r) => r.id === requisitionId)!;
      const { teamId: _team, version: _version, ...draft } = requisition;
      await writeLegacyRow(server.db, teamId, 'requisitions', { ...draft, recruiterIds: [recruiter.member.id, hm2.member.id] });
      const res = await hm2.api.push([{ name: 'review.nudge', args: { requestId, at: 9000 } }]);
      expect(res.rejected.map((r) => r.reason)).toEqual(['only the requester, the role’s recruiters and admins can nudge']);
    });
  });
});
