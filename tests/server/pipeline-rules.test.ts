import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { type Activity, type Alias, type PipelineEntry, pipelineEntryId } from '@/lib/model';
import { DATABASE_KINDS } from './support/databases';
import { as, docsOf, identity, teamWith } from './support/server';
import { serverFor } from './support/suite';

describe.each(DATABASE_KINDS)('pipeline.move on %s', (kind) => {
  const server = serverFor(kind);

  async function team() {
    const { members } = await teamWith(server.db, ['recruiter', 'sourcer', 'hiring_manager']);
    const [recruiter, sourcer, hm] = members.map((m) => ({ ...m, api: as(server.app, m) }));
    const requisitionId = ulid();
    const saved = await recruiter!.api.push([
      { name: 'requisition.save', args: { id: requisitionId, title: 'Staff Platform Engineer', hiringManagerId: hm!.member.id, stages: ['Sourced', 'Screen', 'Onsite', 'Offer'], at: 1 } },
    ]);
    expect(saved.rejected).toEqual([]);
    return { recruiter: recruiter!, sourcer: sourcer!, hm: hm!, requisitionId };
  }

  const move = (prospectId: string, requisitionId: string, args: object) => ({ name: 'pipeline.move', args: { prospectId, requisitionId, activityId: ulid(), at: 10, ...args } });

  it('keeps one entry when two members add the same person, each under their own id made offline', async () => {
    const { recruiter, sourcer, requisitionId } = await team();
    const [mine, theirs] = [ulid(), ulid()];
    const first = await sourcer.api.push([{ name: 'prospect.upsert', args: { id: mine, identity: identity('ada-twice'), at: 2 } }, move(mine, requisitionId, { stage: 'Sourced', at: 3 })]);
    const second = await recruiter.api.push([{ name: 'prospect.upsert', args: { id: theirs, identity: identity('ada-twice'), at: 2 } }, move(theirs, requisitionId, { stage: 'Screen', at: 4 })]);
    expect([...first.rejected, ...second.rejected]).toEqual([]);
    const rows = await recruiter.api.pullAll();
    expect(docsOf<Alias>(rows, 'alias')).toMatchObject([{ id: theirs, prospectId: mine }]);
    expect(docsOf<PipelineEntry>(rows, 'pipeline_entry')).toMatchObject([{ id: pipelineEntryId(mine, requisitionId), prospectId: mine, stage: 'Screen', status: 'active' }]);
    // The second add is a move from where the first left them.
    const changes = docsOf<Activity>(rows, 'activity').filter((a) => a.kind === 'stage_changed');
    expect(changes.map((a) => a.kind === 'stage_changed' && { from: a.data.from, to: a.data.to, prospectId: a.prospectId })).toEqual([
      { from: null, to: 'Sourced', prospectId: mine },
      { from: 'Sourced', to: 'Screen', prospectId: mine },
    ]);
  });

  it('closes at the stage the server has, whatever the closing device last saw', async () => {
    const { recruiter, sourcer, requisitionId } = await team();
    const prospectId = ulid();
    await sourcer.api.push([{ name: 'prospect.upsert', args: { id: prospectId, identity: identity('grace-closing'), at: 2 } }, move(prospectId, requisitionId, { stage: 'Screen' })]);
    await sourcer.api.push([move(prospectId, requisitionId, { stage: 'Onsite', at: 11 })]);
    const closed = await recruiter.api.push([move(prospectId, requisitionId, { status: 'withdrew', declinedOffer: 'another_offer', reason: 'Went to a competitor', at: 12 })]);
    expect(closed.rejected).toEqual([]);
    const rows = await recruiter.api.pullAll();
    expect(docsOf<PipelineEntry>(rows, 'pipeline_entry')).toMatchObject([{ stage: 'Onsite', status: 'withdrew', declinedOffer: 'another_offer', reason: 'Went to a competitor', updatedAt: 12 }]);
    const last = docsOf<Activity>(rows, 'activity').filter((a) => a.kind === 'stage_changed').at(-1);
    expect(last).toMatchObject({ actorId: recruiter.member.id, requisitionId, data: { from: 'Onsite', fromStatus: 'active', to: 'Onsite', status: 'withdrew', declinedOffer: 'another_offer' } });
  });

  it('refuses hiring managers, unknown stages and closed requisitions, in words', async () => {
    const { recruiter, hm, requisitionId } = await team();
    const prospectId = ulid();
    await recruiter.api.push([{ name: 'prospect.upsert', args: { id: prospectId, identity: identity('alan-refused'), at: 2 } }]);
    const byHm = await hm.api.push([move(prospectId, requisitionId, { stage: 'Screen' })]);
    expect(byHm.rejected.map((r) => r.reason)).toEqual(['hiring managers see the pipeline; recruiters, sourcers and admins move people through it']);
    const unknown = await recruiter.api.push([move(prospectId, requisitionId, { stage: 'Lunch' })]);
    expect(unknown.rejected.map((r) => r.reason)).toEqual(['“Lunch” is not a stage of Staff Platform Engineer (its stages: Sourced, Screen, Onsite, Offer)']);
    await recruiter.api.push([{ name: 'requisition.save', args: { id: requisitionId, title: 'Staff Platform Engineer', hiringManagerId: hm.member.id, stages: ['Sourced', 'Screen', 'Onsite', 'Offer'], status: 'closed', at: 3 } }]);
    const closed = await recruiter.api.push([move(prospectId, requisitionId, { stage: 'Screen' })]);
    expect(closed.rejected.map((r) => r.reason)).toEqual(['Staff Platform Engineer is closed: reopen the requisition to move people in it']);
    expect(docsOf<PipelineEntry>(await recruiter.api.pullAll(), 'pipeline_entry')).toEqual([]);
  });
});
