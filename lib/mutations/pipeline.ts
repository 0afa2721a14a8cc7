import { PipelineMoveArgs, canMovePipeline, pipelineEntryId, type PipelineEntry } from '@/lib/model';
import { MutationRefused, NO_CHANGE, defineMutation, requireUnusedId, resolveProspect } from './define';

const NAME = 'pipeline.move';
const refuse = (reason: string) => new MutationRefused(NAME, reason);

/**
 * Adds a person to a requisition, moves them to any of its stages, closes their entry (hired,
 * rejected by us, withdrew) or reopens it; each move is also a `stage_changed` activity with
 * from, to, status and reason. One entry per person and requisition, under an id derived from
 * both: two devices adding the same person write the same record, the later one in server
 * order winning, and its activity's `from` is what the server had.
 */
export const pipelineMove = defineMutation({
  name: NAME,
  title: 'A pipeline move',
  args: PipelineMoveArgs,
  async apply(store, { prospectId, requisitionId, stage, status, reason, declinedOffer, activityId, at }, { actor }) {
    if (!canMovePipeline(actor.role)) throw refuse('hiring managers see the pipeline; recruiters, sourcers and admins move people through it');
    await requireUnusedId(store, NAME, 'activities', activityId);
    const prospect = await resolveProspect(store, prospectId);
    if (!prospect) throw refuse('no such person');
    const requisition = await store.get('requisitions', requisitionId);
    if (!requisition || requisition.deletedAt !== null) throw refuse('no such requisition');
    if (requisition.status === 'closed') throw refuse(`${requisition.title} is closed: reopen the requisition to move people in it`);

    const id = pipelineEntryId(prospect.id, requisition.id);
    const live = (entry: PipelineEntry | undefined) => (entry && entry.deletedAt === null ? entry : undefined);
    // An entry made before its person was merged into another keeps its id (derived from the
    // merged-away person): moving it carries it over to the one who stays, and tombstones it.
    const earlier = prospectId === prospect.id ? undefined : live(await store.get('pipeline', pipelineEntryId(prospectId, requisition.id)));
    const current = live(await store.get('pipeline', id)) ?? earlier;
    if (!current && requisition.status === 'on_hold') throw refuse(`${requisition.title} is on hold: nobody new joins it until it reopens`);
    // A stage given must be one of the requisition's; a close keeps the one the entry is at, even one renamed since.
    if (stage !== undefined && !requisition.stages.includes(stage)) throw refuse(`“${stage}” is not a stage of ${requisition.title} (its stages: ${requisition.stages.join(', ')})`);
    const to = stage ?? current?.stage;
    if (to === undefined) throw refuse(`choose the stage of ${requisition.title} to add them at`);

    const next: Omit<PipelineEntry, 'teamId' | 'version'> = { id, deletedAt: null, prospectId: prospect.id, requisitionId: requisition.id, stage: to, status, reason, declinedOffer, updatedAt: at };
    if (current && current.stage === to && current.status === status && current.reason === reason && (current.declinedOffer ?? null) === declinedOffer) return NO_CHANGE;
    await store.put('pipeline', next);
    if (earlier) {
      const { teamId: _team, version: _version, ...carried } = earlier;
      await store.put('pipeline', { ...carried, deletedAt: at, updatedAt: at });
    }
    const data = { from: current?.stage ?? null, fromStatus: current?.status ?? null, to, status, reason, declinedOffer };
    await store.put('activities', { id: activityId, deletedAt: null, prospectId: prospect.id, actorId: actor.memberId, at, requisitionId: requisition.id, kind: 'stage_changed', data });
    return id;
  },
});
