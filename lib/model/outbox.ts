import { z } from 'zod';
import { Id, TeamId, Timestamp } from './common';

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

/**
 * Changes that never reached their team, and whose they are: what a backup file carries (the
 * member's unsent changes) and what a device keeps apart when someone else signs in to the team.
 * They are sent again only as that member, and only where the rows they wrote have not changed.
 */
export const UnsentChanges = z.object({
  teamId: TeamId,
  teamName: z.string().nullable(),
  memberId: Id,
  memberName: z.string().nullable(),
  changes: z.array(z.object({ name: z.string().min(1).max(64), args: z.unknown(), createdAt: Timestamp })),
  /** Each row the changes wrote, at the version the team's server had then (null: it did not exist yet). */
  basis: z.array(z.object({ table: z.string(), id: z.string(), version: z.number().int().nonnegative().nullable() })),
});
export type UnsentChanges = z.infer<typeof UnsentChanges>;
