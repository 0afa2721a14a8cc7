import type { TandemDB } from '@/lib/db/database';
import { mutate } from '@/lib/db/mutate';
import { resolvePeople } from '@/lib/db/queries';
import { type Requisition, pipelineEntryId } from '@/lib/model';
import { pipelineMove } from '@/lib/mutations';
import { errorText } from '@/components/ui/error-message';

export interface AddOutcome {
  added: string[];
  /** Each person not added, with why, in words. */
  notAdded: { name: string; why: string }[];
}

/**
 * Adds people to a requisition at a stage, one `pipeline.move` each so one refusal does not
 * stop the rest. Someone already in it is left where they are: adding is not moving back.
 */
export async function addManyToRequisition(db: TandemDB, prospectIds: readonly string[], requisition: Requisition, stage: string): Promise<AddOutcome> {
  const outcome: AddOutcome = { added: [], notAdded: [] };
  const people = await resolvePeople(db, prospectIds);
  for (const [i, found] of people.entries()) {
    if (!found) {
      outcome.notAdded.push({ name: `Person ${prospectIds[i]!.slice(-6)}`, why: 'no longer on this device (erased, or merged away)' });
      continue;
    }
    const person = found;
    const entry = await db.pipeline.get(pipelineEntryId(person.id, requisition.id));
    if (entry && entry.deletedAt === null) {
      outcome.notAdded.push({ name: person.name, why: `already in ${requisition.title}, at ${entry.stage}` });
      continue;
    }
    try {
      await mutate(db, pipelineMove, { prospectId: person.id, requisitionId: requisition.id, stage, status: 'active', reason: null });
      outcome.added.push(person.name);
    } catch (e) {
      outcome.notAdded.push({ name: person.name, why: errorText(e) });
    }
  }
  return outcome;
}
