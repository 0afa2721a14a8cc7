import { z } from 'zod';

/** ULIDs are made on the client, so anything can be created offline. */
export const Id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');
export type Id = z.infer<typeof Id>;

/** Milliseconds since the epoch, UTC. */
export const Timestamp = z.number().int().nonnegative();
export type Timestamp = z.infer<typeof Timestamp>;

/** Before a device signs in to a team server, its rows belong to this local team. */
export const LOCAL_TEAM_ID = 'local';
export const TeamId = z.string().min(1).max(64);

/** Text typed by people: trimmed, no NUL, bounded so one row cannot exhaust storage. */
export const shortText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
    // Postgres cannot store lone surrogates; refuse them on the device, not only at the server.
    .refine((s) => s.isWellFormed(), 'must be valid Unicode text');

/** Fields every synced row carries. `version` is the server's; 0 until acknowledged. */
export const SyncedFields = {
  id: Id,
  teamId: TeamId,
  version: z.number().int().nonnegative(),
  deletedAt: Timestamp.nullable(),
};
