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
   * The team it was written for; it is sent to that team only. Always stored (lib/db/outbox-team.ts
   * stamps it in the write's transaction); optional here because `mutate` leaves it to that.
   */
  teamId: TeamId.optional(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;
