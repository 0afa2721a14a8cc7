import { z } from 'zod';
import { Id, SyncedFields, Timestamp, shortText } from './common';
import { PeopleQuery } from './people-search';

export const SavedSearchName = shortText(100).min(1, 'a saved search needs a name');

/**
 * A member's own named People search (words and filters), on every device they use and to
 * nobody else. It holds what was typed, nothing about the people it finds.
 */
export const SavedSearch = z.object({
  ...SyncedFields,
  ownerId: Id,
  name: SavedSearchName,
  query: PeopleQuery,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type SavedSearch = z.infer<typeof SavedSearch>;
