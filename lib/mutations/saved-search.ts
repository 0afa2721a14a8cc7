import { SavedSearchDeleteArgs, SavedSearchSaveArgs } from '@/lib/model';
import { MutationRefused, NO_CHANGE, defineMutation } from './define';

/**
 * A member's saved People searches. Another member's is private: to anyone else it does not
 * exist, so saving under its id is refused rather than overwriting it.
 */
export const savedSearchSave = defineMutation({
  name: 'search.save',
  title: 'Saving a search',
  args: SavedSearchSaveArgs,
  async apply(store, { id, name, query, at }, { actor }) {
    const existing = await store.get('savedSearches', id);
    if (existing && existing.ownerId !== actor.memberId) throw new MutationRefused('search.save', 'that id belongs to another saved search');
    if (existing && existing.deletedAt !== null) throw new MutationRefused('search.save', 'that saved search was deleted');
    await store.put('savedSearches', { id, deletedAt: null, ownerId: actor.memberId, name, query, createdAt: existing?.createdAt ?? at, updatedAt: at });
    return id;
  },
});

export const savedSearchDelete = defineMutation({
  name: 'search.delete',
  title: 'Deleting a saved search',
  args: SavedSearchDeleteArgs,
  async apply(store, { id, at }, { actor }) {
    const existing = await store.get('savedSearches', id);
    if (!existing || existing.ownerId !== actor.memberId) throw new MutationRefused('search.delete', 'no such saved search');
    if (existing.deletedAt !== null) return NO_CHANGE;
    await store.put('savedSearches', { ...existing, deletedAt: at, updatedAt: at });
    return id;
  },
});
