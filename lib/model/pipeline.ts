import { z } from 'zod';
import { Id, SyncedFields, Timestamp, shortText } from './common';

export const PipelineStatus = z.enum(['active', 'hired', 'rejected', 'withdrew']);

/** Where a person stands for one requisition; every move is also a `stage_changed` activity. */
export const PipelineEntry = z.object({
  ...SyncedFields,
  prospectId: Id,
  requisitionId: Id,
  stage: shortText(100).min(1),
  status: PipelineStatus,
  reason: shortText(500).nullable(),
  updatedAt: Timestamp,
});
export type PipelineEntry = z.infer<typeof PipelineEntry>;
