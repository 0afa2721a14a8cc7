import { ulid } from 'ulidx';
import { afterEach, describe, expect, it } from 'vitest';
import { mutate } from '@/lib/db/mutate';
import type { z } from 'zod';
import { Activity, type PipelineMoveArgs, type Requisition, pipelineEntryId } from '@/lib/model';
import { MutationRefused, pipelineMove, prospectUpsert } from '@/lib/mutations';
import { arrived, freshDb, identity, member, wipe } from '../../support/db';

const db = freshDb();
afterEach(async () => {
  await wipe(db);
});

const STAGES = ['Sourced', 'Screen', 'Onsite', 'Offer'];

async function requisition(patch: Partial<Requisition> = {}): Promise<Requisition> {
  const row: Requisition = {
    id: ulid(), teamId: 'local', version: 1, deletedAt: null, title: 'Staff Platform Engineer', hiringManagerId: ulid(), recruiterIds: [],
    mustHaves: [], niceToHaves: [], feedbackSlaHours: 48, targetHires: 1, targetDate: null, stages: STAGES, status: 'open', createdAt: 1, ...patch,
  };
  await arrived(db, 'requisitions', row);
  return row;
}

async function setUp(patch: Partial<Requisition> = {}) {
  const ctx = member('recruiter');
  const { result: prospectId } = await mutate(db, prospectUpsert, { identity: identity() }, ctx);
  return { ctx, prospectId: prospectId!, req: await requisition(patch) };
}

const moves = async () => (await db.activities.toArray()).filter((a) => a.kind === 'stage_changed').sort((a, b) => a.at - b.at).map((a) => (a.kind === 'stage_changed' ? a.data : null));

