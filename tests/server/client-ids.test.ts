import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { Activity, FollowUp, Note, Prospect, PullResponse, ReviewDecision, ReviewRequest } from '@/lib/model';
import { DATABASE_KINDS } from './support/databases';
import { writeLegacyRow } from './support/legacy-rows';
import { as, docsOf, identity, teamWith } from './support/server';
import { serverFor } from './support/suite';

const ALREADY_USED = /already (used|taken)/;

/**
 * Ids are made on the device, so a member can name any id they have seen. A mutation that
 * creates a row under a client-given id must never overwrite (or delete) someone else's row.
 */
describe.each(DATABASE_KINDS)('client-given ids on %s', (kind) => {
  const server = serverFor(kind);

  /** A team with a requisition, two people, an InMail by the recruiter and a do-not-contact by the admin. */
  async function team() {
    const { team, members } = await teamWith(server.db, ['admin', 'recruiter', 'sourcer', 'hiring_manager']);
    const [admin, recruiter, sourcer, hm] = members.map((m) => ({ ...m, api: as(server.app, m) }));
    const people = [ulid(), ulid()];
    const requisitionId = ulid();
    const inMail = ulid();
    const dnc = ulid();
    const setUp = await recruiter!.api.push([
      ...people.map((id, i) => ({ name: 'prospect.upsert', args: { id, identity: identity(`person-${i}`, `Person ${i}`), at: 1 } })),
      { name: 'requisition.save', args: { id: requisitionId, title: 'Data Engineer', hiringManagerId: hm!.member.id, recruiterIds: [recruiter!.member.id], stages: ['Sourced'], at: 1 } },
      { name: 'activity.log', args: { id: inMail, prospectId: people[0], kind: 'outreach', data: { channel: 'inmail' }, at: 2 } },
    ]);
    expect(setUp.rejected).toEqual([]);
    expect((await admin!.api.push([{ name: 'prospect.setDoNotContact', args: { prospectId: people[1], reason: 'Asked us to stop', activityId: dnc, at: 3 } }])).rejected).toEqual([]);
    return { teamId: team.id, admin: admin!, recruiter: recruiter!, sourcer: sourcer!, hm: hm!, people, requisitionId, inMail, dnc };
  }

  const activity = (rows: PullResponse['rows'], id: string) => docsOf<Activity>(rows, 'activity').find((a) => a.id === id);

  it("refuses a review request that names a teammate's activity, and keeps the activity", async () => {
    const { sourcer, hm, recruiter, people, requisitionId, inMail } = await team();
    const res = await sourcer.api.push([
      { name: 'review.request', args: { id: ulid(), requisitionId, reviewerId: hm.member.id, prospectIds: [people[1]], activityIds: [inMail], at: 5 } },
    ]);
    expect(res.rejected.map((r) => r.reason)).toEqual([expect.stringMatching(ALREADY_USED)]);
    const rows = await recruiter.api.pullAll();
    expect(activity(rows, inMail)).toMatchObject({ kind: 'outreach', actorId: recruiter.member.id, prospectId: people[0], deletedAt: null });
    expect(docsOf<ReviewRequest>(rows, 'review_request')).toEqual([]);
  });

  it("refuses a decision that names a teammate's activity, and keeps the do-not-contact entry", async () => {
    const { hm, recruiter, admin, people, requisitionId, dnc } = await team();
    const requestId = ulid();
    await recruiter.api.push([{ name: 'review.request', args: { id: requestId, requisitionId, reviewerId: hm.member.id, prospectIds: [people[0]], activityIds: [ulid()], at: 5 } }]);
    const res = await hm.api.push([{ name: 'review.decide', args: { id: ulid(), requestId, prospectId: people[0], verdict: 'reject', activityId: dnc, at: 6 } }]);
    expect(res.rejected.map((r) => r.reason)).toEqual([expect.stringMatching(ALREADY_USED)]);
    const rows = await admin.api.pullAll();
    expect(activity(rows, dnc)).toMatchObject({ kind: 'dnc_set', actorId: admin.member.id, deletedAt: null });
    expect(docsOf<ReviewDecision>(rows, 'review_decision')).toEqual([]);
  });

  it("undoing a decision stored before this rule never deletes a teammate's activity", async () => {
    const { teamId, hm, recruiter, admin, people, requisitionId, dnc } = await team();
    const requestId = ulid();
    await recruiter.api.push([{ name: 'review.request', args: { id: requestId, requisitionId, reviewerId: hm.member.id, prospectIds: [people[1]], activityIds: [ulid()], at: 5 } }]);
    // The attack as it was stored: the hiring manager's decision points at the admin's entry.
    const decisionId = ulid();
    await writeLegacyRow(server.db, teamId, 'reviewDecisions', { id: decisionId, deletedAt: null, requestId, prospectId: people[1]!, reviewerId: hm.member.id, verdict: 'reject', met: [], missing: [], note: '', decidedAt: 6, activityId: dnc });
    const res = await hm.api.push([{ name: 'review.undo', args: { decisionId, at: 7 } }]);
    expect(res.rejected).toEqual([]);
    const rows = await admin.api.pullAll();
    expect(docsOf<ReviewDecision>(rows, 'review_decision').find((d) => d.id === decisionId)?.deletedAt).toBe(7);
    expect(activity(rows, dnc)).toMatchObject({ kind: 'dnc_set', actorId: admin.member.id, deletedAt: null });
  });

  it('still takes back the feed entry of the decision itself', async () => {
    const { hm, recruiter, people, requisitionId } = await team();
    const requestId = ulid();
    const decisionId = ulid();
    const activityId = ulid();
    await recruiter.api.push([{ name: 'review.request', args: { id: requestId, requisitionId, reviewerId: hm.member.id, prospectIds: [people[0]], activityIds: [ulid()], at: 5 } }]);
    await hm.api.push([{ name: 'review.decide', args: { id: decisionId, requestId, prospectId: people[0], verdict: 'approve', activityId, at: 6 } }]);
    expect((await hm.api.push([{ name: 'review.undo', args: { decisionId, at: 7 } }])).rejected).toEqual([]);
    expect(activity(await recruiter.api.pullAll(), activityId)).toMatchObject({ kind: 'review_decision', deletedAt: 7 });
  });

  /** Each mutation that creates a row under a client-given id, naming a row that exists. */
  type Reuse = { by: 'sourcer' | 'hm' | 'recruiter' | 'admin'; name: string; args: object; unchanged: (rows: PullResponse['rows']) => void };
  const reuses: [string, (t: Awaited<ReturnType<typeof team>>) => Reuse | Promise<Reuse>][] = [
    [
      'activity.log with a logged activity id',
      ({ people, inMail, recruiter }) => ({
        by: 'sourcer',
        name: 'activity.log',
        args: { id: inMail, prospectId: people[1], kind: 'reply', data: { interest: 'interested' }, at: 9 },
        unchanged: (rows) => expect(activity(rows, inMail)).toMatchObject({ kind: 'outreach', actorId: recruiter.member.id, prospectId: people[0] }),
      }),
    ],
    [
      'prospect.setDoNotContact with a logged activity id',
      ({ people, inMail }) => ({
        by: 'admin',
        name: 'prospect.setDoNotContact',
        args: { prospectId: people[0], reason: 'Moved abroad', activityId: inMail, at: 9 },
        unchanged: (rows) => {
          expect(activity(rows, inMail)).toMatchObject({ kind: 'outreach' });
          expect(docsOf<Prospect>(rows, 'prospect').find((p) => p.id === people[0])?.doNotContact).toBeNull();
        },
      }),
    ],
    [
      "note.add with a teammate's note id",
      async ({ recruiter, people }) => {
        const id = ulid();
        await recruiter.api.push([{ name: 'note.add', args: { id, prospectId: people[0], body: 'Strong on Postgres', at: 8 } }]);
        return { by: 'sourcer', name: 'note.add', args: { id, prospectId: people[1], body: 'Overwritten', at: 9 }, unchanged: (rows) => expect(docsOf<Note>(rows, 'note').find((n) => n.id === id)).toMatchObject({ body: 'Strong on Postgres', prospectId: people[0] }) };
      },
    ],
    [
      "followup.set with a teammate's follow-up id",
      async ({ recruiter, people }) => {
        const id = ulid();
        await recruiter.api.push([{ name: 'followup.set', args: { id, prospectId: people[0], dueAt: 100, note: 'After the offsite', at: 8 } }]);
        return { by: 'sourcer', name: 'followup.set', args: { id, prospectId: people[1], dueAt: 200, at: 9 }, unchanged: (rows) => expect(docsOf<FollowUp>(rows, 'followup').find((f) => f.id === id)).toMatchObject({ note: 'After the offsite', dueAt: 100 }) };
      },
    ],
    [
      'review.request with an existing request id',
      async ({ recruiter, hm, people, requisitionId }) => {
        const id = ulid();
        await recruiter.api.push([{ name: 'review.request', args: { id, requisitionId, reviewerId: hm.member.id, prospectIds: [people[0]], activityIds: [ulid()], at: 8 } }]);
        return {
          by: 'sourcer',
          name: 'review.request',
          args: { id, requisitionId, reviewerId: hm.member.id, prospectIds: [people[1]], activityIds: [ulid()], at: 9 },
          unchanged: (rows) => expect(docsOf<ReviewRequest>(rows, 'review_request').find((r) => r.id === id)).toMatchObject({ requesterId: recruiter.member.id, prospectIds: [people[0]] }),
        };
      },
    ],
    [
      'review.decide with an existing decision id',
      async ({ recruiter, hm, people, requisitionId }) => {
        const requestId = ulid();
        const id = ulid();
        await recruiter.api.push([{ name: 'review.request', args: { id: requestId, requisitionId, reviewerId: hm.member.id, prospectIds: people, activityIds: [ulid(), ulid()], at: 8 } }]);
        await hm.api.push([{ name: 'review.decide', args: { id, requestId, prospectId: people[0], verdict: 'approve', activityId: ulid(), at: 9 } }]);
        return {
          by: 'hm',
          name: 'review.decide',
          args: { id, requestId, prospectId: people[1], verdict: 'reject', activityId: ulid(), at: 10 },
          unchanged: (rows) => expect(docsOf<ReviewDecision>(rows, 'review_decision').map((d) => [d.id, d.prospectId, d.verdict])).toEqual([[id, people[0], 'approve']]),
        };
      },
    ],
    [
      "review.reassign with an existing request id as the new request's",
      async ({ recruiter, hm, admin, people, requisitionId }) => {
        const first = ulid();
        const second = ulid();
        await recruiter.api.push([
          { name: 'review.request', args: { id: first, requisitionId, reviewerId: hm.member.id, prospectIds: [people[0]], activityIds: [ulid()], at: 8 } },
          { name: 'review.request', args: { id: second, requisitionId, reviewerId: hm.member.id, prospectIds: [people[1]], activityIds: [ulid()], at: 8 } },
        ]);
        return {
          by: 'recruiter',
          name: 'review.reassign',
          args: { requestId: first, newRequestId: second, reviewerId: admin.member.id, at: 9 },
          unchanged: (rows) => {
            const requests = docsOf<ReviewRequest>(rows, 'review_request');
            expect(requests.find((r) => r.id === second)).toMatchObject({ reviewerId: hm.member.id, prospectIds: [people[1]], status: 'open' });
            expect(requests.find((r) => r.id === first)).toMatchObject({ status: 'open', history: [] });
          },
        };
      },
    ],
    [
      "review.request whose activity ids repeat within the batch",
      ({ hm, people, requisitionId }) => {
        const activityId = ulid();
        return {
          by: 'sourcer',
          name: 'review.request',
          args: { id: ulid(), requisitionId, reviewerId: hm.member.id, prospectIds: people, activityIds: [activityId, activityId], at: 9 },
          unchanged: (rows) => expect(activity(rows, activityId)).toBeUndefined(),
        };
      },
    ],
  ];

  it.each(reuses)('refuses %s with a reason', async (_, setUp) => {
    const t = await team();
    const { by, name, args, unchanged } = await setUp(t);
    const res = await t[by].api.push([{ name, args }]);
    expect(res.rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/already (used|taken)|repeat/)]);
    unchanged(await t.recruiter.api.pullAll());
  });

  it('skips a retried push instead of refusing the ids it wrote', async () => {
    const { sourcer, people } = await team();
    const batch = [{ id: 7, name: 'activity.log', args: { id: ulid(), prospectId: people[0], kind: 'outreach', data: { channel: 'email' }, at: 9 } }];
    expect(await sourcer.api.push(batch)).toEqual({ lastMutationId: 7, rejected: [] });
    expect(await sourcer.api.push(batch)).toEqual({ lastMutationId: 7, rejected: [] });
  });
});
