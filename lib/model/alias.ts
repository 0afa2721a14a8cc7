import { z } from 'zod';
import { Id, SyncedFields } from './common';

/**
 * Two devices that meet the same person offline each create them with their own id; the
 * server keeps the first and records the other id as an alias of it, so writes that name
 * either id land on the same person.
 */
export const Alias = z.object({
  ...SyncedFields,
  prospectId: Id,
});
export type Alias = z.infer<typeof Alias>;
