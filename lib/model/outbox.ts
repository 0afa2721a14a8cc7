import { z } from 'zod';
import { Timestamp } from './common';

/** A local write waiting for the server. `mutationId` increases by one per client. */
export const OutboxEntry = z.object({
  mutationId: z.number().int().positive(),
  clientId: z.string().min(1).max(64),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  createdAt: Timestamp,
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;