describe('pipeline.move', () => {
  it('adds a person at a stage under the one id of that person and requisition, with a stage_changed activity', async () => {
    const { ctx, prospectId, req } = await setUp();
    const { result } = await mutate(db, pipelineMove, { prospectId, requisitionId: req.id, stage: 'Screen', at: 10 }, ctx);
    expect(result).toBe(pipelineEntryId(prospectId, req.id));
    expect(await db.pipeline.toArray()).toEqual([
      { id: result, teamId: 'local', version: 0, deletedAt: null, prospectId, requisitionId: req.id, stage: 'Screen', status: 'active', reason: null, declinedOffer: null, updatedAt: 10 },
    ]);
    const [activity] = await db.activities.where('prospectId').equals(prospectId).toArray();
    expect(activity).toMatchObject({ kind: 'stage_changed', actorId: ctx.me.memberId, requisitionId: req.id, at: 10, data: { from: null, fromStatus: null, to: 'Screen', status: 'active', reason: null, declinedOffer: null } });
  });

  it('moves forward, skips stages and moves back, recording where from each time', async () => {
    const { ctx, prospectId, req } = await setUp();
    for (const [i, stage] of ['Sourced', 'Onsite', 'Screen'].entries()) await mutate(db, pipelineMove, { prospectId, requisitionId: req.id, stage, at: 10 + i }, ctx);
    expect(await moves()).toMatchObject([
      { from: null, to: 'Sourced' },
      { from: 'Sourced', fromStatus: 'active', to: 'Onsite' },
      { from: 'Onsite', fromStatus: 'active', to: 'Screen' },
    ]);
    expect(await db.pipeline.count()).toBe(1);
  });

  it('writes nothing for a move to where they already are', async () => {
    const { ctx, prospectId, req } = await setUp();
    await mutate(db, pipelineMove, { prospectId, requisitionId: req.id, stage: 'Screen' }, ctx);
    const again = await mutate(db, pipelineMove, { prospectId, requisitionId: req.id, stage: 'Screen' }, ctx);
    expect(again.mutationId).toBeNull();
    expect(await moves()).toHaveLength(1);
  });

  it('closes at the stage they are at: hired, rejected by us with a reason, withdrew after declining the offer; and reopens', async () => {
    const { ctx, prospectId, req } = await setUp();
    const move = (args: object, at: number) => mutate(db, pipelineMove, { prospectId, requisitionId: req.id, at, ...args }, ctx);
    await move({ stage: 'Offer' }, 1);
    await move({ status: 'withdrew', declinedOffer: 'compensation', reason: 'Asked for 20% more' }, 2);
    expect(await db.pipeline.get(pipelineEntryId(prospectId, req.id))).toMatchObject({ stage: 'Offer', status: 'withdrew', declinedOffer: 'compensation', reason: 'Asked for 20% more' });
    await move({ stage: 'Onsite' }, 3);
    await move({ status: 'rejected', reason: 'Not enough Go' }, 4);
    await move({ stage: 'Offer' }, 5);
    await move({ status: 'hired' }, 6);
    expect(await moves()).toMatchObject([
      { from: null, to: 'Offer', status: 'active' },
      { from: 'Offer', fromStatus: 'active', to: 'Offer', status: 'withdrew', declinedOffer: 'compensation', reason: 'Asked for 20% more' },
      { from: 'Offer', fromStatus: 'withdrew', to: 'Onsite', status: 'active', reason: null, declinedOffer: null },
      { from: 'Onsite', fromStatus: 'active', to: 'Onsite', status: 'rejected', reason: 'Not enough Go' },
      { from: 'Onsite', fromStatus: 'rejected', to: 'Offer', status: 'active' },
      { from: 'Offer', fromStatus: 'active', to: 'Offer', status: 'hired', reason: null },
    ]);
  });

  it.each<[Partial<z.input<typeof PipelineMoveArgs>>, string]>([
    [{ status: 'rejected' }, 'say why we are rejecting them'],
    [{ status: 'rejected', reason: '   ' }, 'say why we are rejecting them'],
    [{ status: 'withdrew' }, 'say why they withdrew'],
    [{ status: 'withdrew', declinedOffer: 'other' }, 'say what made them decline the offer'],
    [{ status: 'hired', declinedOffer: 'timing' }, 'a declined offer is a reason to withdraw'],
  ])('refuses %j: %s', async (args, reason) => {
    const { ctx, prospectId, req } = await setUp();
    await mutate(db, pipelineMove, { prospectId, requisitionId: req.id, stage: 'Screen' }, ctx);
    await expect(mutate(db, pipelineMove, { prospectId, requisitionId: req.id, ...args }, ctx)).rejects.toThrow(reason);
  });

  it('refuses a stage the requisition does not have, naming its stages', async () => {
    const { ctx, prospectId, req } = await setUp();
    await expect(mutate(db, pipelineMove, { prospectId, requisitionId: req.id, stage: 'Lunch' }, ctx)).rejects.toThrow('“Lunch” is not a stage of Staff Platform Engineer (its stages: Sourced, Screen, Onsite, Offer)');
    await expect(mutate(db, pipelineMove, { prospectId, requisitionId: req.id, status: 'hired' }, ctx)).rejects.toThrow('choose the stage of Staff Platform Engineer to add them at');
    expect(await db.pipeline.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1);
  });

  it('refuses moves in a closed requisition, and newcomers to one on hold (those in it still move)', async () => {
    const { ctx, prospectId } = await setUp();
    const closed = await requisition({ status: 'closed', title: 'Data Engineer' });
    await expect(mutate(db, pipelineMove, { prospectId, requisitionId: closed.id, stage: 'Screen' }, ctx)).rejects.toThrow('Data Engineer is closed: reopen the requisition to move people in it');
    const held = await requisition({ title: 'SRE' });
    await mutate(db, pipelineMove, { prospectId, requisitionId: held.id, stage: 'Screen' }, ctx);
    await arrived(db, 'requisitions', { ...held, status: 'on_hold' });
    await mutate(db, pipelineMove, { prospectId, requisitionId: held.id, status: 'withdrew', reason: 'Took another job' }, ctx);
    const { result: other } = await mutate(db, prospectUpsert, { identity: identity('grace') }, ctx);
    await expect(mutate(db, pipelineMove, { prospectId: other!, requisitionId: held.id, stage: 'Screen' }, ctx)).rejects.toThrow('SRE is on hold: nobody new joins it until it reopens');
  });

  it('refuses hiring managers, who see the stages and decide in reviews', async () => {
    const { prospectId, req } = await setUp();
    const hm = member('hiring_manager');
    await expect(mutate(db, pipelineMove, { prospectId, requisitionId: req.id, stage: 'Screen' }, hm)).rejects.toThrow(MutationRefused);
    await expect(mutate(db, pipelineMove, { prospectId, requisitionId: req.id, stage: 'Screen' }, hm)).rejects.toThrow('hiring managers see the pipeline; recruiters, sourcers and admins move people through it');
    for (const role of ['sourcer', 'admin'] as const) {
      const { mutationId } = await mutate(db, pipelineMove, { prospectId, requisitionId: req.id, stage: role === 'admin' ? 'Onsite' : 'Screen' }, member(role));
      expect(mutationId).not.toBeNull();
    }
  });

  it('keeps one entry when the person is named by an alias', async () => {
    const { ctx, prospectId, req } = await setUp();
    const otherId = ulid();
    await mutate(db, prospectUpsert, { id: otherId, identity: identity() }, ctx);
    await mutate(db, pipelineMove, { prospectId, requisitionId: req.id, stage: 'Screen' }, ctx);
    await mutate(db, pipelineMove, { prospectId: otherId, requisitionId: req.id, stage: 'Onsite' }, ctx);
    expect(await db.pipeline.toArray()).toMatchObject([{ id: pipelineEntryId(prospectId, req.id), prospectId, stage: 'Onsite' }]);
  });

  it('refuses a reused activity id', async () => {
    const { ctx, prospectId, req } = await setUp();
    const activityId = ulid();
    await mutate(db, pipelineMove, { prospectId, requisitionId: req.id, stage: 'Screen', activityId }, ctx);
    await expect(mutate(db, pipelineMove, { prospectId, requisitionId: req.id, stage: 'Onsite', activityId }, ctx)).rejects.toThrow('its id is already used by another activity');
  });
});

describe('pipelineEntryId', () => {
  it('is a ULID-shaped id, the same for the same pair and different for another', () => {
    const [p, r] = [ulid(), ulid()];
    expect(pipelineEntryId(p, r)).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(pipelineEntryId(p, r)).toBe(pipelineEntryId(p, r));
    expect(pipelineEntryId(r, p)).not.toBe(pipelineEntryId(p, r));
    expect(pipelineEntryId('01ARZ3NDEKTSV4RRFFQ69G5FAV', '01BX5ZZKBKACTAV9WEVGEMMVRZ')).toBe(pipelineEntryId('01ARZ3NDEKTSV4RRFFQ69G5FAV', '01BX5ZZKBKACTAV9WEVGEMMVRZ'));
  });
});

describe('stage_changed rows', () => {
  it('reads a row written before status and reason were recorded as a move of an active entry', () => {
    const old = { id: ulid(), teamId: 't', version: 3, deletedAt: null, prospectId: ulid(), actorId: ulid(), at: 1, requisitionId: ulid(), kind: 'stage_changed', data: { from: 'Screen', to: 'Onsite' } };
    expect(Activity.parse(old)).toMatchObject({ data: { from: 'Screen', to: 'Onsite', fromStatus: null, status: 'active', reason: null, declinedOffer: null } });
  });
});
