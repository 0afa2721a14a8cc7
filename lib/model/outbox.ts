import { z } from 'zod';
import { TeamId, Timestamp } from './common';

/** A local write waiting for the server. `mutationId` increases by one per client. */
export const OutboxEntry = z.object({
  mutationId: z.number().int().positive(),
  clientId: z.string().min(1).max(64),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  createdAt: Timestamp,
  /**
   * The team it was written for (the actor's): it is sent to that team only. Rows queued before
   * outbox rows carried it were given the device's team by schema version 5.
   */
  teamId: TeamId,
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;
